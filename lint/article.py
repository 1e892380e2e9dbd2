"""The article a rule sees: the document plus shared analyses, each computed once.

Analyses are cached properties, so an analysis no enabled rule asks for costs
nothing, and one that several rules use is computed a single time per article.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

from lint.analysis.abbreviations import Abbreviations
from lint.analysis.sentences import Sentence, split_sentences
from lint.document import Block, Document

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

    @cached_property
    def body(self) -> tuple[Block, ...]:
        """Body blocks (paragraphs, list items, block quotes, subheadings), in order."""
        return self.document.body

    @cached_property
    def paragraphs(self) -> tuple[Block, ...]:
        """Body blocks of running prose: paragraphs and list items."""
        return tuple(b for b in self.body if b.kind in ("paragraph", "list-item"))

    @cached_property
    def headline(self) -> Block | None:
        return next((b for b in self.blocks if b.kind == "headline"), None)

    @cached_property
    def sentences(self) -> dict[Block, list[Sentence]]:
        """Sentences of every block, keyed by block."""
        return {b: split_sentences(self.text, b.start, b.end) for b in self.blocks}

    @cached_property
    def abbreviations(self) -> Abbreviations:
        """Abbreviation tokens, malformed forms, `long form (SF)` definitions and names."""
        return Abbreviations(self.text, self.blocks)
