"""Synthetic recall of unattributed-quote: delete attribution clauses from real copy.

    .venv/bin/python benchmarks/quote_recall.py [--show N]

Every paragraph that opens `"...," X said.` (straight or curly marks, a
reporting verb in the clause) in the BBC corpus (dev and bench) and
PolNeAR dev loses its clause, one paragraph at a time: `"...," X said.` becomes
`"...."`, and the rest of a merged BBC paragraph becomes the next paragraph.
Paragraphs that carry on a quote from the paragraph before, or follow
one ending in a colon, are left out (the quote is still attributed without the
clause). Recall is the share of mutated quotes flagged at warning or info, and at
warning alone.

A second figure cuts the British colon form at the start of a paragraph:
`Smith said: "...."` becomes `"...."`.

A third inserts an orphan quote: one quote taken from another article's `"...," X
said.` paragraph, standing as its own paragraph between two body paragraphs that
name no speaker (no quotation marks, no speech verb; verbs such as `continued`,
`reported` or `thinks` may be there), one place per article. Nothing attributes it,
so it should be a warning.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from itertools import product

import regex
from corpus import CORPUS

from lint.config import from_mapping
from lint.engine import Linter
from lint.readers import decode, read

FOLDERS = {"BBC": [CORPUS / "dev", CORPUS / "bench"],
           "PolNeAR": [CORPUS / "attribution" / "polnear-dev" / "text"]}

# A paragraph that opens with a quote ending in a comma, then a short clause with a
# reporting verb and a full stop; BBC paragraphs may run on (merged web paragraphs).
_ATTRIBUTED = regex.compile(
    r'^(?P<open>["“])(?P<quote>[^"“”]{20,}?),(?P<close>["”])\s+'
    r'(?P<clause>[^"“”.]{2,80}?\b(?:said|says|told|added|explained|continued|stated'
    r'|insisted|argued|warned|noted|admitted|claimed|wrote|tweeted)\b[^"“”.]{0,60}?)\.'
    r'(?:$|\s+(?P<rest>\S.*))', regex.DOTALL)
# A paragraph that opens with a short clause with a reporting verb and a colon, then
# a closed quote.
_COLON_FIRST = regex.compile(
    r'^(?P<clause>[^"“”.:]{2,80}?\b(?:said|says|told|added|explained|continued|stated'
    r'|insisted|argued|warned|noted|admitted|claimed|wrote|tweeted)\b[^"“”.:]{0,60}?):\s+'
    r'(?P<quoted>["“](?P<quote>[^"“”]{20,}?)["”])(?:$|\s+(?P<rest>\S.*))', regex.DOTALL)
_PARAGRAPH = regex.compile(r"[^\n]+(?:\n[^\n]+)*")
# Speech verbs and cues that name a speaker; a paragraph without any names none.
_SPEECH = regex.compile(
    r"\b(?:say|says|said|saying|told|tells?|ask(?:s|ed)?|add(?:s|ed)|according to|explain(?:s|ed)"
    r"|insist(?:s|ed)|argue[sd]?|warn(?:s|ed)|claim(?:s|ed)|stated?|announce[sd]?|repl(?:y|ied)"
    r"|wr(?:ote|ites)|admit(?:s|ted)|spokes(?:man|woman|person)|statement|quoted|interview"
    r"|urged?|stress(?:es|ed)|confirm(?:s|ed)|revealed|declared|noted|went on|pointed out)\b",
    regex.IGNORECASE)
_MIN_WORDS = 4


def cut_after_quote(match) -> str:
    return f"{match['open']}{match['quote']}.{match['close']}"


def cut_before_quote(match) -> str:
    return match["quoted"]


MUTATIONS = {'"...," X said.': (_ATTRIBUTED, cut_after_quote),
             'X said: "..."': (_COLON_FIRST, cut_before_quote)}


def mutations(text: str, pattern, cut):
    """(offset of the paragraph, mutated article) for each clause that can be cut.

    What follows the quote in a merged paragraph becomes a paragraph of its own,
    as it was on the web page."""
    paragraphs = list(_PARAGRAPH.finditer(text))
    for i, par in enumerate(paragraphs[1:], start=1):
        match = pattern.match(par.group())
        if not match or len(match["quote"].split()) < _MIN_WORDS:
            continue
        previous = paragraphs[i - 1].group()
        if previous.rstrip().endswith(":") or previous.count('"') % 2 or (
                previous.count("“") > previous.count("”")):
            continue
        mutated = cut(match)
        if match["rest"]:
            mutated += "\n\n" + match["rest"]
        yield par.start(), text[:par.start()] + mutated + text[par.end():]


def orphan_places(text: str) -> list[int]:
    """Offsets between two body paragraphs that name no speaker, for an orphan quote."""
    paragraphs = list(_PARAGRAPH.finditer(text))[1:]
    return [after.start() for before, after in zip(paragraphs, paragraphs[1:], strict=False)
            if not any(regex.search(r'["“”]', p.group()) or _SPEECH.search(p.group())
                       for p in (before, after))
            and not before.group().rstrip().endswith(":")]


def orphan_quote_recall(linter: Linter, show: int) -> None:
    paths = [p for folder in FOLDERS["BBC"] for p in sorted(folder.glob("*.txt"))]
    originals = [decode(p.read_bytes()) for p in paths]
    quotes = [f'"{m["quote"]}."' for text in originals for par in _PARAGRAPH.finditer(text)
              if (m := _ATTRIBUTED.match(par.group())) and len(m["quote"].split()) >= _MIN_WORDS]
    rng = random.Random(13)
    outcome: Counter[str] = Counter()
    missed = []
    for path, text in zip(paths, originals, strict=True):
        places = orphan_places(text)
        if not places:
            continue
        at = rng.choice(places)
        mutated = text[:at] + rng.choice(quotes) + "\n\n" + text[at:]
        findings = linter.lint(read(str(path), mutated))
        severity = next((f.severity for f in findings if f.location.offset == at), "missed")
        outcome[severity] += 1
        if severity != "warning":
            missed.append((path.name, severity, mutated[max(0, at - 160):at + 60]))
    total = sum(outcome.values())
    print(f"BBC, orphan quote between paragraphs naming no speaker: {total} quotes inserted")
    print(f"  recall at warning: {outcome['warning'] / total:.1%} ({outcome['warning']}); "
          f"info {outcome['info']}, missed {outcome['missed']}")
    for file, severity, context in missed[:show]:
        print(f"    {severity} {file}: {context!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--show", type=int, default=0, help="missed quotes to print")
    args = parser.parse_args()
    linter = Linter(from_mapping({"select": ["unattributed-quote"]}))
    for (name, folders), form in product(FOLDERS.items(), MUTATIONS):
        pattern, cut = MUTATIONS[form]
        outcome: Counter[str] = Counter()
        missed = []
        for folder in folders:
            for path in sorted(folder.glob("*.txt")):
                original = decode(path.read_bytes())
                for offset, mutated in mutations(original, pattern, cut):
                    findings = linter.lint(read(str(path), mutated))
                    severity = next((f.severity for f in findings
                                     if f.location.offset == offset), "missed")
                    outcome[severity] += 1
                    if severity == "missed":
                        missed.append((path.name, mutated[offset:offset + 100]))
        total = sum(outcome.values())
        flagged = outcome["warning"] + outcome["info"]
        print(f"{name}, {form}: {total} quotes with the attribution cut")
        print(f"  recall at warning or info: {flagged / total:.1%} ({flagged})")
        print(f"  recall at warning:         {outcome['warning'] / total:.1%} "
              f"({outcome['warning']}); info {outcome['info']}, missed {outcome['missed']}")
        for file, text in missed[:args.show]:
            print(f"    missed {file}: {text!r}")
    orphan_quote_recall(linter, args.show)

if __name__ == "__main__":
    main()
