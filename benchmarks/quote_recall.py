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
"""

from __future__ import annotations

import argparse
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

if __name__ == "__main__":
    main()
