"""Recall of the abbreviation and name rules on defects injected into real articles.

For every article of the folders (default ../shared/corpus/dev and bench) where a
defect can be made, one is injected at a random place (seeded) in the body:

* `U.S` — one `US` becomes `U.S` (not before a full stop, where `U.S.` would be
  right): malformed-abbreviation must flag exactly it;
* `U.S.` — one `US` becomes `U.S.`: abbreviation-style-mix must flag it, without a
  profile when the article writes `US` at least twice more, and under `bbc` always;
  names that keep their own form (`US Open`) are not changed;
* hyphenated name — one use of a multi-word name written twice or more (`Time
  Warner`; not starting a sentence, nor with `Mr` or `The`) becomes `Time-Warner`:
  name-variant must flag it;
* spelling — one word of the curated British/American list is switched to the
  other variety, where the article has two more words of the same variety:
  spelling-variant-mix must flag it, without a profile and under `bbc`.

"Flagged" means a finding of the rule on the injected span (strict), or a finding
of the rule that the unchanged article did not have (the mix is caught even where
the tie-break reports the other form). Prints recall per defect.

Usage: python benchmarks/abbreviation_recall.py [FOLDER ...] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus import CORPUS

from lint.config import Config
from lint.engine import Linter
from lint.readers import decode, read
from rules.abbreviations import PROPER_NAMES
from rules.names import SPELLINGS, Variant

_US = re.compile(r"(?<![\w.])US(?![\w.])")
_NAME = re.compile(r"(?<![\w-])[A-Z][a-z]+(?: [A-Z][a-z]+)+(?![\w-])")
# First words that make a run of capitals a title or a sentence, not a company name.
_NOT_NAME_START = frozenset(
    "Mr Mrs Ms Dr Sir Lord Lady Dame Prof St The A An How What Why When Who In On At Of For "
    "And But It This That If".split())
_TWO_WORDS = re.compile(r"(?<![\w-])([A-Z][a-z]+) [A-Z][a-z]+(?![\w-])")
_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")


@dataclass(frozen=True)
class Injection:
    text: str
    start: int
    end: int


def body_start(text: str) -> int:
    """Where the body begins: after the headline line and its blank line."""
    return text.index("\n\n") + 2 if "\n\n" in text else 0


def us_to(replacement: str, min_others: int) -> Callable[[str, random.Random], Injection | None]:
    def inject(text: str, rng: random.Random) -> Injection | None:
        uses = [m for m in _US.finditer(text, body_start(text))
                if not text[m.start():m.start() + 24].casefold().startswith(PROPER_NAMES)]
        if replacement == "U.S":
            uses = [m for m in uses if text[m.end():m.end() + 1] != "."]
        if len(uses) < 1 + min_others:
            return None
        m = rng.choice(uses)
        new = text[:m.start()] + replacement + text[m.end():]
        return Injection(new, m.start(), m.start() + len(replacement))
    return inject


def hyphenate_name(text: str, rng: random.Random) -> Injection | None:
    repeated = _repeated_names(text)
    if not repeated:
        return None
    m = rng.choice(rng.choice(repeated))
    hyphenated = m.group().replace(" ", "-", 1)
    return Injection(text[:m.start()] + hyphenated + text[m.end():], m.start(), m.end())


def _repeated_names(text: str) -> list[list[re.Match]]:
    """Uses of each multi-word name (not opening a sentence) used twice or more."""
    counts: dict[str, list[re.Match]] = {}
    for m in _NAME.finditer(text, body_start(text)):
        before = text[max(0, m.start() - 2):m.start()]
        opens_sentence = re.search(r"[.!?\"]\s$|^\n", before or "\n")
        if not opens_sentence and m.group().split()[0] not in _NOT_NAME_START:
            counts.setdefault(m.group(), []).append(m)
    return [uses for uses in counts.values() if len(uses) >= 2]


def hyphenate_two_words(text: str, rng: random.Random) -> Injection | None:
    """Any two capitalised words in a row used twice, even inside a longer name
    (`Santa Barbara`, `Santa Barbara County Court`): one use hyphenated."""
    pairs: dict[str, list[re.Match]] = {}
    for m in _TWO_WORDS.finditer(text, body_start(text)):
        if m.group(1) not in _NOT_NAME_START:
            pairs.setdefault(m.group(), []).append(m)
    repeated = [uses for uses in pairs.values() if len(uses) >= 2]
    if not repeated:
        return None
    m = rng.choice(rng.choice(repeated))
    hyphenated = m.group().replace(" ", "-", 1)
    return Injection(text[:m.start()] + hyphenated + text[m.end():], m.start(), m.end())


def misspell_name(text: str, rng: random.Random) -> Injection | None:
    """A later use of a name used twice or more, one word misspelled by one edit."""
    repeated = _repeated_names(text)
    if not repeated:
        return None
    m = rng.choice(rng.choice(repeated)[1:])
    words = m.group().split()
    candidates = [i for i, w in enumerate(words) if len(w) >= 5]
    if not candidates:
        return None
    i = rng.choice(candidates)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["drop", "swap", "change"])
    if edit == "drop":
        word = word[:at] + word[at + 1:]
    elif edit == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
    else:
        word = word[:at] + rng.choice([c for c in "aeioulnrst" if c != word[at]]) + word[at + 1:]
    if word == words[i]:
        return None
    misspelt = " ".join(words[:i] + [word] + words[i + 1:])
    return Injection(text[:m.start()] + misspelt + text[m.end():], m.start(),
                     m.start() + len(misspelt))


def switch_spelling(text: str, rng: random.Random) -> Injection | None:
    uses = [(m, Variant(*SPELLINGS[m.group()]))
            for m in _WORD.finditer(text, body_start(text)) if m.group() in SPELLINGS]
    # Only where the article has set its variety: two more words of the same axis
    # (British/American, or -ise/-ize) and the same side.
    settled = [(m, v) for m, v in uses
               if sum(o.axis == v.axis and o.side == v.side for _, o in uses) >= 3]
    if not settled:
        return None
    m, variant = rng.choice(settled)
    return Injection(text[:m.start()] + variant.other + text[m.end():], m.start(),
                     m.start() + len(variant.other))


def flagged(linter: Linter, rule: str, before: str, injection: Injection) -> tuple[bool, bool]:
    """(strict, loose): a finding on the injected span; a finding the original lacked."""
    def findings(text: str) -> list:
        return [f for f in linter.lint(read("x.txt", text)) if f.rule == rule]

    after = findings(injection.text)
    strict = any(f.location.offset == injection.start
                 and f.location.offset + f.location.length == injection.end for f in after)
    original = {(f.text, f.message) for f in findings(before)}
    return strict, strict or any((f.text, f.message) not in original for f in after)


DEFECTS: list[tuple[str, str, Callable, str | None]] = [
    ("US -> U.S", "malformed-abbreviation", us_to("U.S", 0), None),
    ("US -> U.S. (no profile)", "abbreviation-style-mix", us_to("U.S.", 2), None),
    ("US -> U.S. (bbc)", "abbreviation-style-mix", us_to("U.S.", 0), "bbc"),
    ("hyphenated name", "name-variant", hyphenate_name, None),
    ("two words of a name hyphenated", "name-variant", hyphenate_two_words, None),
    ("name misspelled by one edit", "name-misspelling", misspell_name, None),
    ("spelling switched (no profile)", "spelling-variant-mix", switch_spelling, None),
    ("spelling switched (bbc)", "spelling-variant-mix", switch_spelling, "bbc"),
]


def texts(folders: list[Path]) -> Iterator[str]:
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            yield decode(path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[CORPUS / "dev", CORPUS / "bench"])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    articles = list(texts(args.folders))
    print(f"{len(articles)} articles")
    for label, rule, inject, profile in DEFECTS:
        linter = Linter(Config(select=(rule,), profile=profile))
        rng = random.Random(args.seed)
        tried = strict = loose = 0
        missed = []
        for text in articles:
            injection = inject(text, rng)
            if injection is None:
                continue
            tried += 1
            on_span, caught = flagged(linter, rule, text, injection)
            strict += on_span
            loose += caught
            if not caught:
                missed.append(injection.text[max(0, injection.start - 40):injection.end + 40])
        if tried:
            print(f"{label:<32} {rule:<24} n={tried:<5} on the span {strict / tried:6.1%}"
                  f"   caught {loose / tried:6.1%}")
        for context in missed[:5]:
            print("    missed:", context.replace("\n", " "))


if __name__ == "__main__":
    main()
