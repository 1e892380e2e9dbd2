"""The article a rule sees: the document plus shared analyses, each computed once.

Analyses are cached properties, so an analysis no enabled rule asks for costs
nothing, and one that several rules use is computed a single time per article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from lint.analysis.abbreviations import Abbreviations
from lint.analysis.addresses import Addresses, blank_out
from lint.analysis.numbers import NumberMention, number_mentions
from lint.analysis.quotes import QuoteScan, scan_quotes
from lint.analysis.sentences import Sentence, split_sentences
from lint.document import Block, Document
from lint.lazy import lazy

T = TypeVar("T")


class Article:
    def __init__(self, document: Document):
        self.document = document
        self.text = document.text
        self.blocks = document.blocks
        self._shared: dict[Callable[[Article], Any], Any] = {}

    def shared(self, analysis: Callable[[Article], T]) -> T:
        """`analysis(self)`, computed once per article however many rules ask for it.

        For what several rules of one family need (the engine's own analyses are
        the cached properties below).
        """
        if analysis not in self._shared:
            self._shared[analysis] = analysis(self)
        return self._shared[analysis]

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def previous_block(self, block: Block) -> Block | None:
        """The block before `block` (of any kind), None for the first."""
        index = self._block_index[block]
        return self.blocks[index - 1] if index else None

    @lazy
    def _block_index(self) -> dict[Block, int]:
        return {block: i for i, block in enumerate(self.blocks)}

    @lazy
    def body(self) -> tuple[Block, ...]:
        """Body blocks (paragraphs, list items, block quotes, subheadings), in order."""
        return self.document.body

    @lazy
    def paragraphs(self) -> tuple[Block, ...]:
        """Body blocks of running prose: paragraphs and list items."""
        return tuple(b for b in self.body if b.kind in ("paragraph", "list-item"))

    @lazy
    def sentences(self) -> dict[Block, list[Sentence]]:
        """Sentences of every block, keyed by block.

        Filled on first look at each block: the rules that read sentences only
        look at some paragraphs, never at the headline or byline.
        """
        return _PerBlock(split_sentences, self.text)

    @lazy
    def abbreviations(self) -> Abbreviations:
        """Abbreviation tokens, malformed forms, `long form (SF)` definitions and names."""
        return Abbreviations(self.text, self.blocks, self.quotes, self.prose)

    @lazy
    def quotes(self) -> QuoteScan:
        """Quotation marks and quotations of the whole article (lint.analysis.quotes)."""
        return scan_quotes(self.text, self.blocks, self.prose)

    @lazy
    def addresses(self) -> Addresses:
        """Markup, URLs, e-mail addresses, handles and hashtags in the whole text."""
        return Addresses(self.text)

    @lazy
    def prose(self) -> str:
        """The text with everything that is not prose blanked out, offsets unchanged:
        the reader's not-prose spans (inline code, link targets) and the addresses."""
        return blank_out(self.text, (*self.document.masked, *self.addresses.spans))

    @lazy
    def numbers(self) -> dict[Block, list[NumberMention]]:
        """Number mentions (figures, number words, money, percentages) by block.

        Filled on first look at each block: most rules that read numbers stop at the
        headline, so the body is only scanned when one of them gets that far.
        """
        return _PerBlock(number_mentions, self.text)


class _PerBlock(dict):
    """A block-keyed cache that computes `analysis(text, block.start, block.end)` on
    first access to each block.

    It holds the text, not the article: a closure over the article would make the
    article and all its analyses a reference cycle, left for the garbage collector
    instead of being freed when the article is done.
    """

    def __init__(self, analysis: Callable[[str, int, int], Any], text: str):
        super().__init__()
        self._analysis = analysis
        self._text = text

    def __missing__(self, block: Block):
        value = self[block] = self._analysis(self._text, block.start, block.end)
        return value
