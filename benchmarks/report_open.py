"""How long an audit's report.html takes to write and to open in headless Chromium.

Renders report.html again from an audit's findings.jsonl and summary.json (timing
`write_report`), then opens it from disk in Debian's chromium (the tests' launcher)
several times: until the list of articles shows, and until the first drill-down
shows its findings (the details block is parsed then). Prints the page's size, the
size of its two JSON blocks, and the best and median of each time.

Usage: python benchmarks/report_open.py AUDIT_DIR [--runs 5]
(make AUDIT_DIR with `copydesk audit ARCHIVE --out AUDIT_DIR`)
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import launch  # noqa: E402
from lint.audit.report import write_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audit_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    report = write_report(args.audit_dir).resolve()
    written = time.perf_counter() - started
    html = report.read_text(encoding="utf-8")
    print(f"write_report: {written:.2f} s; report.html {len(html.encode()) / 1e6:.1f} MB")
    for block in re.finditer(r'<script type="application/json" id="([\w-]+)">', html):
        size = html.index("</script>", block.end()) - block.end()
        print(f"  {block[1]}: {size / 1e6:.1f} MB")

    playwright, browser = launch()
    opened, drilled = [], []
    try:
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.perf_counter()
            page.goto(report.as_uri())
            page.wait_for_selector("#rows tr")
            opened.append(time.perf_counter() - started)
            started = time.perf_counter()
            page.click("#rows tr")
            page.wait_for_selector("dialog[open] .finding")
            drilled.append(time.perf_counter() - started)
            page.close()
    finally:
        browser.close()
        playwright.stop()
    for name, times in (("open until the list shows", opened), ("first drill-down", drilled)):
        print(f"{name}: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
              f"over {len(times)} runs")


if __name__ == "__main__":
    main()
