"""The engine and the registry: selection, suppression, docs and reuse across processes."""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint import engine, prose
from lint.config import Config, ConfigError
from lint.engine import Fingerprints, Linter, lint_text
from lint.registry import default_registry
from lint.rule import SEVERITIES, Options
from lint.ruledocs import markdown_table, missing_sections

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = "Sales rose 12% to 431,733 vehicles in the year to March, the firm said."


def article(*paragraphs: str) -> str:
    return "Headline\n\n" + "\n\n".join(paragraphs) + "\n"


def rules_found(text: str, **config) -> list[str]:
    return [f.rule for f in lint_text(text, config=Config(**config))]


def test_suppression_ranges_and_next_paragraph() -> None:
    text = article(PARAGRAPH, "<!-- copydesk: disable=duplicate-paragraph -->", PARAGRAPH,
                   "<!-- copydesk: enable=duplicate-paragraph -->", PARAGRAPH)
    findings = lint_text(text, config=Config(select=("duplicate-paragraph",)))
    assert [f.location.line for f in findings] == [11]
    everything = article(PARAGRAPH, "<!-- copydesk: disable -->", PARAGRAPH, "the the end")
    assert rules_found(everything) == []
    other_rule = article(PARAGRAPH, "<!-- copydesk: disable-next=repeated-word -->", PARAGRAPH)
    assert rules_found(other_rule) == ["unused-directive", "duplicate-paragraph"]


def test_selection_by_category_rule_and_ignore() -> None:
    text = article(PARAGRAPH, PARAGRAPH + " It was the the best year.")
    assert rules_found(text, select=("duplicates",), ignore=("repeated-word",)) == [
        "duplicate-sentence"]
    assert rules_found(text, select=("repeated-word",)) == ["repeated-word"]
    assert rules_found(text, select=("ALL",), ignore=("duplicates",)) == []


def test_unknown_names_are_configuration_errors() -> None:
    with pytest.raises(ConfigError, match="unknown rule or category 'dupes'"):
        Linter(Config(select=("dupes",)))
    with pytest.raises(ConfigError, match="has no option 'treshold'"):
        Linter(Config(rules={"near-duplicate-paragraph": {"treshold": 3}}))


def test_every_rule_is_documented_and_well_formed() -> None:
    for name, rule in default_registry().rules.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)
        assert rule.severity in SEVERITIES
        assert rule.summary, name
        assert not missing_sections(rule), f"{name} lacks {missing_sections(rule)}"
        for option in rule.options:
            assert option.help and option.validate(option.default) == option.default


def test_readme_lists_every_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- rules-table")[1].split("-->", 1)[1].split("<!-- end")[0]
    assert table.strip() == markdown_table(default_registry().rules.values()).strip()


def _lint_in_worker(linter_and_text):
    linter, text = linter_and_text
    from lint.readers import read
    return [(f.rule, f.location.offset) for f in linter.lint(read("x.txt", text))]


def test_a_linter_is_reused_across_processes() -> None:
    linter = Linter(Config(select=("duplicates",), rules={
        "near-duplicate-paragraph": {"threshold": 85}}))
    text = article(PARAGRAPH, PARAGRAPH)
    assert pickle.loads(pickle.dumps(linter)).rules == linter.rules
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_lint_in_worker, [(linter, text)] * 3))
    assert results == [_lint_in_worker((linter, text))] * 3


def test_reading_and_checking_leave_the_garbage_collector_as_they_found_it() -> None:
    """The collector is held off while a document is read or checked and enabled
    again after; one the caller disabled stays disabled."""
    import gc

    from lint.readers import read

    linter = Linter()
    text = "Headline\n\nThe the council met (on Monday.\n"
    document = read("a.md", text)
    assert gc.isenabled()
    assert {f.rule for f in linter.check(document).findings} >= {"repeated-word"}
    assert gc.isenabled()
    gc.disable()
    try:
        linter.check(read("a.md", text))
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("own_sha1", [True, False], ids=["cpython-sha1", "hashlib"])
def test_a_fingerprint_is_the_sha1_of_rule_folded_text_and_occurrence(monkeypatch, own_sha1):
    # Stored fingerprints stay valid whichever SHA-1 the interpreter offers.
    engine._sha1.cache_clear()
    if not own_sha1:
        monkeypatch.setitem(sys.modules, "_sha1", None)  # import fails, as without it
    try:
        fingerprint = Fingerprints()
        prints = [fingerprint("repeated-word", "The  THE"), fingerprint("repeated-word", "the the")]
    finally:
        engine._sha1.cache_clear()
    assert prints == [hashlib.sha1(f"repeated-word\0the the\0{n}".encode()).hexdigest()[:16]
                      for n in (0, 1)]


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="aA ß\t\n\r\x0b\x1c\x1f\x85\u00a0\u2028\u3000\u200b", max_size=20))
def test_a_fingerprint_folds_white_space_runs_as_lint_prose_defines_white_space(text: str):
    folded = regex.sub(f"{prose.SPACE}+", " ", text.casefold()).strip()
    expected = hashlib.sha1(f"rule\0{folded}\0{0}".encode()).hexdigest()[:16]
    assert Fingerprints()("rule", text) == expected


def test_options_read_as_attributes_and_as_a_mapping() -> None:
    options = Options({"min-words": 3, "allow": ()}, "bbc")
    assert (options.min_words, options["min-words"], options.allow) == (3, 3, ())
    assert options.profile == "bbc"
    assert dict(options) == {"min-words": 3, "allow": ()}
    assert pickle.loads(pickle.dumps(options)).min_words == 3
    with pytest.raises(AttributeError):
        options.threshold  # noqa: B018 - an option the rule does not declare
    for taken in ("items", "profile"):  # a method, and the attribute every rule reads
        with pytest.raises(ValueError, match=taken):
            Options({taken: 1})
