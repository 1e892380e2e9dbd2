"""The shared abbreviation analysis: what it finds, and properties that hold for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis import abbreviations
from lint.analysis.abbreviations import Abbreviations
from lint.analysis.addresses import Addresses, blank_out
from lint.article import Article
from lint.readers import read
from rules.abbreviations import _TITLES_WITH_STOP, _titles


def analyse(text: str) -> Abbreviations:
    return Article(read("x.txt", text)).abbreviations


def test_forms_possessives_plurals_and_initials() -> None:
    a = analyse("Headline\n\nJLR's MPs met U.S. officials and A.J. Smith at 3 p.m. in the UK.\n")
    found = {(t.text, t.key, t.form, t.plural) for t in a.tokens}
    assert found == {("JLR", "JLR", "plain", False), ("MP", "MP", "plain", True),
                     ("U.S.", "US", "dotted", False), ("UK", "UK", "plain", False)}
    assert a.malformed == []


def test_malformed_kinds() -> None:
    a = analyse("Headline\n\nThe U.S, the U. K. and the U.s. team and the U.S.A squad.\n")
    assert [(m.text, m.kind) for m in a.malformed] == [
        ("U.S", "final-stop"), ("U. K.", "spaced"), ("U.s.", "lower-case"),
        ("U.S.A", "final-stop")]


def test_quotes_shouting_and_datelines_are_marked() -> None:
    a = analyse('Headline\n\nLONDON - The BBC said: "GET OUT OF THE EU NOW" and "the UN agrees".\n')
    where = {t.text: (a.quoted(t.start, t.end), a.shouting(t.start, t.end)) for t in a.tokens}
    assert where["BBC"] == (False, False)
    assert where["EU"] == (True, True)
    assert where["UN"] == (True, False)
    assert where["LONDON"] == (False, True)


@pytest.mark.parametrize(("opening", "shouted"), [
    ("FLINT, Mich., Oct. 4 (UPI) — Bill Clinton spoke.", ["FLINT", "UPI"]),
    ("NEW YORK, Sept. 30 (AP) — The BBC said so.", ["NEW", "YORK", "AP"]),
    ('"PENCE: Well, the BBC said so."', ["PENCE"]),
    ("MR. TRUMP: The BBC said so.", ["MR", "TRUMP"]),
    ("BBC, the broadcaster, said - yes.", []),
])
def test_a_wire_dateline_and_a_speaker_label_are_shouting(opening: str, shouted: list[str]) -> None:
    a = analyse(f"Headline\n\n{opening}\n")
    assert [t.text for t in a.tokens if a.shouting(t.start, t.end)] == shouted


def test_definitions_both_ways_and_names() -> None:
    a = analyse("Jaguar Land Rover deal\n\nJaguar-Land Rover (JLR) and HSDPA (High Speed "
                "Downlink Packet Access) met Mr Brown and Chery Jaguar Land Rover.\n")
    assert [(d.short, d.long) for d in a.definitions] == [
        ("JLR", "Jaguar-Land Rover"), ("HSDPA", "High Speed Downlink Packet Access")]
    assert [n.text for n in a.names] == [
        "Jaguar Land Rover", "Jaguar-Land Rover", "High Speed Downlink Packet Access",
        "Chery Jaguar Land Rover"]


def test_a_word_joined_by_an_ampersand_stays_in_the_name() -> None:
    # `In`, `A` and `BBC` lead a name of their own; alone, they would be dropped.
    a = analyse("Headline\n\nStaff from In & Out Burger met Marks & Spencer, A & E Network "
                "and BBC & ITV News.\n")
    assert [n.text for n in a.names] == [
        "In & Out Burger", "Marks & Spencer", "A & E Network", "BBC & ITV News"]


def test_urls_handles_and_code_are_masked_without_moving_offsets() -> None:
    text = "See https://example.com/U.S or mail a@b.co, @JLR_UK #UKnews and `U.S`."
    code = (text.index("`"), len(text) - 1)  # what the Markdown reader masks
    masked = blank_out(text, [code, *Addresses(text).spans])
    assert len(masked) == len(text)
    assert "U.S" not in masked and "JLR" not in masked and "UK" not in masked


@given(st.text(alphabet="ABUSKJLRNao .,'\"-()\n&", max_size=200))
def test_every_span_is_in_a_block_and_reads_as_its_key(body: str) -> None:
    a = analyse("Headline\n\n" + body)
    for t in a.tokens:
        assert t.block.start <= t.start < t.end <= t.block.end
        written = a.text[t.start:t.end]
        assert "".join(c for c in written if c.isalnum() or c == "&").upper() == t.key
    for m in a.malformed:
        assert a.text[m.start:m.end] == m.text
    for n in a.names:
        assert a.text[n.start:n.end] == n.text and n.text[0].isupper()


@given(st.text(max_size=300))
def test_masking_keeps_the_length(text: str) -> None:
    assert len(blank_out(text, Addresses(text).spans)) == len(text)


@given(st.lists(st.sampled_from(["NATO", "Nato", "Natos", "NASA", "Nasa", "FTSE", "Ftse", "Who",
                                  "WHO", "s", "n", " ", ".", "'", "’", "&", "-", "1", "\n"]),
                max_size=30).map("".join))
def test_initial_capital_forms_are_every_capitalised_word_of_a_key(body: str) -> None:
    _assert_initial_capital_forms(analyse("Headline\n\n" + body + "\n"))


def test_initial_capital_forms_of_many_keys_are_found_in_one_pass() -> None:
    """Past a few keys the capitalised words are matched in one pass, not searched
    for key by key (whose cost would grow with keys times text): the same tokens."""
    keys = [a + b + c + d for a, b, c, d in zip("NBCDFGHJKLMPRSTVWXYZ", "AEIOUAEIOUAEIOUAEIOU",
                                                "TMRLSNTMRLSNTMRLSNTM", "OAUEIOAUEIOAUEIOAUEI",
                                                strict=True)]
    assert len(keys) > abbreviations._KEYS_SEARCHED_UP_TO
    body = " ".join(f"{key} met {key.capitalize()} and the {key.capitalize()}s, not {key}X."
                    for key in keys)
    a = analyse("Headline\n\n" + body + "\n")
    assert len([t for t in a.tokens if t.form == "initial-cap"]) == 2 * len(keys)
    _assert_initial_capital_forms(a)


def _assert_initial_capital_forms(a: Abbreviations) -> None:
    keys = {t.key for t in a.tokens if t.form == "plain"}
    wanted = {k for k in keys if k.isalpha()
              and len(k) >= (3 if k in abbreviations.INITIAL_CAP_ACRONYMS else 4)}
    expected = []
    for m in abbreviations._CAPITALISED_WORD.finditer(a.masked):
        word = m.group()
        if word.upper() in wanted:
            expected.append((m.start(), m.end(), False))
        if word.endswith("s") and word[:-1].upper() in wanted:
            expected.append((m.start(), m.end() - 1, True))
    assert [(t.start, t.end, t.plural) for t in a.tokens if t.form == "initial-cap"] == expected


def test_names_beside_a_huge_capitalised_word_or_hyphen_chain() -> None:
    a = analyse("Headline\n\n" + "A" * 50_000 + " " + "B-" * 20_000
                + " met Llanfairpwllgwyngyll Council and Jaguar Land Rover.\n")
    assert [n.text for n in a.names] == ["Llanfairpwllgwyngyll Council", "Jaguar Land Rover"]


def test_whole_words_found_alike_one_at_a_time_and_in_one_pass() -> None:
    a = analyse("Headline\n\nAn E-mail, an email and e-mails; the Vice President, a "
                "vice-president and vice presidents. Re-email e-mail-ing coemail é-mail.\n")
    text = a.text
    words = {"e-mail", "email", "e mail", "vice president", "vice-president", "vicepresident"}
    padding = {f"filler{n}" for n in range(20)}
    one_pass = a.find_words(words | padding)
    assert {w: one_pass[w] for w in words} == {w: a.find_words({w})[w] for w in words}
    assert {w: [text[s:e] for s, e in spans] for w, spans in one_pass.items() if spans} == {
        "e-mail": ["E-mail"], "email": ["email"],
        "vice president": ["Vice President"], "vice-president": ["vice-president"]}


@given(st.text(alphabet="ab -_1é\n", max_size=60))
def test_find_words_in_one_pass_is_the_search_word_by_word(body: str) -> None:
    a = analyse("Headline\n\n" + body + "\n")
    words = {"a", "ab", "ba", "a-b", "a b", "ab-a", "b ab", "é"}
    padding = {f"filler{n}" for n in range(20)}
    one_pass = a.find_words(words | padding)
    assert {w: one_pass[w] for w in words} == {w: a.find_words({w})[w] for w in words}


def test_a_definition_does_not_reach_into_the_next_paragraph() -> None:
    # A fuzzed WordPress post: a `</p>` inside the brackets of `PDAs (Personal ...)`.

    document = read("post.html", "<h1>Phones</h1><p>Texts on PDAs (Personal</p>"
                                 "<p>Digital Assistants) are kept. PDAs (Personal Digital "
                                 "Assistants) are small.</p>")
    definitions = Article(document).abbreviations.definitions
    assert [(d.short, d.long) for d in definitions] == [("PDA", "Personal Digital Assistants")]
    assert document.text[definitions[0].start:definitions[0].end] == (
        "PDAs (Personal Digital Assistants)")


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["Mr", "Mrs", "Ms", "Dr", "s", ".", " ", "Smith", "x", "\n\n"]),
                max_size=16).map("".join))
def test_a_title_has_its_stop_only_where_a_title_with_a_stop_is_written(body: str) -> None:
    article = Article(read("a.txt", "Headline\n\n" + body + "\n"))
    with_stop = any(m.group(1) for m in _titles(article))
    assert with_stop <= any(title in body for title in _TITLES_WITH_STOP)


def _shape_of(text: str) -> bytes:
    """The text's shape, from the text one byte a character as Abbreviations holds it."""
    return abbreviations._shape(text.encode("latin-1", "replace"))


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="AUSa. é٣1,&", max_size=30))
def test_dotted_forms_found_alike_by_shape_and_by_pattern(text: str) -> None:
    assert ([m.span() for m in abbreviations._dotted_matches(text, _shape_of(text))]
            == [m.span() for m in abbreviations._DOTTED.finditer(text)])


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="AÉBa b\u00a0-–'’&_.,?1²٣\nof", max_size=40))
def test_names_found_alike_by_shape_and_by_pattern(text: str) -> None:
    assert ([m.span() for m in abbreviations._name_matches(text, _shape_of(text))]
            == [m.span() for m in abbreviations._NAME.finditer(text)])


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="ABCÉa é,!?'’-.\n\u00a0_1²٣", max_size=40))
def test_capital_runs_found_alike_with_and_without_the_shape(text: str) -> None:
    shape = _shape_of(text)
    capitals = list(abbreviations._capitals_matches(text, shape))
    # A shape with no lower-case letter tells no gap: every gap is read by its pattern.
    no_lower_case = b"0" * len(text)
    assert (abbreviations._capital_runs(text, shape, capitals)
            == abbreviations._capital_runs(text, no_lower_case, capitals))


NAME_PIECES = ["Jaguar", "Land", "Rover", "LONDON", "BBC", "MPs", "The", "Mr", "of", "Kilroy-Silk",
               "WikiLeaks", "é", "ſ", "İ", " ", "\u00a0", "-", ".", "'", "’", '"', "“", "”",
               "(", ")", "\n", "\n\n", "\u2028", "\x1c", "\x1f", "\u0301", ",",
               # Shouting that holds lower case: plural capitals, a dateline's brackets.
               "MPs MPs MPs", "\n\nLONDON (", ") - "]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=40).map("".join))
def test_names_take_the_block_and_the_shouting_each_span_is_asked_for(body: str) -> None:
    """The names walk the blocks and ask for shouting only where there is some: the
    same names as asking block_of and shouting of each trimmed run."""
    a = analyse("Headline\n\n" + body + "\n")
    text = a.masked
    expected = []
    for m in abbreviations._name_matches(text, a._shape):
        start, end = abbreviations._trim_name(text, *m.span())
        if start is None:
            continue
        block = a.block_of(start)
        if block is not None and not a.shouting(start, end) and not text[start:end].isupper():
            expected.append((start, end, block))
    assert [(n.start, n.end, n.block) for n in a.names] == expected
