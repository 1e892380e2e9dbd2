"""What each rule says of itself holds: its documented example is flagged, what it
says to write instead is clean, and its declared fix availability and safety match
the fixes it emits on the case files and on its own examples."""

from __future__ import annotations

from collections import Counter

import pytest
import regex

from casefiles import load_cases
from lint.archive import judge_texts
from lint.config import from_mapping
from lint.engine import Linter
from lint.readers import read
from lint.registry import default_registry

RULES = default_registry().rules
_FENCE = regex.compile(r"^```(\w*)\n(.*?)^```", regex.MULTILINE | regex.DOTALL)
_PROFILE = regex.compile(r'profile = "([\w-]+)"')


def blocks(rule, section: str) -> list[str]:
    """The section's fenced texts as articles: a block marked `article` is a whole
    article, headline first; any other is an excerpt of a story's body."""
    return [text if info == "article" else f"Headline\n\n{text}"
            for info, text in _FENCE.findall(rule.docs.get(section, ""))]


def findings(rule_name: str, text: str, config: dict | None = None, fmt: str | None = None):
    linter = Linter(from_mapping({"select": [rule_name], **(config or {})}))
    return [f for f in linter.lint(read("example.txt", text, fmt)) if f.rule == rule_name]


def archive_findings(rule_name: str, texts: list[str], config: dict | None = None):
    """An archive rule's findings over the texts as one archive, in that order."""
    linter = Linter(from_mapping({"select": [rule_name], **(config or {})}))
    judged = judge_texts(linter, [(f"{i}.txt", text, {}) for i, text in enumerate(texts)])
    return [f for found in judged.findings.values() for f in found]


def example_config(rule) -> dict:
    """The profile the documentation names for its example, if any."""
    named = _PROFILE.search(rule.docs["Example"])
    return {"profile": named.group(1)} if named else {}


@pytest.mark.parametrize("name", sorted(RULES))
def test_documented_example_is_flagged_and_its_correction_is_clean(name: str) -> None:
    rule = RULES[name]
    examples, corrections = blocks(rule, "Example"), blocks(rule, "Use instead")
    assert examples and corrections, f"{name}: Example and Use instead need a fenced block"
    config = example_config(rule)
    if rule.is_archive:  # the examples are the articles of one archive
        assert archive_findings(name, examples, config), f"{name} does not flag its example"
        assert not archive_findings(name, examples[:1] + corrections, config)
        return
    for text in examples:
        assert findings(name, text, config), f"{name} does not flag its own example"
    for text in corrections:
        flagged = [f.text for f in findings(name, text, config)]
        assert not flagged, f"{name} flags what it says to write instead: {flagged}"


def _observed() -> dict[str, Counter]:
    seen: dict[str, Counter] = {name: Counter() for name in RULES}
    runs = [(c.rule, c.text, c.config, c.format) for c in load_cases() if not c.articles]
    runs += [(name, text, example_config(rule), None) for name, rule in RULES.items()
             if not rule.is_archive for text in blocks(rule, "Example")]
    found = [f for name, text, config, fmt in runs for f in findings(name, text, config, fmt)]
    found += [f for c in load_cases() if c.articles
              for f in archive_findings(c.rule, [a["text"] for a in c.articles], c.config)]
    found += [f for name, rule in RULES.items() if rule.is_archive
              for f in archive_findings(name, blocks(rule, "Example"), example_config(rule))]
    for f in found:
        seen[f.rule]["fix" if f.fix else "no fix"] += 1
        if f.fix:
            seen[f.rule]["safe" if f.fix.safe else "unsafe"] += 1
    return seen


OBSERVED = _observed()


@pytest.mark.parametrize("name", sorted(RULES))
def test_declared_fix_matches_the_fixes_emitted(name: str) -> None:
    rule, seen = RULES[name], OBSERVED[name]
    assert seen["fix"] + seen["no fix"], f"{name} flags nothing in its cases"
    expected_fix = {"always": {"fix"}, "never": {"no fix"}, "sometimes": {"fix", "no fix"}}
    assert {k for k in ("fix", "no fix") if seen[k]} == expected_fix[rule.fix], dict(seen)
    if rule.fix == "never":
        return
    expected_safety = {"safe": {"safe"}, "unsafe": {"unsafe"}, "depends": {"safe", "unsafe"}}
    assert {k for k in ("safe", "unsafe") if seen[k]} == expected_safety[rule.fix_safety], \
        dict(seen)
