"""Merge the registry drafts into claims.yaml (text-level, keeping comments and layout)."""
import re, sys, yaml
base = open("claims.yaml", encoding="utf-8").read()
head = base[: base.index("\nsources:")]
documents = base[base.index("\ndocuments:"): base.index("\nclaims:")]
srcs, claims, seen = [], [], set()
for name in sys.argv[1:]:
    text = open(name, encoding="utf-8").read()
    s = text[text.index("\nsources:\n") + len("\nsources:\n"): text.index("\nclaims:\n")]
    c = text[text.index("\nclaims:\n") + len("\nclaims:\n"):]
    # drop sources already defined by an earlier draft
    blocks = re.split(r"(?m)^(?=  - id: )", s)
    for b in blocks:
        m = re.match(r"  - id: (\S+)", b)
        if m and m.group(1) in seen:
            print("duplicate source dropped:", m.group(1), "from", name); continue
        if m: seen.add(m.group(1))
        srcs.append(b.rstrip("\n") + "\n")
    claims.append(f"  # ---- from {name.split('/')[-1]} ----\n" + c.rstrip("\n") + "\n")
out = head + "\nsources:\n" + "".join(srcs) + documents + "\nclaims:\n" + "\n".join(claims)
yaml.safe_load(out)
open("claims.yaml", "w", encoding="utf-8").write(out)
print("ok")
