"""Screenshots of the HTML report with headless Chromium, as a reader first sees it.

    python scripts/screenshot_report.py                      # document 000 at 1280 and 390 px
    python scripts/screenshot_report.py 004 --widths 1280 --out /tmp/shots
    python scripts/screenshot_report.py --pdf                # also a printed copy (PDF)

Writes ``report-<document>-<width>.png`` (the first screen: width x 900 px, or --height) and,
with ``--info``, the same with the info findings shown, into ``docs/images/`` unless --out
says otherwise. Needs Chromium (``apt-get install chromium``); exits 2 without it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_report(document: str, path: Path, registry: Path) -> None:
    subprocess.run([sys.executable, "-m", "claimcheck", "audit", document, "--registry", str(registry),
                    "--format", "html", "--output", str(path), "--fail-on", "never"], check=True, cwd=ROOT)


def shoot(browser: str, page: Path, png: Path, width: int, height: int, profile: str) -> None:
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                    f"--screenshot={png}", page.as_uri()], check=True, capture_output=True, timeout=120)


def print_pdf(browser: str, page: Path, pdf: Path, profile: str) -> None:
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("document", nargs="?", default="000", help="a registered document id or prefix (default 000)")
    parser.add_argument("--registry", default=str(ROOT / "claims.yaml"))
    parser.add_argument("--widths", type=int, nargs="+", default=[1280, 390])
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    parser.add_argument("--info", action="store_true", help="also shoot with the info findings shown")
    parser.add_argument("--pdf", action="store_true", help="also print the report to PDF")
    args = parser.parse_args(argv)
    browser = chromium()
    if browser is None:
        print("screenshot_report: Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "report.html"
        render_report(args.document, page, Path(args.registry))
        pages = [("", page)]
        if args.info:
            shown = Path(work) / "report-info.html"
            shown.write_text(page.read_text(encoding="utf-8").replace(
                '<details class="info-toggle">', '<details class="info-toggle" open>'), encoding="utf-8")
            pages.append(("-info", shown))
        name = args.document.split("_")[0]
        for suffix, source in pages:
            for width in args.widths:
                png = out / f"report-{name}-{width}{suffix}.png"
                shoot(browser, source, png, width, args.height, os.path.join(work, "profile"))
                print(png)
        if args.pdf:
            pdf = out / f"report-{name}.pdf"
            print_pdf(browser, page, pdf, os.path.join(work, "profile"))
            print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
