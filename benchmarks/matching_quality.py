#!/usr/bin/env python3
"""Matching quality: precision, recall and F1 of claim matching against labelled documents.

The ground truth is ``tests/fixtures/matching/labels.yaml``: for every document in that folder,
the sentences that assert (or state the correction of) one of nine registered claims. A labels
file may instead be a mapping with ``scored_claims`` (the claims it was labelled for) and
``documents`` (``tests/fixtures/matching-web/``). This
script audits every labelled document with the registry and scores the audit's claim matches:

* a prediction is a claim match (``finding.match``) of a scored claim id; it sits at the line
  where its sentence starts (from ``match.sentence_start``) and at the finding's own line;
* it is a true positive when an unused label has the same claim id and either of those lines
  falls in the label's ``line``..``end_line``; otherwise a false positive. Each label is used
  at most once; labels left over are false negatives;
* per match kind (exact, pattern, fuzzy) precision = TP of that kind / predictions of that
  kind and recall = TP of that kind / all labels, so the kinds' recalls add up to the total;
* stance accuracy is measured over the true positives.

Predictions of claim ids outside the scored set are ignored (counted as "out of scope"): the
documents were labelled only for the scored claims.

Usage::

    python benchmarks/matching_quality.py                      # table at the default threshold
    python benchmarks/matching_quality.py --sweep              # P/R/F1 for thresholds 0.50..0.95
    python benchmarks/matching_quality.py --verbose            # also list misses and false alarms
    python benchmarks/matching_quality.py --json               # the evaluate() dict as JSON
    python benchmarks/matching_quality.py --selftest           # check the scoring on fake findings

Tests import this file by path and call ``evaluate(registry, threshold)`` (a ``Registry`` or a
path to a registry file); the scoring itself is ``score(labels, predictions)``.
Needs only the standard library, PyYAML and claimcheck (imported lazily, so ``--selftest``
runs without claimcheck's dependencies).
"""

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_REGISTRY = ROOT / "claims.yaml"
DEFAULT_LABELS = ROOT / "tests" / "fixtures" / "matching" / "labels.yaml"

MATCH_KINDS = ("exact", "pattern", "value", "fuzzy", "semantic")
KIND_RANK = {kind: rank for rank, kind in enumerate(MATCH_KINDS)}
STANCES = ("asserts", "agrees-with-evidence")
DOC_KINDS = ("paraphrase", "near-verbatim", "correct-facts", "unrelated")
SCORED_CLAIMS = frozenset({
    "ketamine-not-controlled",
    "ketamine-fda-approved-depression",
    "ketamine-70-percent-response",
    "ketamine-relief-within-hours",
    "ketamine-grows-synapses",
    "ketamine-acts-on-glutamate",
    "antidepressants-take-weeks",
    "ketamine-effects-last-weeks",
    "ketamine-anesthetic-origin",
})
SWEEP_THRESHOLDS = tuple(round(0.40 + 0.05 * i, 2) for i in range(12))  # 0.40 .. 0.95


class LabelError(ValueError):
    """labels.yaml is malformed: the message names the entry."""


@dataclass(frozen=True)
class Label:
    file: str
    line: int
    end_line: int
    claim: str
    stance: str
    doc_kind: str
    text: str = ""


@dataclass(frozen=True)
class Prediction:
    file: str
    line: int  # line where the matched sentence starts (or the finding's line)
    claim: str
    kind: str  # exact | pattern | fuzzy
    stance: str
    confidence: float = 1.0
    lines: frozenset = field(default_factory=frozenset)  # every line this prediction may be scored at
    excerpt: str = ""

    def at(self) -> frozenset:
        return self.lines or frozenset({self.line})


# --------------------------------------------------------------------------- labels


def load_labels(path=DEFAULT_LABELS, check_files: bool = True):
    """Read and validate labels.yaml; returns (documents, labels).

    ``documents`` is a list of (file name, doc kind) in file order; ``labels`` a list of Label.
    Raises LabelError for anything malformed, a duplicate (file, line, claim), or (with
    ``check_files``) a missing file or a label beyond the file's last line.
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: cannot read labels: {exc}") from None
    if isinstance(data, dict):  # {scored_claims: [...], documents: [...]}
        data = data.get("documents")
    if not isinstance(data, list):
        raise LabelError(f"{path}: expected a list of documents at the top level (or under 'documents')")
    documents, labels, seen_files, seen = [], [], set(), set()
    for number, entry in enumerate(data, 1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict):
            raise LabelError(f"{where}: expected a mapping")
        name, kind, expect = entry.get("file"), entry.get("kind"), entry.get("expect")
        if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
            raise LabelError(f"{where}: 'file' must be a plain file name in the labels' folder")
        where = f"{path}: {name}"
        if name in seen_files:
            raise LabelError(f"{where}: listed twice")
        seen_files.add(name)
        if kind not in DOC_KINDS:
            raise LabelError(f"{where}: 'kind' must be one of {', '.join(DOC_KINDS)}, not {kind!r}")
        if not isinstance(expect, list):
            raise LabelError(f"{where}: 'expect' must be a list ([] when nothing should match)")
        line_count = None
        if check_files:
            doc_path = path.parent / name
            try:
                line_count = doc_path.read_bytes().decode("utf-8").count("\n") + 1
            except (OSError, UnicodeDecodeError) as exc:
                raise LabelError(f"{where}: cannot read the document: {exc}") from None
        documents.append((name, kind))
        for item in expect:
            if not isinstance(item, dict):
                raise LabelError(f"{where}: each 'expect' item must be a mapping")
            line, claim, stance = item.get("line"), item.get("claim"), item.get("stance")
            end_line = item.get("end_line", line)
            if type(line) is not int or line < 1 or type(end_line) is not int or end_line < line:
                raise LabelError(f"{where}: bad line/end_line {line!r}/{end_line!r}")
            if line_count is not None and end_line > line_count:
                raise LabelError(f"{where}: line {end_line} is beyond the document's {line_count} lines")
            if not isinstance(claim, str) or not claim:
                raise LabelError(f"{where}:{line}: 'claim' must be a claim id")
            if stance not in STANCES:
                raise LabelError(f"{where}:{line}: 'stance' must be one of {', '.join(STANCES)}, not {stance!r}")
            if (name, line, claim) in seen:
                raise LabelError(f"{where}:{line}: claim {claim} labelled twice at this line")
            seen.add((name, line, claim))
            labels.append(Label(name, line, end_line, claim, stance, kind, str(item.get("text") or "")))
    return documents, labels


def scored_claims_of(path) -> frozenset | None:
    """The ``scored_claims`` a labels file declares (a mapping with ``documents``), else None."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    claims = data.get("scored_claims") if isinstance(data, dict) else None
    if claims is None:
        return None
    if not isinstance(claims, list) or not all(isinstance(c, str) and c for c in claims):
        raise LabelError(f"{path}: 'scored_claims' must be a list of claim ids")
    return frozenset(claims)


# ----------------------------------------------------------------------- predictions


def _value(x):
    return getattr(x, "value", x)


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, min(offset, len(text)))) + 1


def predictions_from_report(file: str, text: str, report) -> list:
    """Claim matches of one DocumentReport as Predictions, one per (claim, sentence)."""
    best = {}
    for finding in getattr(report, "findings", ()) or ():
        match = getattr(finding, "match", None)
        if match is None:
            continue
        finding_line = int(getattr(finding, "line", 0) or 0)
        sentence_start = getattr(match, "sentence_start", None)
        if isinstance(sentence_start, int) and 0 <= sentence_start <= len(text):
            line = _line_at(text, sentence_start)
        else:
            line = finding_line
        lines = frozenset(x for x in (line, finding_line) if x > 0)
        kind = str(_value(match.kind))
        prediction = Prediction(
            file=file,
            line=line,
            claim=str(match.claim_id),
            kind=kind,
            stance=str(_value(match.stance)),
            confidence=float(getattr(match, "confidence", 1.0) or 0.0),
            lines=lines,
            excerpt=" ".join(str(getattr(match, "sentence", "") or getattr(match, "matched_text", "")).split())[:160],
        )
        key = (prediction.claim, line)
        current = best.get(key)
        if current is None or (KIND_RANK.get(kind, 9), -prediction.confidence) < (
                KIND_RANK.get(current.kind, 9), -current.confidence):
            best[key] = prediction
    return sorted(best.values(), key=lambda p: (p.line, p.claim))


# --------------------------------------------------------------------------- scoring


def _prf(tp: int, predicted: int, positives: int) -> dict:
    precision = tp / predicted if predicted else 0.0
    recall = tp / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # F0.5 weighs precision twice as much as recall: a false accusation costs more than a miss
    f05 = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    return {"predicted": predicted, "tp": tp, "fp": predicted - tp,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "f05": round(f05, 4)}


def score(labels, predictions, scored_claims=SCORED_CLAIMS, doc_kinds=None) -> dict:
    """Score predictions against labels (see the module docstring for the rules).

    ``doc_kinds`` maps file -> document kind for predictions in files without labels (so that
    false positives in unrelated documents are attributed); labels carry their own.
    """
    scored_claims = frozenset(scored_claims) if scored_claims is not None else None
    doc_kinds = dict(doc_kinds or {})
    for label in labels:
        doc_kinds.setdefault(label.file, label.doc_kind)
    unused = {}
    for label in labels:
        unused.setdefault((label.file, label.claim), []).append(label)

    in_scope = [p for p in predictions if scored_claims is None or p.claim in scored_claims]
    out_of_scope = len(predictions) - len(in_scope)
    # exact before pattern before fuzzy, so a label goes to the best kind if two ever compete
    in_scope.sort(key=lambda p: (p.file, KIND_RANK.get(p.kind, 9), p.line, p.claim))

    tps, fps = [], []
    for p in in_scope:
        candidates = [lab for lab in unused.get((p.file, p.claim), ())
                      if any(lab.line <= at <= lab.end_line for at in p.at())]
        if candidates:
            label = min(candidates, key=lambda lab: (lab.line != p.line, abs(lab.line - p.line)))
            unused[(p.file, p.claim)].remove(label)
            tps.append((p, label))
        else:
            fps.append(p)
    fns = sorted((lab for group in unused.values() for lab in group), key=lambda lab: (lab.file, lab.line, lab.claim))

    positives = len(labels)
    kinds = {}
    for kind in MATCH_KINDS:
        kinds[kind] = _prf(sum(1 for p, _ in tps if p.kind == kind),
                           sum(1 for p in in_scope if p.kind == kind), positives)
    kinds["all"] = _prf(len(tps), len(in_scope), positives)

    stance_correct = sum(1 for p, lab in tps if p.stance == lab.stance)
    by_stance = {}
    for stance in STANCES:
        group = [(p, lab) for p, lab in tps if lab.stance == stance]
        by_stance[stance] = {
            "labelled": sum(1 for lab in labels if lab.stance == stance),
            "found": len(group),
            "stance_correct": sum(1 for p, lab in group if p.stance == lab.stance),
        }

    by_doc_kind = {}
    for doc_kind in DOC_KINDS:
        tp = sum(1 for _, lab in tps if lab.doc_kind == doc_kind)
        fp = sum(1 for p in fps if doc_kinds.get(p.file) == doc_kind)
        fn = sum(1 for lab in fns if lab.doc_kind == doc_kind)
        by_doc_kind[doc_kind] = {"labelled": tp + fn, **_prf(tp, tp + fp, tp + fn), "fn": fn}

    by_claim = {}
    for claim in sorted({lab.claim for lab in labels} | {p.claim for p in in_scope}):
        tp = sum(1 for p, _ in tps if p.claim == claim)
        fp = sum(1 for p in fps if p.claim == claim)
        fn = sum(1 for lab in fns if lab.claim == claim)
        by_claim[claim] = {"labelled": tp + fn, **_prf(tp, tp + fp, tp + fn), "fn": fn}

    def pred(p):
        return {"file": p.file, "line": p.line, "claim": p.claim, "kind": p.kind,
                "stance": p.stance, "confidence": p.confidence, "sentence": p.excerpt}

    def lab(x):
        return {"file": x.file, "line": x.line, "claim": x.claim, "stance": x.stance,
                "doc_kind": x.doc_kind, "text": x.text}

    return {
        "labelled": positives,
        "kinds": kinds,
        "stance": {
            "total": len(tps),
            "correct": stance_correct,
            "accuracy": round(stance_correct / len(tps), 4) if tps else None,
            "by_stance": by_stance,
        },
        "by_doc_kind": by_doc_kind,
        "by_claim": by_claim,
        "out_of_scope": out_of_scope,
        "false_positives": [pred(p) for p in sorted(fps, key=lambda p: (p.file, p.line, p.claim))],
        "false_negatives": [lab(x) for x in fns],
        "stance_errors": [{**pred(p), "expected": x.stance} for p, x in tps if p.stance != x.stance],
    }


# ------------------------------------------------------------------------ evaluation


def _claimcheck():
    try:
        import claimcheck  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
    from claimcheck.audit import Auditor
    from claimcheck.loader import load_registry
    return load_registry, Auditor


def load(registry_path=DEFAULT_REGISTRY):
    """Load a registry with claimcheck; raises RuntimeError when it cannot be used."""
    load_registry, _ = _claimcheck()
    result = load_registry(str(registry_path))
    if result.registry is None:
        problems = "; ".join(f"{p.line}:{p.column} {p.rule}: {p.message}" for p in result.problems[:5])
        raise RuntimeError(f"{registry_path}: registry could not be loaded: {problems}")
    return result.registry


def evaluate(registry, threshold=None, *, labels_path=DEFAULT_LABELS, scored_claims=SCORED_CLAIMS,
             auditor_factory=None, semantic=None) -> dict:
    """Audit every labelled document and score the claim matches.

    ``registry``: a claimcheck Registry, or a path to a registry file. ``threshold``: the fuzzy
    threshold (None = claimcheck's default). ``auditor_factory(registry, threshold)`` replaces
    ``Auditor(registry, fuzzy_threshold=threshold)`` (for tests). Returns the ``score`` dict plus
    ``threshold``, ``documents`` and ``missing_claims`` (scored claim ids the registry lacks).
    """
    if isinstance(registry, (str, os.PathLike)):
        registry = load(registry)
    if auditor_factory is None:
        _, Auditor = _claimcheck()

        def auditor_factory(reg, t):
            auditor = Auditor(reg, fuzzy_threshold=t)
            if semantic is not None:  # the optional embedding tier, at this similarity threshold
                from claimcheck.model import MatchKind

                auditor = Auditor(reg, fuzzy_threshold=t, kinds=auditor.options.kinds + (MatchKind.semantic,))
                from claimcheck.semantic import SemanticMatcher

                auditor.matcher.__dict__["_semantic"] = SemanticMatcher(reg, semantic)
            return auditor

    labels_path = Path(labels_path)
    documents, labels = load_labels(labels_path)
    if scored_claims is SCORED_CLAIMS:  # a labels file may say which claims it was labelled for
        scored_claims = scored_claims_of(labels_path) or SCORED_CLAIMS
    auditor = auditor_factory(registry, threshold)
    predictions = []
    errors = []
    for name, _kind in documents:
        # bytes -> str keeps CRLF line ends, as `claimcheck audit` reads files
        text = (labels_path.parent / name).read_bytes().decode("utf-8")
        report = auditor.audit_text(text, path=name)
        if getattr(report, "error", None):
            errors.append(f"{name}: {report.error}")
        predictions.extend(predictions_from_report(name, text, report))
    result = score(labels, predictions, scored_claims, doc_kinds=dict(documents))
    effective = threshold
    if effective is None:
        matcher = getattr(auditor, "matcher", None)
        effective = getattr(matcher, "fuzzy_threshold", None)
    claims = getattr(registry, "claims", None)
    result.update({
        "threshold": threshold,
        "effective_threshold": effective,
        "documents": len(documents),
        "missing_claims": sorted(c for c in (scored_claims or ()) if claims is not None and c not in claims),
        "errors": errors,
    })
    return result


def sweep(registry, thresholds=SWEEP_THRESHOLDS, **kwargs) -> list:
    return [evaluate(registry, t, **kwargs) for t in thresholds]


# --------------------------------------------------------------------------- output


def _row(name, m):
    return (f"{name:<9} {m['predicted']:>9} {m['tp']:>5} {m['fp']:>5} "
            f"{m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>7.3f}")


def format_report(result: dict, verbose: bool = False) -> str:
    t = result.get("effective_threshold")
    t_text = "?" if t is None else f"{t:.2f}"
    if result.get("threshold") is None:
        t_text += " (default)"
    out = [f"matching quality: {result.get('documents', '?')} documents, {result['labelled']} labelled "
           f"claim sentences, fuzzy threshold {t_text}", ""]
    out.append(f"{'kind':<9} {'predicted':>9} {'TP':>5} {'FP':>5} {'precision':>9} {'recall':>7} {'F1':>7}")
    for kind in (*MATCH_KINDS, "all"):
        out.append(_row(kind, result["kinds"][kind]))
    fn = len(result["false_negatives"])
    out.append(f"{'missed':<9} {fn:>9}   (labelled sentences no kind found)")
    stance = result["stance"]
    if stance["total"]:
        parts = ", ".join(f"{s} {v['stance_correct']}/{v['found']}" for s, v in stance["by_stance"].items())
        out.append(f"\nstance accuracy over {stance['total']} true positives: {stance['accuracy']:.3f}  ({parts})")
    else:
        out.append("\nstance accuracy: n/a (no true positives)")
    out.append("\nby document kind:")
    out.append(f"  {'kind':<14} {'labelled':>8} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    for kind, m in result["by_doc_kind"].items():
        out.append(f"  {kind:<14} {m['labelled']:>8} {m['tp']:>4} {m['fp']:>4} {m['fn']:>4} "
                   f"{m['precision']:>9.3f} {m['recall']:>7.3f}")
    out.append("\nby claim:")
    out.append(f"  {'claim':<34} {'labelled':>8} {'TP':>4} {'FP':>4} {'FN':>4} {'F1':>6}")
    for claim, m in result["by_claim"].items():
        out.append(f"  {claim:<34} {m['labelled']:>8} {m['tp']:>4} {m['fp']:>4} {m['fn']:>4} {m['f1']:>6.3f}")
    if result.get("out_of_scope"):
        out.append(f"\n{result['out_of_scope']} matches of other (unlabelled) claims ignored")
    if result.get("missing_claims"):
        out.append("WARNING: the registry lacks scored claims: " + ", ".join(result["missing_claims"]))
    for error in result.get("errors", ()):
        out.append(f"WARNING: {error}")
    if verbose:
        out.append("\nmissed (false negatives):")
        for x in result["false_negatives"]:
            out.append(f"  {x['file']}:{x['line']}  {x['claim']} [{x['stance']}]  {x['text'][:100]}")
        out.append("\nfalse positives:")
        for p in result["false_positives"]:
            out.append(f"  {p['file']}:{p['line']}  {p['claim']} [{p['kind']} {p['confidence']:.2f} {p['stance']}]"
                       f"  {p['sentence'][:100]}")
        out.append("\nstance errors:")
        for p in result["stance_errors"]:
            out.append(f"  {p['file']}:{p['line']}  {p['claim']} [{p['kind']}] predicted {p['stance']}, "
                       f"labelled {p['expected']}")
    return "\n".join(out)


def format_sweep(results: list) -> str:
    out = ["fuzzy threshold sweep (fuzzy = fuzzy matches only; all = every kind; other = matches of",
           "claims outside the labelled nine, which the labels cannot score)", "",
           f"{'threshold':>9} | {'fuzzy P':>7} {'R':>6} {'F1':>6} {'n':>4} | {'all P':>6} {'R':>6} {'F1':>6} "
           f"{'F0.5':>6} | {'stance':>6} {'other':>5}"]
    for r in results:
        f, a = r["kinds"]["fuzzy"], r["kinds"]["all"]
        acc = r["stance"]["accuracy"]
        out.append(f"{r['threshold']:>9.2f} | {f['precision']:>7.3f} {f['recall']:>6.3f} {f['f1']:>6.3f} "
                   f"{f['predicted']:>4} | {a['precision']:>6.3f} {a['recall']:>6.3f} {a['f1']:>6.3f} "
                   f"{a['f05']:>6.3f} | "
                   f"{'n/a' if acc is None else format(acc, '.3f'):>6} {r.get('out_of_scope', 0):>5}")
    best = max(results, key=lambda r: (r["kinds"]["all"]["f1"], r["threshold"]))
    out.append(f"\nbest overall F1 {best['kinds']['all']['f1']:.3f} at threshold {best['threshold']:.2f}")
    best = max(results, key=lambda r: (r["kinds"]["all"]["f05"], r["threshold"]))
    out.append(f"best overall F0.5 {best['kinds']['all']['f05']:.3f} at threshold {best['threshold']:.2f}"
               " (the default: precision counts twice as much as recall)")
    return "\n".join(out)


# -------------------------------------------------------------------------- selftest


def _fake_finding(line, claim, kind, stance, sentence_start=None, confidence=1.0, sentence=""):
    match = SimpleNamespace(claim_id=claim, kind=SimpleNamespace(value=kind), confidence=confidence,
                            stance=SimpleNamespace(value=stance), sentence=sentence, matched_text=sentence)
    if sentence_start is not None:
        match.sentence_start = sentence_start
    return SimpleNamespace(line=line, column=1, rule="r", severity="error", match=match)


def selftest() -> int:
    failures = []

    def check(name, condition):
        if not condition:
            failures.append(name)

    A, E = "asserts", "agrees-with-evidence"
    labels = [
        Label("a.txt", 1, 1, "c1", A, "paraphrase"),
        Label("a.txt", 2, 3, "c2", E, "paraphrase"),      # wrapped over lines 2-3
        Label("a.txt", 4, 4, "c1", A, "paraphrase"),
        Label("b.txt", 1, 1, "c3", A, "correct-facts"),
    ]
    preds = [
        Prediction("a.txt", 1, "c1", "exact", A),               # TP, stance right
        Prediction("a.txt", 2, "c2", "pattern", A, lines=frozenset({2, 3})),  # TP, stance wrong
        Prediction("a.txt", 4, "c1", "fuzzy", A),               # TP
        Prediction("a.txt", 4, "c1", "fuzzy", A),               # duplicate: label used -> FP
        Prediction("a.txt", 5, "c1", "fuzzy", A),               # FP (no label at 5)
        Prediction("b.txt", 1, "c9", "pattern", A),             # out of scope
        Prediction("u.txt", 1, "c2", "fuzzy", A),               # FP in an unrelated doc
    ]
    r = score(labels, preds, scored_claims={"c1", "c2", "c3"}, doc_kinds={"u.txt": "unrelated"})
    k = r["kinds"]
    check("all tp", k["all"]["tp"] == 3)
    check("all predicted", k["all"]["predicted"] == 6)
    check("out of scope", r["out_of_scope"] == 1)
    check("exact p/r", k["exact"]["precision"] == 1.0 and k["exact"]["recall"] == 0.25)
    check("pattern p/r", k["pattern"]["precision"] == 1.0 and k["pattern"]["recall"] == 0.25)
    check("fuzzy p/r", k["fuzzy"]["precision"] == round(1 / 4, 4) and k["fuzzy"]["recall"] == 0.25)
    check("recalls add up", abs(sum(k[x]["recall"] for x in MATCH_KINDS) - k["all"]["recall"]) < 1e-3)
    check("all f1", k["all"]["f1"] == round(2 * 0.5 * 0.75 / 1.25, 4))
    check("fn", [(x["file"], x["claim"]) for x in r["false_negatives"]] == [("b.txt", "c3")])
    check("stance", r["stance"]["total"] == 3 and r["stance"]["correct"] == 2)
    check("stance errors", len(r["stance_errors"]) == 1 and r["stance_errors"][0]["expected"] == E)
    check("doc kind unrelated fp", r["by_doc_kind"]["unrelated"]["fp"] == 1)
    check("doc kind correct-facts fn", r["by_doc_kind"]["correct-facts"]["fn"] == 1)
    check("by claim", r["by_claim"]["c1"]["tp"] == 2 and r["by_claim"]["c1"]["fp"] == 2)

    # a prediction found on the second line of a wrapped sentence still matches
    r = score([Label("w.txt", 5, 6, "c", A, "paraphrase")], [Prediction("w.txt", 6, "c", "pattern", A)], {"c"})
    check("end_line tolerance", r["kinds"]["all"]["tp"] == 1)
    r = score([Label("w.txt", 5, 5, "c", A, "paraphrase")], [Prediction("w.txt", 6, "c", "pattern", A)], {"c"})
    check("no tolerance without end_line", r["kinds"]["all"]["tp"] == 0)
    # empty inputs do not divide by zero
    r = score([], [], {"c"})
    check("empty", r["kinds"]["all"]["f1"] == 0.0 and r["stance"]["accuracy"] is None)

    # findings -> predictions: sentence_start gives the sentence's line; None matches skipped;
    # one prediction per (claim, sentence), the better kind kept
    text = "Title\nFirst sentence starts here and\nwraps here. Second.\n"
    start = text.index("First")
    report = SimpleNamespace(findings=[
        _fake_finding(3, "c1", "fuzzy", A, start, 0.8),
        _fake_finding(3, "c1", "pattern", E, start, 0.95),
        SimpleNamespace(line=1, column=1, rule="unregistered-claim", severity="info", match=None),
        _fake_finding(3, "c2", "exact", A, None),
    ])
    ps = predictions_from_report("t.txt", text, report)
    check("predictions count", len(ps) == 2)
    by_claim = {p.claim: p for p in ps}
    check("sentence line", by_claim["c1"].line == 2 and by_claim["c1"].at() == frozenset({2, 3}))
    check("best kind kept", by_claim["c1"].kind == "pattern" and by_claim["c1"].stance == E)
    check("finding line fallback", by_claim["c2"].line == 3)

    # evaluate() end to end with a fake auditor over a temporary labels file
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "x.txt").write_bytes("Intro line.\r\nKetamine is not a controlled substance.\r\nEnd.\r\n".encode())
        (tmp / "y.md").write_text("# Sleep\n\nMelatonin is not a controlled substance.\n", encoding="utf-8")
        (tmp / "labels.yaml").write_text(
            "- file: x.txt\n  kind: paraphrase\n  expect:\n"
            "    - {line: 2, claim: ketamine-not-controlled, stance: asserts}\n"
            "- file: y.md\n  kind: unrelated\n  expect: []\n", encoding="utf-8")

        class FakeAuditor:
            def __init__(self, registry, threshold):
                self.threshold = threshold

            def audit_text(self, text, path="<text>"):
                findings = []
                offset = text.find("not a controlled substance")
                if offset >= 0:
                    sentence_start = text.rfind("\n", 0, offset) + 1
                    line = text.count("\n", 0, offset) + 1
                    findings.append(_fake_finding(line, "ketamine-not-controlled", "pattern", A, sentence_start))
                return SimpleNamespace(findings=findings, error=None)

        fake_registry = SimpleNamespace(claims={"ketamine-not-controlled": object()})
        r = evaluate(fake_registry, 0.8, labels_path=tmp / "labels.yaml",
                     auditor_factory=lambda reg, t: FakeAuditor(reg, t))
        check("evaluate tp", r["kinds"]["all"]["tp"] == 1 and r["kinds"]["pattern"]["tp"] == 1)
        check("evaluate fp in unrelated", r["by_doc_kind"]["unrelated"]["fp"] == 1)
        check("evaluate threshold", r["threshold"] == 0.8 and r["documents"] == 2)
        check("evaluate missing claims", "ketamine-fda-approved-depression" in r["missing_claims"])
        format_report(r, verbose=True)
        format_sweep([r])

        # malformed labels are rejected with a message
        bad = {
            "dup": "- file: x.txt\n  kind: paraphrase\n  expect:\n    - {line: 2, claim: c, stance: asserts}\n"
                   "    - {line: 2, claim: c, stance: asserts}\n",
            "stance": "- file: x.txt\n  kind: paraphrase\n  expect:\n    - {line: 2, claim: c, stance: maybe}\n",
            "kind": "- file: x.txt\n  kind: blog\n  expect: []\n",
            "range": "- file: x.txt\n  kind: paraphrase\n  expect:\n    - {line: 9, claim: c, stance: asserts}\n",
            "missing": "- file: nope.txt\n  kind: paraphrase\n  expect: []\n",
            "path": "- file: ../x.txt\n  kind: paraphrase\n  expect: []\n",
        }
        for name, content in bad.items():
            (tmp / "bad.yaml").write_text(content, encoding="utf-8")
            try:
                load_labels(tmp / "bad.yaml")
            except LabelError:
                pass
            else:
                failures.append(f"labels {name} accepted")

    # the real labels file is well formed and uses only scored claims
    try:
        documents, labels = load_labels(DEFAULT_LABELS)
        check("real labels claims", {x.claim for x in labels} <= SCORED_CLAIMS)
        folder = {p.name for p in DEFAULT_LABELS.parent.iterdir() if p.suffix in (".txt", ".md")}
        check("every fixture labelled", folder == {name for name, _ in documents})
    except LabelError as exc:
        failures.append(f"real labels: {exc}")

    # the stance sets are well formed, and findings map to the expected kinds
    try:
        for path in (DEFAULT_STANCE_LABELS, HOLDOUT_STANCE_LABELS):
            check(f"stance labels {path.parent.name}", len(load_stance_labels(path)) >= 30)
    except LabelError as exc:
        failures.append(f"stance labels: {exc}")
    ns = SimpleNamespace
    check("kind refutes", finding_kind(ns(rule="reports-claim", match=ns(stance=ns(value=E)))) == "refutes")
    check("kind reports", finding_kind(ns(rule="reports-claim", match=ns(stance=ns(value=A),
                                                                        stance_rule="quoted"))) == "reports")
    check("kind asks", finding_kind(ns(rule="reports-claim", match=ns(stance=ns(value=A),
                                                                     stance_rule="question-indirect"))) == "asks")
    check("kind agrees", finding_kind(ns(rule="agrees-with-evidence", match=ns(stance=ns(value=E)))) == "agrees")
    check("kind asserts", finding_kind(ns(rule="factually-wrong", match=ns(stance=ns(value=A)))) == "asserts")

    if failures:
        print("selftest FAILED: " + ", ".join(failures))
        return 1
    print("selftest OK")
    return 0


# ------------------------------------------------------------------------ stance set

DEFAULT_STANCE_LABELS = ROOT / "tests" / "fixtures" / "stance" / "labels.yaml"
HOLDOUT_STANCE_LABELS = ROOT / "tests" / "fixtures" / "stance-holdout" / "labels.yaml"
STANCE_KINDS = ("asserts", "reports", "refutes", "asks", "agrees")
# Expected kinds on which no error or warning may appear (the issue's "debunking and reporting
# sentences"); an attributed repetition without refutation ("reports") may be a warning.
SAFE_KINDS = frozenset({"refutes", "asks", "agrees"})


@dataclass(frozen=True)
class StanceLabel:
    number: int
    text: str
    claim: str
    expect: str
    format: str = "txt"
    style: str = ""


def load_stance_labels(path=DEFAULT_STANCE_LABELS) -> list:
    """Read a stance set: a list of {text, claim, expect, format?, style?}; LabelError if malformed."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: cannot read labels: {exc}") from None
    if not isinstance(data, list):
        raise LabelError(f"{path}: expected a list of passages at the top level")
    labels = []
    for number, entry in enumerate(data, 1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict):
            raise LabelError(f"{where}: expected a mapping")
        text, claim, expect = entry.get("text"), entry.get("claim"), entry.get("expect")
        fmt = entry.get("format", "txt")
        if not isinstance(text, str) or not text.strip():
            raise LabelError(f"{where}: 'text' must be a non-empty string")
        if not isinstance(claim, str) or not claim:
            raise LabelError(f"{where}: 'claim' must be a claim id")
        if expect not in STANCE_KINDS:
            raise LabelError(f"{where}: 'expect' must be one of {', '.join(STANCE_KINDS)}, not {expect!r}")
        if fmt not in ("txt", "md"):
            raise LabelError(f"{where}: 'format' must be txt or md, not {fmt!r}")
        labels.append(StanceLabel(number, text, claim, expect, fmt, str(entry.get("style") or "")))
    return labels


def finding_kind(finding) -> str:
    """What a finding of a registered claim says about it, in the stance set's terms."""
    rule = getattr(finding, "rule", "")
    match = getattr(finding, "match", None)
    stance = str(_value(getattr(match, "stance", ""))) if match is not None else ""
    if rule == "agrees-with-evidence":
        return "agrees"
    if rule == "reports-claim":
        if stance == "agrees-with-evidence":
            return "refutes"
        if "question" in str(getattr(match, "stance_rule", "") or ""):
            return "asks"
        return "reports"
    return "asserts"


def evaluate_stance(registry, labels_path=DEFAULT_STANCE_LABELS, auditor_factory=None) -> dict:
    """Audit every passage of a stance set as a document of its own and score the finding its
    claim gets (the first finding of that claim in the passage) against the expected kind."""
    if isinstance(registry, (str, os.PathLike)):
        registry = load(registry)
    if auditor_factory is None:
        _, Auditor = _claimcheck()
        auditor_factory = Auditor
    auditor = auditor_factory(registry)
    labels = load_stance_labels(labels_path)
    rows = []
    for label in labels:
        report = auditor.audit_text(label.text, path=f"passage-{label.number}.{label.format}")
        findings = sorted(report.findings, key=lambda f: (f.line, f.column))
        of_claim = [f for f in findings if f.match is not None and f.match.claim_id == label.claim]
        got = finding_kind(of_claim[0]) if of_claim else "none"
        loud = [f for f in findings if str(_value(f.severity)) in ("error", "warning")]
        if label.expect in SAFE_KINDS:
            unsafe = bool(loud)
        elif label.expect == "reports":
            unsafe = any(str(_value(f.severity)) == "error" for f in findings)
        else:
            unsafe = False
        # a question needs no finding, and its answer may state the correction
        right = got == label.expect or (label.expect == "asks" and got in ("none", "agrees"))
        rows.append({
            "number": label.number, "claim": label.claim, "expect": label.expect, "got": got,
            "found": bool(of_claim), "right": right, "unsafe": unsafe,
            "rule": str(getattr(of_claim[0].match, "stance_rule", "") or "") if of_claim else "",
            "severity": str(_value(of_claim[0].severity)) if of_claim else "",
            "text": " ".join(label.text.split()), "style": label.style,
        })
    found = [r for r in rows if r["found"] or r["expect"] == "asks"]
    by_kind = {}
    for kind in STANCE_KINDS:
        group = [r for r in rows if r["expect"] == kind]
        by_kind[kind] = {"labelled": len(group), "found": sum(1 for r in group if r["found"]),
                         "right": sum(1 for r in group if r["right"])}
    safe_rows = [r for r in rows if r["expect"] in SAFE_KINDS or r["expect"] == "reports"]
    return {
        "passages": len(rows),
        "found": len(found),
        "right": sum(1 for r in rows if r["right"]),
        "accuracy": round(sum(1 for r in found if r["right"]) / len(found), 4) if found else None,
        "accuracy_all": round(sum(1 for r in rows if r["right"]) / len(rows), 4) if rows else None,
        "debunking_passages": len(safe_rows),
        "unsafe": sum(1 for r in safe_rows if r["unsafe"]),
        "by_kind": by_kind,
        "rows": rows,
    }


def _verbose(args, labels_path) -> bool:
    """--verbose lists passages; a held-out set's only with --show-held-out, so that nobody who
    writes rules reads them by accident."""
    if args.verbose and "holdout" in str(labels_path) and not args.show_held_out:
        print(f"(passages of held-out set {labels_path} not listed: --show-held-out lists them)",
              file=sys.stderr)
        return False
    return args.verbose


def format_stance_report(result: dict, name: str = "", verbose: bool = False) -> str:
    out = [f"stance set{' ' + name if name else ''}: {result['passages']} passages, "
           f"claim found in {result['found']}"]
    acc = result["accuracy"]
    out.append(f"finding kind right: {result['right']}/{result['passages']} "
               f"(accuracy over found passages {'n/a' if acc is None else format(acc, '.3f')}, "
               f"over all {result['accuracy_all']:.3f})")
    out.append(f"debunking/reporting passages with a louder finding than allowed: "
               f"{result['unsafe']} of {result['debunking_passages']}")
    out.append(f"  {'expected':<9} {'labelled':>8} {'found':>6} {'right':>6}")
    for kind, m in result["by_kind"].items():
        out.append(f"  {kind:<9} {m['labelled']:>8} {m['found']:>6} {m['right']:>6}")
    if verbose:
        out.append("\nwrong or unsafe:")
        for r in result["rows"]:
            if not r["right"] or r["unsafe"]:
                out.append(f"  #{r['number']:<3} expected {r['expect']:<8} got {r['got']:<8} "
                           f"{r['severity']:<7} {r['rule'] or '-':<24} {'UNSAFE ' if r['unsafe'] else ''}"
                           f"{r['text'][:90]}")
    return "\n".join(out)


# ------------------------------------------------------------------------------ main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Precision/recall of claim matching on labelled documents.")
    parser.add_argument("--registry", default=str(DEFAULT_REGISTRY), help="registry file (default: %(default)s)")
    parser.add_argument("--labels", default=str(DEFAULT_LABELS), help="labels file (default: %(default)s)")
    parser.add_argument("--threshold", type=float, default=None, help="fuzzy threshold (default: claimcheck's)")
    parser.add_argument("--sweep", action="store_true", help="vary the fuzzy threshold from 0.50 to 0.95")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses, false positives, stance errors")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--selftest", action="store_true", help="check the scoring logic with fake findings")
    parser.add_argument("--semantic", type=float, default=None, metavar="SIMILARITY",
                        help="also run the optional embedding tier at this similarity threshold")
    parser.add_argument("--stance", action="store_true",
                        help="score the stance set (development and held out, or --labels) instead")
    parser.add_argument("--show-held-out", action="store_true",
                        help="with --verbose, also list the passages of held-out sets (whoever writes "
                             "rules must never read them)")
    args = parser.parse_args(argv)

    if args.selftest:
        return selftest()
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        parser.error("--threshold must be between 0 and 1")
    try:
        registry = load(args.registry)
        if args.stance:
            sets = ([("", args.labels)] if args.labels != str(DEFAULT_LABELS) else
                    [("development", DEFAULT_STANCE_LABELS), ("held out", HOLDOUT_STANCE_LABELS)])
            results = {name or str(path): evaluate_stance(registry, path) for name, path in sets}
            print(json.dumps(results, indent=2, ensure_ascii=False) if args.json else "\n\n".join(
                format_stance_report(r, name, _verbose(args, path)) for (name, path), r in zip(sets, results.values())))
        elif args.sweep:
            results = sweep(registry, labels_path=args.labels)
            print(json.dumps(results, indent=2, ensure_ascii=False) if args.json else format_sweep(results))
        else:
            result = evaluate(registry, args.threshold, labels_path=args.labels, semantic=args.semantic)
            print(json.dumps(result, indent=2, ensure_ascii=False) if args.json
                  else format_report(result, verbose=_verbose(args, args.labels)))
    except (RuntimeError, LabelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
