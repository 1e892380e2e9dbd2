"""Every case in tests/cases/*.toml: what each rule flags, exactly where, and its fixes."""

from __future__ import annotations

import pytest

from casefiles import Case, load_cases, nth_offset
from lint.archive import judge_texts
from lint.config import from_mapping
from lint.engine import Linter
from lint.fixes import apply_edits, safe_edits
from lint.readers import read
from lint.registry import default_registry

CASES = load_cases()


def run(case: Case):
    config = from_mapping({"select": [case.rule], **case.config})
    document = read("case.txt", case.text, case.format)
    return Linter(config).lint(document)


@pytest.mark.parametrize("case", [c for c in CASES if c.articles], ids=lambda c: c.id)
def test_archive_case(case: Case) -> None:
    linter = Linter(from_mapping({"select": [case.rule], **case.config}))
    texts = {a["name"]: a["text"] for a in case.articles}
    judged = judge_texts(linter, [(a["name"], a["text"], {"date": a.get("date")})
                                  for a in case.articles])
    got = sorted((name, f.location.offset, f.location.length)
                 for name, found in judged.findings.items() for f in found)
    expected = sorted((item["article"], nth_offset(texts[item["article"]], item["text"],
                                                   item.get("nth", 1)), len(item["text"]))
                      for item in case.expect)
    assert got == expected
    for item in case.expect:
        finding = next(f for f in judged.findings[item["article"]]
                       if texts[item["article"]][f.location.offset:].startswith(item["text"]))
        if "message" in item:
            assert item["message"] in finding.message
        if "related" in item:
            other = finding.related[0]
            where = other.location
            assert texts[other.document][where.offset:where.offset + where.length] == \
                item["related"]
            assert other.document == item["related_article"]


@pytest.mark.parametrize("case", [c for c in CASES if not c.articles], ids=lambda c: c.id)
def test_case(case: Case) -> None:
    findings = [f for f in run(case) if f.rule == case.rule]
    expected = []
    for item in case.expect:
        offset = item.get("offset", nth_offset(case.text, item["text"], item.get("nth", 1)))
        expected.append((offset, len(item["text"])))
    got = [(f.location.offset, f.location.length) for f in findings]
    assert sorted(got) == sorted(expected), [f.text for f in findings]
    by_offset = {f.location.offset: f for f in findings}
    for item, (offset, _) in zip(case.expect, expected, strict=True):
        finding = by_offset[offset]
        assert case.text[offset:offset + finding.location.length] == item["text"]
        if "severity" in item:
            assert finding.severity == item["severity"]
        if "replacement" in item:
            assert item["replacement"] in finding.replacements
        if "message" in item:
            assert item["message"] in finding.message
        if "related" in item:
            related = finding.related[0].location
            assert case.text[related.offset:related.offset + related.length] == item["related"]
    if case.fixed is not None:
        assert apply_edits(case.text, safe_edits(findings)) == case.fixed


def test_every_rule_has_cases_that_flag_and_that_do_not() -> None:
    flagging = {c.rule for c in CASES if c.expect}
    quiet = {c.rule for c in CASES if not c.expect}
    for name in default_registry().rules:
        assert name in flagging, f"{name} has no case that flags"
        assert name in quiet, f"{name} has no case that stays quiet"


def test_cases_name_known_rules() -> None:
    rules = default_registry().rules
    assert not [c.id for c in CASES if c.rule not in rules]
