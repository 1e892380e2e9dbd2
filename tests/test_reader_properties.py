"""Properties of every reader over hostile, article-like input (hypothesis).

The same text reaches all five readers (tests/fuzzing.py wraps it as text,
Markdown, HTML, a WordPress post and an ANS story). Whatever it holds, reading and
linting raise nothing but an input error, every finding's source slice renders to
the flagged text, and in the formats --fix rewrites, each safe fix keeps to its
flagged span and the fixes settle. Examples are derandomized, so CI runs the same
ones every time; benchmarks/fuzz.py runs the long campaign.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import FIXABLE_FORMATS, FORMATS, PIECES, as_format, examples
from invariants import (
    assert_fixes_keep_to_flagged_spans,
    assert_locations_exact,
    unfixed_after_fixing,
)
from lint.config import Config
from lint.engine import Linter
from lint.readers import InputError, read

LINTERS = [Linter(Config(select=("ALL",))), Linter(Config(select=("ALL",), profile="ap"))]
WORDS = ("The council said the the budget would rise by 5% to £12m in March . "
         "Mr Smith told BBC News it was a fair deal , U.S. officials and the UN agreed").split()

TOKENS = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(PIECES),
    st.sampled_from([" ", " ", " ", "  ", "\n"]),
    st.text(max_size=3),  # any character but a surrogate
)
PARAGRAPHS = st.lists(TOKENS, min_size=1, max_size=25).map("".join)
ARTICLES = st.builds(lambda headline, body: headline + "\n\n" + "\n\n".join(body) + "\n",
                     PARAGRAPHS, st.lists(PARAGRAPHS, max_size=6))
SETTINGS = settings(max_examples=examples(120), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def read_or_none(text: str, fmt: str):
    try:
        return read("story", text, fmt)
    except InputError:
        return None  # a clear input error is a right answer


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(article=ARTICLES, profile=st.integers(0, len(LINTERS) - 1), page=st.booleans())
def test_any_article_is_read_and_linted_with_exact_locations(fmt, article, profile, page):
    text = as_format(article, fmt, page)
    document = read_or_none(text, fmt)
    if document is None:
        return
    checked = LINTERS[profile].check(document)
    assert checked.failures == []
    assert_locations_exact(document, checked.findings)
    for finding in checked.findings:
        source = document.sources[finding.location.source].text
        assert 0 <= finding.location.offset <= finding.location.offset + finding.location.length
        assert finding.location.offset + finding.location.length <= len(source)
    if fmt in FIXABLE_FORMATS:
        assert_fixes_keep_to_flagged_spans(document, checked.findings)


@pytest.mark.parametrize("fmt", FIXABLE_FORMATS)
@SETTINGS
@given(article=ARTICLES, profile=st.integers(0, len(LINTERS) - 1))
def test_fixes_reach_a_fixed_point(fmt, article, profile):
    text = as_format(article, fmt)
    if read_or_none(text, fmt) is not None:
        assert unfixed_after_fixing(text, fmt, LINTERS[profile]) == []


# Markup nested past any depth a reader might cap (browsers nest without one), and
# Markdown's block quote and list markers written many deep. (A `<q>` inside another
# renders single marks, which its slice alone cannot tell: test_markup.py.)
NESTING = {"html": ["<ul>", "<div>", "<b>", "<blockquote>", "<li>", "<p><span>",
                    "<dl><dt>", "<table><tr><td>", "<a href='x'>", "<code>", "<span hidden>"],
           "markdown": ["> ", ">", "- ", "> - ", "1. ", "  "]}
NESTING["wordpress"] = NESTING["ans"] = NESTING["html"]


@pytest.mark.parametrize("fmt", ["markdown", "html", "wordpress", "ans"])
@settings(SETTINGS, max_examples=examples(25))
@given(article=ARTICLES, data=st.data())
def test_deep_nesting_keeps_locations_exact(fmt, article, data):
    openers = data.draw(st.lists(st.sampled_from(NESTING[fmt]), min_size=1, max_size=3))
    depth = data.draw(st.integers(500, 700))
    headline, _, body = article.partition("\n\n")
    if fmt == "markdown":
        prefix = "".join(openers) * (depth // 10)  # a line's markers, not an element each
        body = "\n".join(prefix + line for line in body.split("\n"))
    else:
        body = "".join(openers) * depth + body
    document = read_or_none(as_format(f"{headline}\n\n{body}", fmt), fmt)
    if document is not None:
        checked = LINTERS[0].check(document)
        assert checked.failures == []
        assert_locations_exact(document, checked.findings)
