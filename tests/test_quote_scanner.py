"""The quote scanner (lint/analysis/quotes.py): examples and properties."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.quotes import (
    AMBIGUOUS,
    CLOSE,
    DOUBLE,
    OPEN,
    SINGLE,
    QuoteScan,
    _depths,
    scan_quotes,
)
from lint.article import Article
from lint.readers import read

HEADLINE = "Headline\n\n"


def scan(text: str) -> tuple[Article, QuoteScan]:
    article = Article(read("case.txt", text))
    return article, article.quotes


def quoted(article: Article, scan_: QuoteScan) -> list[str]:
    return [article.text[q.start:q.end] for q in scan_.quotations]


def test_nesting_double_outside_single_inside() -> None:
    article, result = scan(HEADLINE + "\"They say 'it is over' every year,\" he said.")
    assert quoted(article, result) == ["\"They say 'it is over' every year,\"", "'it is over'"]
    assert [(q.kind, q.depth) for q in result.quotations] == [(DOUBLE, 0), (SINGLE, 1)]


def test_british_headline_single_outside() -> None:
    article, result = scan("Blair 'sorry for \"dodgy\" dossier'\n\nBody text.")
    assert [(q.kind, q.depth) for q in result.quotations] == [(SINGLE, 0), (DOUBLE, 1)]


def test_apostrophes_and_primes_are_not_marks() -> None:
    _, result = scan(HEADLINE + "The Smiths’ house, rock 'n' roll, the '90s, goin' home, "
                     "5'10\" tall, a 12\" pizza, don't.")
    assert result.marks == () and result.quotations == ()


def test_two_apostrophes_are_one_double_mark() -> None:
    article, result = scan(HEADLINE + "''We may be seeing the turn,'' he said.")
    assert quoted(article, result) == ["''We may be seeing the turn,''"]
    assert [m.end - m.start for m in result.marks] == [2, 2]


def test_three_apostrophes_close_single_then_double() -> None:
    article, result = scan(HEADLINE + "''He watched 'Fox and Friends,''' said Tommy.")
    assert quoted(article, result) == ["''He watched 'Fox and Friends,'''", "'Fox and Friends,'"]
    assert result.stray == () and result.unclosed == ()


def test_multi_paragraph_chain() -> None:
    article, result = scan(HEADLINE + 'He said: "One.\n\n"Two.\n\n"Three."')
    assert [q.continues for q in result.quotations] == [None, 0, 1]
    assert result.unclosed == () and result.chain_head(2) == 0


@pytest.mark.parametrize("before", ["And on", "Don't stop", "It's 'fine'", "A 6' fence"])
def test_a_paragraph_carries_on_a_quotation_it_closes_without_reopening(before: str) -> None:
    # An apostrophe, a single quotation or a prime before the closing mark does not
    # stop the paragraph from carrying on the quotation the previous one left open.
    article, result = scan(HEADLINE + f'He said: "We will go on.\n\n{before}," he said.')
    carried = [article.text[q.start:q.end] for q in result.quotations if q.continues == 0]
    assert carried == [f'{before},"']
    assert quoted(article, result)[0] == '"We will go on.'
    assert result.stray == () and result.unclosed == ()


def test_open_at_end_without_reopening_is_unclosed() -> None:
    article, result = scan(HEADLINE + 'He said: "One.\n\nThe end.')
    assert [article.text[q.start:q.start + 4] for q in result.unclosed] == ['"One']


def test_opener_while_open_is_a_merged_paragraph_boundary() -> None:
    article, result = scan(HEADLINE + 'He said: "One thing. "Another thing."')
    assert quoted(article, result) == ['"One thing.', '"Another thing."']
    assert result.quotations[1].continues == 0 and result.unclosed == ()


@pytest.mark.parametrize(("outer", "inner"), [('""', "“”"), ("“”", '""')])
def test_a_double_quote_of_the_other_style_nests_inside_an_open_one(outer, inner) -> None:
    inside = f"{inner[0]}Do you back it?{inner[1]}"
    text = f"{outer[0]}I read the question: {inside} Forty said no,{outer[1]} he said."
    article, result = scan(HEADLINE + text)
    assert quoted(article, result) == [text[:text.index(" he said")], inside]
    assert [(q.kind, q.depth) for q in result.quotations] == [(DOUBLE, 0), (DOUBLE, 1)]
    assert result.stray == () and result.unclosed == ()


def test_a_closer_closes_the_open_quote_of_its_own_style() -> None:
    # The inner curly quote never closes: the straight closer is the outer one's.
    article, result = scan(HEADLINE + '"I read the question: “Do you back it? Forty said no," '
                                      "he said.")
    assert quoted(article, result) == ['"I read the question: “Do you back it? Forty said no,"',
                                       "“Do you back it? Forty said no,"]
    assert [article.text[q.opener.start] for q in result.unclosed] == ["“"]


def test_wrong_direction_and_spaced_marks() -> None:
    _, result = scan(HEADLINE + "“Here,“ said Jim. ”Mr Trump,” said Ann. \"Why? \" he asked.")
    wrong = [(m.role, m.wrong_direction) for m in result.marks if m.wrong_direction]
    assert wrong == [(CLOSE, True), (OPEN, True)]
    assert [m.role for m in result.marks if m.spaced] == [CLOSE]


def test_undecidable_straight_mark_is_ambiguous() -> None:
    _, result = scan(HEADLINE + 'The code word"blue was used.')
    assert [m.role for m in result.marks] == [AMBIGUOUS]


def test_markup_urls_handles_and_hashtags_are_masked() -> None:
    _, result = scan(HEADLINE + '<tweet author="Jane Smith" date="2016">Vote now</tweet> '
                     "https://example.org/a'b @jane's #vote'16 text.")
    assert result.marks == ()


def test_overlaps() -> None:
    article, result = scan(HEADLINE + 'Plain words here. "Quoted words," he said. More.')
    quote = article.text.index('"Quoted')
    assert result.overlaps(quote + 3, quote + 5)
    assert not result.overlaps(0, quote)
    assert not result.overlaps(article.text.index("More"), len(article.text))


# Properties: the scanner never fails, and what it reports always sits where it says.

WORDS = st.text(alphabet="abcdefg ABC,.'\"“”‘’5-:\n", max_size=120)


@given(WORDS)
def test_spans_are_well_formed(body: str) -> None:
    article, result = scan(HEADLINE + body)
    text = article.text
    for mark in result.marks:
        assert text[mark.start:mark.end] in ('"', "''", "'", "“", "”", "‘", "’")
    for q in result.quotations:
        block = q.block
        assert block.start <= q.start < q.end <= block.end
        assert q.content_start <= q.content_end
        if q.opener:
            assert q.start == q.opener.start and q.opener.role == OPEN
        if q.closer:
            assert q.end == q.closer.end and q.closer.role == CLOSE
    for a in result.quotations:  # quotations nest or are disjoint
        for b in result.quotations:
            if a is not b and a.start < b.end and b.start < a.end:
                assert (a.start <= b.start and b.end <= a.end) or (
                    b.start <= a.start and a.end <= b.end)


PHRASE = st.lists(st.sampled_from(["we", "will", "win", "the", "vote", "Smith", "today"]),
                  min_size=1, max_size=8).map(" ".join)


@given(PHRASE, PHRASE, PHRASE, st.sampled_from([('"', '"'), ("“", "”"), ("''", "''")]))
def test_a_quoted_phrase_is_found_exactly(before: str, inner: str, after: str, marks) -> None:
    opening, closing = marks
    body = f"{before.capitalize()} {opening}{inner},{closing} {after}."
    article, result = scan(HEADLINE + body)
    assert quoted(article, result) == [f"{opening}{inner},{closing}"]
    assert result.unclosed == () and result.stray == () and result.ambiguous == ()


@given(st.lists(PHRASE, min_size=2, max_size=5))
def test_any_multi_paragraph_quote_is_one_chain(paragraphs: list[str]) -> None:
    body = "\n\n".join(f'"{p}.' for p in paragraphs[:-1]) + f'\n\n"{paragraphs[-1]}."'
    _, result = scan(HEADLINE + body)
    assert len(result.quotations) == len(paragraphs)
    assert result.unclosed == () and result.stray == ()
    assert {result.chain_head(i) for i in range(len(paragraphs))} == {0}


def test_a_headline_left_open_does_not_chain_into_the_body() -> None:
    _, result = scan('Minister says "we will act\n\n"We will act now," she said.')
    assert result.quotations[-1].continues is None
    assert len(result.unclosed) == 1


def test_inline_code_in_markdown_is_not_scanned() -> None:
    article = Article(read("case.md", '# Title\n\nSet `name="x` to change it, she said.\n'))
    assert article.quotes.marks == ()


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=40))
def test_depths_count_the_spans_that_enclose_each(pairs: list[tuple[int, int]]) -> None:
    spans = [(min(a, b), max(a, b), DOUBLE, None, None, None) for a, b in pairs]
    enclosing = [sum(1 for o in spans if o is not s and o[0] <= s[0] and s[1] <= o[1])
                 for s in spans]
    assert _depths(spans) == enclosing


def test_a_quote_chained_over_every_paragraph_has_one_head() -> None:
    article, result = scan("Headline\n\n" + "\n\n".join(["“He went on and on"] * 300)
                           + "\n\nThe end.”\n")
    heads = {result.chain_head(i) for i in range(len(result.quotations))}
    assert heads == {0} and len(result.quotations) == 301 and result.unclosed == ()


def test_a_run_of_one_mark_is_no_quotation_mark() -> None:
    article, result = scan(HEADLINE + "He said \"\"\" and '''' and ””” then \"Yes,\" she said.")
    assert quoted(article, result) == ['"Yes,"'] and len(result.marks) == 2
    _, result = scan(HEADLINE + "''He watched 'Fox,''' said Tommy.")
    assert len(result.marks) == 4  # three apostrophes are still two marks


@pytest.mark.parametrize(("body", "marks", "quotations", "ambiguous"), [
    ('"' * 200_000, 0, 0, 0),
    ("''" * 100_000, 0, 0, 0),
    ("“" * 100_000, 0, 0, 0),
    ('"" ' * 100_000, 200_000, 100_000, 0),
    ("“a" * 100_000, 100_000, 100_000, 0),
    ('"a' * 100_000, 100_000, 1, 99_999),
    ('" a ' * 50_000, 50_000, 0, 50_000),
    ("'a " * 50_000 + '"a" ' * 50_000, 100_000, 50_000, 0),
])
def test_long_runs_of_marks_in_one_paragraph(body: str, marks: int, quotations: int,
                                             ambiguous: int) -> None:
    # Sizes at which a cost growing with the square of the marks takes minutes.
    _, result = scan("Headline\n\n" + body + "\n")
    assert (len(result.marks), len(result.quotations), len(result.ambiguous)) == (
        marks, quotations, ambiguous)


# A paragraph whose marks are plain (quotations one after another, apostrophes inside
# words) skips the stack machine: what it finds must be what the machine finds, also
# where it carries on a quotation the paragraph before left open.
_PIECES = ['"', "“", "”", "'", "’", "‘", "''", " ", "we", "Don", "t", "5", ".", ",", "(", "-",
           ":", '" ', ' "', '("', "“ ", " ”", "5'", "a’", '"We go on.', '"We win."',
           ' "We win," ', " “We’re in.” ", "5'10", ' "Tall, 5\'10" ']
_PARAGRAPH = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_PARAGRAPH, max_size=6))
def test_plain_paragraphs_are_read_as_the_stack_machine_reads_them(paragraphs: list[str]) -> None:
    article = Article(read("case.txt", HEADLINE + "\n\n".join(paragraphs)))
    fast = scan_quotes(article.text, article.blocks, article.prose)
    with mock.patch("lint.analysis.quotes._plain_reading", return_value=None):
        slow = scan_quotes(article.text, article.blocks, article.prose)
    assert fast == slow
