"""Inline suppression: `<!-- copydesk: disable=RULE -->` ... `<!-- copydesk: enable=RULE -->`.

`<!-- copydesk: disable-next=RULE -->` (or `disable-next-paragraph`) silences the
next block only. Without `=RULE` a directive applies to every rule. Directives are
source text, so they work the same in plain text, Markdown and HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from lint.document import Document

DIRECTIVE = regex.compile(
    r"<!--\s*copydesk:\s*(disable-next-paragraph|disable-next|disable|enable)"
    r"(?:\s*=\s*([\w\s,-]*?))?\s*-->"
)
EVERY_RULE = "*"


@dataclass(frozen=True, slots=True)
class Directive:
    action: str
    rules: frozenset[str]
    start: int
    end: int


def directives_in(text: str) -> list[Directive]:
    found = []
    for m in DIRECTIVE.finditer(text):
        names = frozenset(n.strip() for n in (m.group(2) or "").split(",") if n.strip())
        found.append(Directive(m.group(1), names or frozenset({EVERY_RULE}), m.start(), m.end()))
    return found


class Suppressions:
    """Answers whether a rule is silenced at an offset of one of a document's sources."""

    def __init__(self, document: Document):
        self._ranges: dict[int, list[tuple[int, int, frozenset[str]]]] = {}
        self._toggles: dict[int, list[Directive]] = {}
        for index, source in enumerate(document.sources):
            if "copydesk:" not in source.text:
                continue
            directives = directives_in(source.text)
            self._toggles[index] = [d for d in directives if d.action in ("disable", "enable")]
            for d in directives:
                if d.action.startswith("disable-next"):
                    span = _next_block(document, index, d.end)
                    if span:
                        self._ranges.setdefault(index, []).append((*span, d.rules))

    def __bool__(self) -> bool:
        return bool(self._ranges or self._toggles)

    def silenced(self, rule: str, source: int, offset: int) -> bool:
        for start, end, rules in self._ranges.get(source, ()):
            if start <= offset < end and (rule in rules or EVERY_RULE in rules):
                return True
        off = False
        for d in self._toggles.get(source, ()):
            if d.start > offset:
                break
            if rule in d.rules or EVERY_RULE in d.rules:
                off = d.action == "disable"
        return off


def _next_block(document: Document, source: int, after: int) -> tuple[int, int] | None:
    for block in document.blocks:
        index, start, end = document.spans.to_source(block.start, block.end)
        if index == source and start >= after:
            return start, end
    return None
