"""Each output format on the same findings, compared with a reviewed snapshot.

Set COPYDESK_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change,
then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lint.config import Config
from lint.engine import Linter
from lint.readers import decode, read
from lint.registry import default_registry
from lint.reporters import FORMATS, reporter
from lint.reporters.github import escape_data, escape_property
from lint.results import FileError, FileResult, Report

SNAPSHOTS = Path(__file__).parent / "snapshots"
FIXTURE = "fixtures/articles/plant-deal.txt"
ROOT = Path(__file__).resolve().parent.parent


def report() -> Report:
    document = read(FIXTURE, decode((ROOT / FIXTURE).read_bytes()))
    findings = Linter(Config(select=("duplicates",))).lint(document)
    results = [FileResult(FIXTURE, document.format, findings, sources=document.sources),
               FileResult("broken.txt", None, error=FileError("invalid-utf8", "not valid UTF-8"))]
    rules = {n: r for n, r in default_registry().rules.items() if r.category == "duplicates"}
    return Report(results, rules)


@pytest.mark.parametrize("name", FORMATS)
def test_snapshot(name: str) -> None:
    output = reporter(name)(report())
    snapshot = SNAPSHOTS / f"plant-deal.{name}.txt"
    if os.environ.get("COPYDESK_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(output, encoding="utf-8")
    assert output == snapshot.read_text(encoding="utf-8")


def test_output_is_deterministic() -> None:
    assert all(f(report()) == f(report()) for f in map(reporter, FORMATS))


def test_sarif_shape() -> None:
    log = json.loads(reporter("sarif")(report()))
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert all(r["help"]["text"] and r["help"]["markdown"] for r in rules)
    result = run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "duplicate-paragraph"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 19
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 15
    assert result["partialFingerprints"]["primaryLocationLineHash"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
