"""Recall of the typography and structure rules on defects injected into real articles.

Run by hand: `.venv/bin/python benchmarks/copy_desk_recall.py [dev|bench] [--seed N]`.
Each article gets one defect of one kind at a random eligible place; a defect is
found when the rule reports a span touching the place. Prints recall per rule.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable

import regex
from corpus import CORPUS

from lint.config import Config
from lint.engine import Linter
from lint.readers import decode, read

# An injector takes the article text and a random generator and returns the new
# text and the source offset of the defect, or None when the article has no place
# for it.
Injection = tuple[str, int] | None


def _body_start(text: str) -> int:
    return text.index("\n\n") + 2


def _pick(text: str, pattern: str, rng: random.Random) -> regex.Match | None:
    matches = list(regex.finditer(pattern, text, pos=_body_start(text)))
    return rng.choice(matches) if matches else None


def drop_space_after_stop(text: str, rng: random.Random) -> Injection:
    m = _pick(text, r"(?<=\p{Ll}{3}[.,]) (?=\p{L}{3})", rng)
    return (text[:m.start()] + text[m.end():], m.start() - 1) if m else None


def space_before_comma(text: str, rng: random.Random) -> Injection:
    m = _pick(text, r"(?<=\p{L}{3}),(?= \p{L})", rng)
    return (text[:m.start()] + " " + text[m.start():], m.start()) if m else None


def move_space_before_comma(text: str, rng: random.Random) -> Injection:
    m = _pick(text, r"(?<=\p{L}{3}), (?=\p{L})", rng)
    return (text[:m.start()] + " ," + text[m.end():], m.start()) if m else None


def move_space_before_stop(text: str, rng: random.Random) -> Injection:
    """`ended .The`: found only where the next word opens sentences and is never a
    name, as a stop typed against another word may be a name's (`.Net`)."""
    m = _pick(text, r"(?<=\p{L}{3})\. (?=\p{Lu}\p{Ll})", rng)
    return (text[:m.start()] + " ." + text[m.end():], m.start()) if m else None


def double_a_space(text: str, rng: random.Random) -> Injection:
    m = _pick(text, r"(?<=\p{Ll}{2}) (?=\p{Ll}{2})", rng)
    return (text[:m.start()] + "  " + text[m.end():], m.start()) if m else None


def drop_closing_bracket(text: str, rng: random.Random) -> Injection:
    m = _pick(text, r"\([^()\n]{3,60}\)", rng)
    return (text[:m.end() - 1] + text[m.end():], m.start()) if m else None


def break_mid_sentence(text: str, rng: random.Random) -> Injection:
    m = _pick(text, r"(?<=\p{Ll}{3}) (?=\p{Ll}{3,} \p{Ll})", rng)
    return (text[:m.start()] + "\n\n" + text[m.end():], m.start() - 1) if m else None


def change_headline_number(text: str, rng: random.Random) -> Injection:
    headline_end = text.index("\n")
    m = regex.search(r"(?<![\w.,£$-])[1-9]\d{0,2}(?![\d.,%-])", text[:headline_end])
    if not m:
        return None
    changed = str(int(m.group()) + (50 if int(m.group()) >= 10 else 1))
    if changed in text[headline_end:]:
        return None
    return text[:m.start()] + changed + text[m.end():], m.start()


def caption_in_lead_in(text: str, rng: random.Random, gap: str = "\n\n") -> Injection:
    at = _body_start(text)
    lead_in = f"{rng.choice(['By Jane Doe', 'By:Jane Doe', 'BY JANE DOE'])}{gap}" \
              f"{rng.choice(['3 March 2005', '3 Mar 2005', 'Updated 14:05 GMT'])}{gap}"
    caption = rng.choice(["The stadium seen from the air", "Photo: Getty Images",
                          "Shoppers in Oxford Street - file picture"])
    return text[:at] + lead_in + caption + "\n\n" + text[at:], at + len(lead_in)


def pasted_lead_in(text: str, rng: random.Random) -> Injection:
    """The lead-in as pasted from a web page: one line each, no blank lines."""
    return caption_in_lead_in(text, rng, "\n")


def bio_under_story(text: str, rng: random.Random, gap: str = "\n\n") -> Injection:
    at = len(text.rstrip("\n"))
    name, first = rng.choice([("Jane Doe", "Jane"), ("Tom van Dyke", "Tom")])
    bio = rng.choice([f"{name}{gap}Business reporter{gap}{first} is the paper's business reporter.",
                      f"{name}{gap}Business reporter", f"{name}{gap}{first} covers the City."])
    return text[:at] + "\n\n" + bio + text[at:], at + 2


def pasted_bio(text: str, rng: random.Random) -> Injection:
    """The bio as pasted from a web page: name and title on consecutive lines."""
    return bio_under_story(text, rng, "\n")


INJECTORS: dict[str, tuple[Callable[[str, random.Random], Injection], str]] = {
    "missing space after . or ,": (drop_space_after_stop, "missing-space-after-punctuation"),
    "space before a comma": (space_before_comma, "space-before-punctuation"),
    "space moved before a comma": (move_space_before_comma, "space-before-punctuation"),
    "double space": (double_a_space, "double-space"),
    "closing bracket dropped": (drop_closing_bracket, "unbalanced-brackets"),
    "paragraph split mid-sentence": (break_mid_sentence, "paragraph-break-mid-sentence"),
    "headline number changed": (change_headline_number, "headline-number-mismatch"),
    "caption in the lead-in": (caption_in_lead_in, "stray-boilerplate"),
    "bio under the story": (bio_under_story, "stray-boilerplate"),
    "lead-in with single line breaks": (pasted_lead_in, "stray-boilerplate"),
    "bio with single line breaks": (pasted_bio, "stray-boilerplate"),
    "space moved before a full stop": (move_space_before_stop, "space-before-punctuation"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="dev")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    linter = Linter(Config(select=("typography", "structure")))
    tried: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for path in sorted((CORPUS / args.folder).glob("*.txt")):
        original = decode(path.read_bytes())
        for label, (inject, rule_name) in INJECTORS.items():
            injected = inject(original, rng)
            if injected is None:
                continue
            text, at = injected
            tried[label] += 1
            findings = linter.lint(read(path.name, text))
            if any(f.rule == rule_name and f.location.offset <= at + 2
                   and f.location.offset + f.location.length >= at - 1 for f in findings):
                found[label] += 1
    for label, (_, rule_name) in INJECTORS.items():
        n = tried[label]
        print(f"{label:32} {rule_name:34} {found[label]:4}/{n:<4} "
              f"recall {100 * found[label] / max(n, 1):.1f}%")


if __name__ == "__main__":
    main()
