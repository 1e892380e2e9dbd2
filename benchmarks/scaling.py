"""How copydesk's cost grows with the input: ms per KB from 1 KB to 10 MB.

Run by hand: `.venv/bin/python benchmarks/scaling.py [--shapes NAME ...]
[--formats text html ...] [--sizes 10K 1M ...] [--all-rules]`. Prints, per shape and
format, the milliseconds per KB of reading and linting documents of each size in
process, and each shape's cost against ordinary copy of the same size. A cost that
grows with the size (a super-linear spot in a reader, analysis or rule) shows as a
number that climbs along its row; a linear one stays flat.

Shapes:
- `distinct`: corpus paragraphs (../shared/corpus/dev and bench) in order, then
  paragraphs made of shuffled corpus sentences once the corpus is used up;
- `repeated`: one ordinary article's body pasted over and over;
- hostile shapes: long runs of one word, mark or token a scanner treats specially,
  many short paragraphs, deep markup nesting, many quotes, names and acronyms.
  `--issue` runs instead the shapes of issue 9 at the sizes it names.

Documents are linted through the engine in process, so no size limit of the CLI
applies; `max-findings-per-rule` does (200), as it does for every user, so a shape
with a finding at every character costs its rules' scan and 200 findings each. A
cell that took longer than --give-up seconds stops its row (`>`).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections.abc import Callable

import regex
from corpus import CORPUS

from lint.config import Config
from lint.engine import Linter
from lint.readers import read

KB = 1024
SIZES = {"1K": KB, "10K": 10 * KB, "100K": 100 * KB, "1M": KB * KB, "10M": 10 * KB * KB}
FORMATS = ("text", "markdown", "html", "wordpress", "ans")
HEADLINE = "Council approves plan for new town centre"
_SENTENCE_END = regex.compile(r"(?<=[.!?][\"”’]?)\s+(?=[\"“‘]?[A-Z])")


def _corpus_paragraphs() -> list[str]:
    paragraphs = []
    for folder in ("dev", "bench"):
        for path in sorted((CORPUS / folder).glob("*.txt")):
            paragraphs.extend(path.read_text(encoding="utf-8").split("\n\n")[1:])
    return [p.strip() for p in paragraphs if p.strip()]


def _fill(size: int, items: Callable[[], object]) -> list[str]:
    """Paragraphs from the iterator `items()` until they hold `size` characters."""
    out, total = [], 0
    for item in items():
        out.append(item)
        total += len(item) + 2
        if total >= size:
            break
    return out


def distinct(size: int) -> list[str]:
    paragraphs = _corpus_paragraphs()

    def items():
        yield from paragraphs
        sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p)]
        rng = random.Random(9)
        while True:
            yield " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
    return _fill(size, items)


def repeated(size: int) -> list[str]:
    article = sorted((CORPUS / "dev").glob("*.txt"))[0].read_text(encoding="utf-8")
    body = [p for p in article.split("\n\n")[1:] if p.strip()]

    def items():
        while True:
            yield from body
    return _fill(size, items)


def one_paragraph(unit: str) -> Callable[[int], list[str]]:
    """A shape: one paragraph of `unit` written over and over."""
    return lambda size: [unit * max(1, size // len(unit))]


def paragraphs_of(make: Callable[[random.Random, int], str]) -> Callable[[int], list[str]]:
    """A shape: paragraphs make(rng, i) for i = 0, 1, ... until the size is reached."""
    def shape(size: int) -> list[str]:
        rng = random.Random(11)
        return _fill(size, lambda: (make(rng, i) for i in range(10**9)))
    return shape


def words_of(make: Callable[[random.Random, int], str]) -> Callable[[int], list[str]]:
    """A shape: one paragraph of words make(rng, i), separated by spaces."""
    def shape(size: int) -> list[str]:
        rng = random.Random(13)
        out, total, i = [], 0, 0
        while total < size:
            word = make(rng, i)
            out.append(word)
            total += len(word) + 1
            i += 1
        return [" ".join(out)]
    return shape


def _letters(rng: random.Random, low: int, high: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = UPPER.lower()
FIRST_NAMES = "Anna Ben Carla David Emma Frank Grace Henry Irene Jack Karen Liam".split()
SURNAMES = "Smith Jones Taylor Brown Wilson Evans Thomas Roberts Walker Wright Khan".split()


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}{_letters(rng, 0, 2, LOWER)}"


def _compound(rng: random.Random, i: int) -> str:
    """A new compound, hyphenated or, every third, closed up (`ab-cde`, `abcde`)."""
    first, second = _letters(rng, 2, 4, LOWER), _letters(rng, 2, 5, LOWER)
    return first + second if i % 3 == 2 else f"{first}-{second}"


def _acronym_definition(rng: random.Random, i: int) -> str:
    words = [_letters(rng, 1, 1, UPPER) + _letters(rng, 3, 7, LOWER) for _ in range(3)]
    return f"the {' '.join(words)} ({''.join(w[0] for w in words)})"


# Each a function from a size in characters to the paragraphs of a document.
HOSTILE: dict[str, Callable[[int], list[str]]] = {
    "one word repeated": one_paragraph("word "),
    "the the the": one_paragraph("the "),
    "capitalised short words": words_of(lambda rng, i: _letters(rng, 2, 3, UPPER)),
    "U.S. in a row": one_paragraph("U.S. "),
    "short paragraphs": paragraphs_of(
        lambda rng, i: f"Item {i} was {_letters(rng, 3, 9, LOWER)} and it {rng.choice(LOWER)}."),
    "one-letter paragraphs": paragraphs_of(lambda rng, i: "a"),
    '"a" paragraphs': paragraphs_of(lambda rng, i: '"a"'),
    "double quotes": one_paragraph('"'),
    "'' pairs": one_paragraph("''"),
    "one huge word": one_paragraph("a"),
    "one huge capitalised word": one_paragraph("A"),
    "capitals run into a word": lambda size: ["NATO" * (size // 4) + "follows"],
    "dots": one_paragraph("."),
    "spaced dots": one_paragraph(". "),
    "a.a.a.": one_paragraph("a."),
    "A.B.C.": one_paragraph("A."),
    "hyphens": one_paragraph("-"),
    "spaced hyphens": one_paragraph("a - "),
    "a-a-a": one_paragraph("a-"),
    "em dashes": one_paragraph("—"),
    "en dashes": one_paragraph("–"),
    "opening brackets": one_paragraph("("),
    "closing brackets": one_paragraph(")"),
    "bracket pairs": one_paragraph("(a) "),
    "square brackets": one_paragraph("["),
    "apostrophes": one_paragraph("'"),
    "curly apostrophes": one_paragraph("’"),
    "curly double quotes": one_paragraph("“"),
    "quoted words": one_paragraph('"a" '),
    "curly quoted words": one_paragraph("“Yes,” he said. "),
    "open quote per paragraph": paragraphs_of(lambda rng, i: f"“Item {i} is here, he said."),
    "double-spaced words": one_paragraph("ab  "),
    "hyphenated words": words_of(_compound),
    "one long number": one_paragraph("9"),
    "spaces": lambda size: ["a" + " " * size + "b"],
    "line breaks": lambda size: ["a" + "\n" * size + "b"],
    "single line breaks": one_paragraph("a\n"),
    "line separators": one_paragraph("a\u2028"),
    "commas": one_paragraph(","),
    "question marks": one_paragraph("?"),
    "ellipses": one_paragraph("…"),
    "digits": one_paragraph("1"),
    "numbers": one_paragraph("1,234,567 "),
    "number words": one_paragraph("six million "),
    "percentages": one_paragraph("10 per cent 12% "),
    "names": words_of(lambda rng, i: _name(rng) + " said."),
    "acronym definitions": words_of(_acronym_definition),
    "acronyms": words_of(lambda rng, i: _letters(rng, 2, 5, UPPER) + "."),
    "half-dotted abbreviations": one_paragraph("U.S, U.S. "),
    "dotted abbreviations": words_of(
        lambda rng, i: "".join(f"{rng.choice(UPPER)}." for _ in range(3)) + " said"),
    "initials": one_paragraph("J. "),
    "Mr. Smith": one_paragraph("Mr. Smith "),
    "ampersand names": one_paragraph("Marks & Spencer and Marks and Spencer. "),
    "possessives": one_paragraph("Smith's "),
    "urls": one_paragraph("http://a.b/c "),
    "url without break": one_paragraph("http://a"),
    "dotted run with a cue": lambda size: ["U.N." * (size // 4) + "#"],
    "run of stops inside a quote": lambda size: ['"We will carry on' + "." * size + ' with this."'],
    "dotted run before a quote": lambda size: [
        "The " + "U.N." * (size // 4) + " agreed.", '"This quotation is long enough to report."'],
    "handles": one_paragraph("@a "),
    "html comments": one_paragraph("<!-- x -->"),
    "unclosed comment": one_paragraph("<!--"),
    "directives": paragraphs_of(
        lambda rng, i: "<!-- copydesk: disable repeated-word -->" if i % 2 else "Some text."),
    "unused directives": paragraphs_of(
        lambda rng, i: "<!-- copydesk: disable=typography --> The the slip."),
    "directives above a paragraph": lambda size: [
        "<!-- copydesk: disable-next=name-variant -->\n" * (size // 90)
        + "It was the the end of the U.S, he said. " * (size // 80)],
    "tags": one_paragraph("<b>"),
    "tagged words": one_paragraph("<i>a</i> "),
    "emphasised words": one_paragraph("*a* "),
    "linked words": one_paragraph("[a](b) "),
    "nested divs": one_paragraph("<div>"),
    "nested blockquotes": one_paragraph("<blockquote>"),
    "entities": one_paragraph("&amp;"),
    "entities without ;": one_paragraph("&nbsp"),
    "angle brackets": one_paragraph("<"),
    "< and > far apart": lambda size: [
        "Profit < cost, " + "the firm said. " * max(1, size // 15) + "and margin > 5%."],
    "ampersands": one_paragraph("&"),
    "markdown quote markers": one_paragraph("> "),
    "markdown emphasis": one_paragraph("*"),
    "markdown links": one_paragraph("[a]("),
    "backticks": one_paragraph("`"),
    "unpaired backtick runs": lambda size: ["`" * (size // 2) + " a " + "`" * (size // 2 - 3)],
    "underscores": one_paragraph("_"),
    "hashes": one_paragraph("#"),
    "list markers": paragraphs_of(lambda rng, i: f"- item {i}"),
    "long near-duplicates": lambda size: _near_pair(size),
}
ORDINARY: dict[str, Callable[[int], list[str]]] = {"distinct": distinct, "repeated": repeated}
# The shapes issue 9 names, at the sizes it names (in units of the shape).
ISSUE: dict[str, Callable[[], list[str]]] = {
    "1 MB paragraph of one word": lambda: one_paragraph("word ")(KB * KB),
    "100,000 capitalised short words": lambda: words_of(
        lambda rng, i: _letters(rng, 2, 3, UPPER))(100_000 * 3),
    "100,000 U.S. in a row": lambda: ["U.S. " * 100_000],
    "10,000 distinct short paragraphs": lambda: list(dict.fromkeys(
        p for p in _corpus_paragraphs() if len(p) < 200))[:10_000],
    "an article pasted 2,000 times": lambda: _pasted(2_000),
    "100,000 straight double quotes": lambda: ['"' * 100_000],
    "50,000 '' pairs": lambda: ["''" * 50_000],
}


def _near_pair(size: int) -> list[str]:
    """Two paragraphs of common words, the second with every 25th word changed: a
    near-duplicate pair whose words' difference is described."""
    words = ("the council said the plan for the town would go ahead in the spring and "
             "the mayor said it was good news for the town").split()
    first = [words[i % len(words)] for i in range(size // 10)]
    second = [f"x{i}" if i % 25 == 0 else word for i, word in enumerate(first)]
    return [" ".join(first) + ".", " ".join(second) + "."]


def _pasted(times: int) -> list[str]:
    article = sorted((CORPUS / "dev").glob("*.txt"))[0].read_text(encoding="utf-8")
    return [p for p in article.split("\n\n")[1:] if p.strip()] * times


def size_label(label: str) -> str:
    """A size such as 300K or 2M, added to SIZES."""
    number, unit = label[:-1], label[-1:].upper()
    if not number.isdigit() or unit not in "KM":
        raise argparse.ArgumentTypeError(f"{label!r} is not a size such as 10K or 1M")
    SIZES[label] = int(number) * (KB if unit == "K" else KB * KB)
    return label


def render(paragraphs: list[str], fmt: str) -> str:
    """The document in a format: paragraphs as they are (markup shapes stay markup)."""
    if fmt in ("text", "markdown"):
        return HEADLINE + "\n\n" + "\n\n".join(paragraphs) + "\n"
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    if fmt == "html":
        return f"<html><body><article><h1>{HEADLINE}</h1>\n{body}\n</article></body></html>"
    if fmt == "wordpress":
        return json.dumps({"title": {"rendered": HEADLINE}, "content": {"rendered": body}})
    return json.dumps({"type": "story", "headlines": {"basic": HEADLINE},
                       "content_elements": [{"type": "text", "content": p}
                                            for p in paragraphs]})


def seconds(linter: Linter, content: str, fmt: str, repeat: int) -> float:
    """The best of `repeat` runs of reading (as every front end does) and linting
    `content`, with the collection of the young objects that the engine defers to the
    end of a check."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        linter.lint(read("scaling." + fmt, content, fmt))
        gc.collect(0)
        best = min(best, time.process_time() - start)
    return best


def row(linter: Linter, shape: Callable[[int], list[str]], fmt: str, sizes: list[str],
        give_up: float) -> dict[str, float]:
    """ms per KB at each size, up to the first size that took over `give_up` seconds."""
    cells: dict[str, float] = {}
    for label in sizes:
        content = render(shape(SIZES[label]), fmt)
        took = seconds(linter, content, fmt, 3 if SIZES[label] <= 100 * KB else 1)
        cells[label] = took * 1000 / (len(content.encode()) / KB)
        if took > give_up:
            break
    return cells


def table(linter: Linter, shapes: dict[str, Callable[[int], list[str]]], formats: list[str],
          sizes: list[str], give_up: float, baseline: dict[str, dict[str, float]]) -> None:
    """A row per shape and format; ordinary copy of the same size and format is the
    baseline of `vs ordinary` (the worst size), `growth` is the last size's cost
    over the first's."""
    print(f"{'ms per KB':30} {'format':10}" + "".join(f"{s:>9}" for s in sizes)
          + f"{'vs ordinary':>13}{'growth':>8}")
    for name, shape in shapes.items():
        for fmt in formats:
            cells = row(linter, shape, fmt, sizes, give_up)
            if name == "distinct":
                baseline[fmt] = cells
            ratios = [cost / baseline[fmt][size] for size, cost in cells.items()
                      if baseline.get(fmt, {}).get(size)]
            costs = list(cells.values())
            print(f"{name:30} {fmt:10}"
                  + "".join(f"{cells[s]:9.3f}" if s in cells else f"{'>':>9}" for s in sizes)
                  + (f"{max(ratios):12.1f}x" if ratios else f"{'':13}")
                  + f"{costs[-1] / costs[0]:7.1f}x", flush=True)


def issue_shapes(linter: Linter) -> None:
    print(f"{'issue 9 shape (text)':36} {'KB':>8} {'seconds':>9} {'ms per KB':>10}")
    for name, build in ISSUE.items():
        content = render(build(), "text")
        took = seconds(linter, content, "text", 1)
        size = len(content.encode()) / KB
        print(f"{name:36} {size:8.0f} {took:9.2f} {took * 1000 / size:10.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shapes", nargs="+", help="shapes to run (default: all)")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--sizes", nargs="+", type=size_label,
                        help="default: 1K to 10M for ordinary copy, 10K to 1M for the rest")
    parser.add_argument("--give-up", type=float, default=20.0, metavar="SECONDS")
    parser.add_argument("--all-rules", action="store_true", help="not just the default rules")
    parser.add_argument("--issue", action="store_true", help="the shapes issue 9 names")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not here (the benchmark builds documents from it)")
    linter = Linter(Config(select=("ALL",)) if args.all_rules else Config())
    linter.lint(read("warm-up.txt", render(repeated(KB), "text"), "text"))
    if args.issue:
        issue_shapes(linter)
        return
    chosen = {**ORDINARY, **HOSTILE}
    if args.shapes:
        unknown = set(args.shapes) - set(chosen)
        if unknown:
            sys.exit(f"unknown shapes: {', '.join(sorted(unknown))}; known: {', '.join(chosen)}")
        chosen = {name: chosen[name] for name in args.shapes}
    baseline: dict[str, dict[str, float]] = {}
    ordinary = {n: s for n, s in chosen.items() if n in ORDINARY}
    hostile = {n: s for n, s in chosen.items() if n not in ORDINARY}
    if ordinary:
        table(linter, ordinary, args.formats, args.sizes or list(SIZES), args.give_up, baseline)
    if hostile:
        sizes = args.sizes or ["10K", "100K", "1M"]
        if not baseline:  # no distinct row above: measure it, not printed
            for fmt in args.formats:
                baseline[fmt] = row(linter, distinct, fmt, sizes, args.give_up)
        table(linter, hostile, args.formats, sizes, args.give_up, baseline)


if __name__ == "__main__":
    main()
