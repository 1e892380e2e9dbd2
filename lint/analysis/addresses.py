"""Web addresses, e-mail addresses and social handles: text whose punctuation is not prose.

`www.bbc.co.uk`, `news@example.com` and `@DailyPost` hold full stops, colons and
at-signs with no space after them by design; rules that judge punctuation and
spacing skip these spans (domain.md §1, masking).
"""

from __future__ import annotations

import bisect

import regex

_ADDRESS = regex.compile(
    r"""
    \b(?:https?|ftp)://\S+                                   # a URL with its scheme
    | \bwww\.\S+                                             # a bare www. address
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                           # an e-mail address
    | (?<![\w@])@\w{1,30}                                    # a handle
    | \b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|biz|co|ac|uk|tv|fm|io)\b(?:/\S*)?
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?)]\"'”’"


class Addresses:
    """The address spans of a text, sorted, answering "is this index inside one?"."""

    def __init__(self, text: str):
        spans = []
        for match in _ADDRESS.finditer(text):
            end = match.end()
            while end > match.start() and text[end - 1] in _TRAILING_PUNCTUATION:
                address = text[match.start():end - 1]
                if text[end - 1] == ")" and address.count("(") > address.count(")"):
                    break  # closes a bracket of the address: /wiki/Halewood_(plant)
                end -= 1  # a sentence's own stop after the address is prose
            spans.append((match.start(), end))
        self._starts = [s for s, _ in spans]
        self._spans = spans

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The (start, end) of every address, in text order."""
        return tuple(self._spans)

    def __contains__(self, index: int) -> bool:
        i = bisect.bisect_right(self._starts, index) - 1
        return i >= 0 and index < self._spans[i][1]
