"""Properties of the number-mention and web-address analyses."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lint.analysis.addresses import (
    _ADDRESS,
    _MAYBE_DOMAIN_OR_WWW,
    _TLD_FIRST_LETTERS,
    _TLD_NAMES,
    _TLDS,
    Addresses,
    _may_hold_address,
    _windows,
)
from lint.analysis.numbers import (
    NUMBER_WORDS,
    matches_any,
    number_mentions,
)

SCALES = {"m": 1e6, "bn": 1e9, " million": 1e6, " billion": 1e9}


def mentions(text: str):
    return number_mentions(text, 0, len(text))


@given(st.integers(1, 999), st.integers(0, 9), st.sampled_from(sorted(SCALES)))
def test_money_with_a_scale_has_its_value(whole: int, tenth: int, scale: str) -> None:
    text = f"a deal worth £{whole}.{tenth}{scale} was agreed"
    (mention,) = mentions(text)
    assert abs(mention.value - (whole + tenth / 10) * SCALES[scale]) < 1e-3 * SCALES[scale]
    assert text[mention.start:mention.end] == f"£{whole}.{tenth}{scale}"


@given(st.integers(10, 99_999))
def test_grouped_figures_are_one_number(n: int) -> None:
    (mention,) = mentions(f"there were {n:,} cars")
    assert mention.value == n


@given(st.integers(1, 998))
def test_a_different_whole_number_never_matches(n: int) -> None:
    (headline,) = mentions(f"{n} homes")
    (body,) = mentions(f"{n + 1} homes")
    assert not matches_any(headline, [body])


def test_words_units_and_rounding_match() -> None:
    (five,) = mentions("Five firms")
    (bn,) = mentions("£2bn deal")
    assert matches_any(five, mentions("the 5 firms"))
    assert matches_any(bn, mentions("sales of £1.97bn"))
    assert matches_any(mentions("£1.2bn")[0], mentions("1.2 billion pounds"))
    assert NUMBER_WORDS["twelve"] == 12


def test_years_ordinals_and_codes_are_not_mentions() -> None:
    assert mentions("in 2025 the 3rd MP3 player and the Tiggo9 at 9am") == []


@given(st.text(alphabet="abc.:/@ ", max_size=40))
def test_addresses_answer_for_any_text(text: str) -> None:
    addresses = Addresses(text)
    assert all(isinstance(i in addresses, bool) for i in range(len(text)))


@given(st.lists(st.sampled_from(["a", "b1", ".", ".co", ".Com", "-", "+", "_", "@", "#", "<",
                                  ">", "<a", "http", "://", "WWW.", "/", ")", " ", "\n",
                                  "!", "\u00a0", "\x1c", "é", "K", "<\u212a", "<ſ", "< ",
                                  "<1", "<!", "</", "<\n"]), max_size=30))
def test_searching_the_windows_finds_what_searching_the_whole_text_finds(
        pieces: list[str]) -> None:
    text = "".join(pieces)
    whole = [m.span() for m in _ADDRESS.finditer(text)]
    windowed = [m.span() for start, end in _windows(text)
                for m in _ADDRESS.finditer(text, start, end)]
    assert windowed == whole


@given(st.lists(st.sampled_from(["a", "w", "W", "ww", "www", ".", "wWw.", "WWW.", "www.", ".c",
                                  ".co", ".CO", ".u", ".uk", ".u\u212a", ".ı", ".ıo", ".İo", "ſ",
                                  "://", ":", "/", "@", "#", "<", " ", "\n", "\u00a0", "\x1c",
                                  "é", "-", "x"]), max_size=30))
def test_the_cheap_test_passes_every_text_holding_an_address(pieces: list[str]) -> None:
    text = "".join(pieces)
    if _ADDRESS.search(text) is not None:
        assert _may_hold_address(text)


# Every character that a letter of a domain matches when case is set aside, as `re`
# sets it aside: the Kelvin sign, the long s and the dotted and dotless i among them.
_TLD_LOOKALIKES = sorted(chr(c) for c in range(0x2200)
                         if re.fullmatch(f"[{_TLD_FIRST_LETTERS}]", chr(c), re.IGNORECASE))
_PLAIN_DOMAIN_OR_WWW = re.compile(rf"\.(?:{_TLDS}|(?<=www\.))", re.IGNORECASE)


def _same_search(text: str) -> bool:
    found, expected = _MAYBE_DOMAIN_OR_WWW.search(text), _PLAIN_DOMAIN_OR_WWW.search(text)
    return (found and found.span()) == (expected and expected.span())


def test_the_domain_cue_finds_every_domain_in_any_case() -> None:
    # The cue turns a stop down on the first letter after it: every way of writing
    # that letter that the alternation takes must pass.
    for name in _TLD_NAMES:
        for first in [name[0], *_TLD_LOOKALIKES]:
            for text in (f"x.{first}{name[1:]} y", f"x.{first}{name[1:].upper()}"):
                assert _same_search(text), text


@given(st.lists(st.sampled_from([".", "www.", "wWw", " ", "x", "\n", *_TLD_NAMES,
                                 *_TLD_LOOKALIKES]), max_size=12))
def test_the_domain_cue_finds_what_its_plain_alternation_finds(pieces: list[str]) -> None:
    assert _same_search("".join(pieces))


def test_address_spans() -> None:
    text = "See www.bbc.co.uk/news. Mail news@post.com or @Post, or a.b (x)."
    addresses = Addresses(text)
    assert text.index("bbc") in addresses and text.index("news.") - 1 in addresses
    assert text.index("/news.") + 5 not in addresses  # the sentence's own stop
    assert text.index("@post") in addresses and text.index("@Post") in addresses
    assert text.index("(x)") not in addresses


def test_a_bare_domain_is_bounded_as_dns_bounds_it() -> None:
    # A long run of dotted words holding a cue (here `#`) was tried from every word,
    # each try reading to the run's end: seconds for a few KB (issue 9's fuzzing).
    label = "a" * 63
    domain = ".".join([label] * 3) + ".com"
    text = f"See {domain}. Then {'U.N.' * 5000}#x and {'b' * 64}.com."
    addresses = Addresses(text)
    assert text.index(domain) in addresses and text.index(domain) + len(domain) - 1 in addresses
    assert text.index("U.N.") not in addresses
    assert text.index("b" * 64) not in addresses  # a label is at most 63 characters
