"""Style: the house's number style (docs/domain.md §7.4)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint import prose
from lint.analysis.numbers import NUMBER_WORDS
from lint.article import Article
from lint.document import Block
from lint.lazy import LazyPattern
from lint.rule import Edit, Option, Options, Problem, rule
from rules import house_style

_WORD_FOR = {value: word for word, value in NUMBER_WORDS.items() if value < 10}

# A lone figure: not part of a decimal, money, a score, odds, a range or a code.
_FIGURE = LazyPattern(r"(?<![\w.,/:£$€%'’(-])[0-9]+(?![\w/%'’-]|[.,:][0-9])")
_UNIT_AFTER = prose.compile(
    rf"\s*(?:%|per ?cent|percent|{prose.MONTH}\b|(?:am|pm|a\.m\.|p\.m\.|kg|km|cm|mm|m|mph|kph|ft|"
    r"in|lb|lbs|oz|st|ml|g|C|F|GB|MB|K|ft|mi)\b|(?:to|-|–)\s*\d|votes?\b|points?\b|[,)]\s*\p{L}|\s+\p{Lu})"
)
_LABEL_BEFORE = prose.compile(
    rf"(?:\p{{Lu}}[\w'’.-]*|{prose.MONTH}|(?i:aged|page|chapter|number|no\.?|section|article|clause|"
    r"round|stage|level|grade|series|season|category|step|phase|division|group|table|"
    r"figure|lane|platform|gate|class|part|act|scene|track|junction|version|game|match|"
    r"race|set|hole|question|issue|vol|verse|line|room|floor|gear|size|tier|by|from|"
    r"between|and|or|to))\s+$|,\s+$"
)
_LOOKBEHIND_CHARS = 24
_SPELLED_OUT = LazyPattern(
    r"(?<![\w-])(" + "|".join(w for w, v in NUMBER_WORDS.items() if v >= 10 and w not in
                              ("hundred", "dozen")) + r")(?![\w-])"
)
# A sentence of words that opens with a figure (not a list number `1.`, an ordinal
# `13th`, a unit `800m` or a results line such as an attendance `29,603`).
_SENTENCE_FIGURE = prose.compile(r"\d+(?:[,.]\d+)*+(?![\w.)])(?!\s+\p{Lu})(?=(?:\s+\S+){3})")


def _is_small_figure_to_spell(article: Article, block: Block, match: regex.Match,
                              spell_below: int) -> bool:
    digits = match.group().lstrip("0")  # one digit, told before int() meets a huge figure
    if len(digits) != 1 or not int(digits) < min(spell_below, 10) or match.start() == block.start:
        return False
    text = article.text
    if _UNIT_AFTER.match(text, match.end(), block.end):
        return False
    before = text[max(block.start, match.start() - _LOOKBEHIND_CHARS):match.start()]
    return not _LABEL_BEFORE.search(before)


@rule("number-style", category="style", severity="info",
      fix="sometimes", fix_safety="unsafe",
      options=[Option("spell-out-below", int, 0,
                      "Spell out whole numbers below this (10: one to nine); 0: as the "
                      "profile says, and off without a profile.", range=(0, 1_000_000))])
def number_style(article: Article, options: Options) -> Iterator[Problem]:
    """A number written against the house style: `3 people`, `fifteen years`, `12 died.`

    ## What it does
    Only when the profile (or the `spell-out-below` option) sets a number style,
    usually "one to nine in words, 10 and above in figures": flags in the body a
    lone figure below the limit (`3 people`), a number word at or above it
    (`fifteen years`) and a sentence that starts with a figure.

    ## Why is this bad?
    House style makes numbers read the same way across a paper; a mix of `3`,
    `three` and `fifteen` in one story looks unedited.

    ## Example
    With `profile = "ap"`:
    ```
    The firm hired 3 engineers and fifteen apprentices. 12 more start in May.
    ```

    ## Use instead
    ```
    The firm hired three engineers and 15 apprentices. Twelve more start in May.
    ```

    ## Fix safety
    The replacement is offered as an unsafe fix: a figure may be part of a name the
    rule does not know (`Channel 4`, `Half-Life 2`).

    ## Known limits
    The usual exceptions are left alone: ages (`Rachael, 9,`, `aged 5`),
    percentages, measurements and abbreviated units (`5kg`, `3 mph`), money (`£5`),
    scores, odds and ranges (`2-1`, `4/1`, `8-10`), dates (`7 March`), times
    (`5pm`, `10:30`), votes and points, decimals, page, chapter, round and similar
    numbers, names ending in a figure (`Radio 4`), list numbering, headlines (where
    figures are allowed) and quotations. Compound number words (`twenty-five`) are
    not reported.
    """
    spell_below = house_style.setting(options, "spell-out-below", 0)
    if not spell_below:
        return
    text = article.text
    for block in article.paragraphs:
        for match in _FIGURE.finditer(text, block.start, block.end):
            if (_is_small_figure_to_spell(article, block, match, spell_below)
                    and not article.quotes.contains(match.start())):
                word = _WORD_FOR[int(match.group())]
                yield Problem(match.start(), match.end(), f"Spell out '{match.group()}' as "
                              f"'{word}' in the house style.", replacements=(word,),
                              edits=(Edit(match.start(), match.end(), word),), safe=False)
        for match in _SPELLED_OUT.finditer(text, block.start, block.end):
            value = NUMBER_WORDS[match.group()]
            if value >= spell_below and not article.quotes.contains(match.start()):
                yield Problem(match.start(), match.end(), f"Write '{match.group()}' as a "
                              f"figure in the house style.", replacements=(str(value),),
                              edits=(Edit(match.start(), match.end(), str(value)),), safe=False)
        for sentence in article.sentences[block]:
            figure = _SENTENCE_FIGURE.match(text, sentence.start, sentence.end)
            if figure is not None and not article.quotes.contains(figure.start()):
                yield Problem(figure.start(), figure.end(),
                              "A sentence starts with a figure: spell it out or rephrase.")
