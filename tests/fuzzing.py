"""Hostile, article-like input, shared by the property tests and benchmarks/fuzz.py.

`PIECES` are the characters and strings the readers, scanners and rules treat
specially; `as_format` wraps an article (a headline and paragraphs) in each of the
five input formats, so that one mutated article reaches every reader.
"""

from __future__ import annotations

import html
import json
import os

# A long property campaign by hand: COPYDESK_EXAMPLES=50 runs every property test with
# fifty times its examples (README, "Development"); the suite runs them once over.
EXAMPLES_SCALE = int(os.environ.get("COPYDESK_EXAMPLES", "1"))


def examples(count: int) -> int:
    """A property's number of examples, scaled for a long campaign."""
    return count * EXAMPLES_SCALE


FORMATS = ("text", "markdown", "html", "wordpress", "ans")
# The formats whose fixes --fix applies: one source text a file.
FIXABLE_FORMATS = ("text", "markdown", "html")
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "wordpress": ".wp.json",
            "ans": ".ans.json"}

QUOTES = ['"', "'", "“", "”", "‘", "’", "„", "‚", "«", "»", "‹", "›", "''", '""', "`", "``",
          "´", "″", "′"]
DOTS = [".", "..", "...", "…", ". . .", "U.S.", "U.S", "U. S.", "a.m.", "No.", "Mr.", "e.g.",
        "3.5", ".5", "1.", "?", "!", "?!", ":", ";", ","]
HYPHENS = ["-", "--", " - ", " -- ", "–", "—", " — ", "‐", "‑", "−", "\u00ad", "---", "-\n"]
BRACKETS = ["(", ")", "[", "]", "{", "}", "<", ">", "((", "))", "[[", "]]", "()", "[]"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u202f", "\u2009",
             "\u3000", "\u180e", "\u2066", "\u202e"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u0307", "\u20dd", "e\u0301", "i\u0307", "\u0338"]
CONTROLS = ["\x01", "\x07", "\x08", "\t", "\x0b", "\x0c", "\x1b", "\x1c", "\x1d", "\x1e",
            "\x1f", "\x7f", "\x85", "\x9f"]
LINE_BREAKS = ["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\u2028", "\u2029", "\n\n\n", " \n",
               "\n \n"]
MARKUP = ["<p>", "</p>", "<b>", "</b>", "<i>", "<br>", "<br/>", "</br>", "<div>", "</div>",
          "<h1>", "</h1>", "<li>", "<ul>", "<blockquote>", "</blockquote>", "<a href='x'>",
          "</a>", "<script>", "</script>", "<code>", "</code>", "<pre>", "<span hidden>",
          "<!--", "-->", "<!-- x -->", "<!-- copydesk: disable -->",
          "<!-- copydesk: enable -->", "<!-- copydesk: disable-next=repeated-word -->",
          "<!-- copydesk: disable=quotes -->", "<![x[", "<![CDATA[", "]]>", "<!DOCTYPE",
          "<?xml ?>", "</", "<x", "# ", "## ", "> ", ">", "- ", "* ", "1. ", "```", "~~~",
          "    ", "`code`", "*", "_", "**", "[link](http://x.test)", "<http://x.test>",
          "---", "===", "|", "\\"]
ENTITIES = ["&amp;", "&amp", "&nbsp;", "&nbsp", "&#8220;", "&#x201d;", "&#x201D", "&quot;",
            "&quot", "&lt;", "&gt", "&#xD800;", "&#0;", "&#1114112;", "&bogus;", "&ldquo;",
            "&rsquo", "&#39;", "&#160", "&", "&#", "&#x;", "&hellip;", "&mdash;"]
WORDS = ["the", "The", "the the", "said", "Mr", "Mr.", "U.S.", "US", "UN", "U.N.", "NATO",
         "Nato", "five", "ſix", "mİllion", "12", "3", "£5m", "3.5%", "12 March", "2025",
         "colour", "color", "e-mail", "email", "BBC", "(BBC)", "World Food Programme (WFP)",
         "said the", "By Tom Smith", "Photo: Getty", "9" * 40, "1,000,000", "One", "one"]
PIECES = (QUOTES + DOTS + HYPHENS + BRACKETS + INVISIBLE + COMBINING + CONTROLS + LINE_BREAKS
          + MARKUP + ENTITIES + WORDS)


def split_article(text: str) -> tuple[str, list[str]]:
    """The headline and paragraphs of an article in the corpus's plain-text layout."""
    headline, _, body = text.partition("\n\n")
    return headline, [p for p in body.split("\n\n") if p.strip()]


def as_format(text: str, fmt: str, page: bool = False) -> str:
    """A plain-text article as an input of `fmt`. Its text goes in as it is, markup and
    all: a `<` or `&` in it is markup to the HTML readers, as in a real export.
    `page` wraps HTML in a whole web page."""
    headline, paragraphs = split_article(text)
    if fmt in ("text", "markdown"):
        return text
    if fmt == "html":
        body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
        if not page:
            return f"<h1>{headline}</h1>\n{body}"
        return (f"<!DOCTYPE html><html><head><title>{html.escape(headline)} - News</title>"
                f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{headline}</h1>"
                f"{body}</article><footer>Copyright</footer></body></html>")
    if fmt == "wordpress":
        return json.dumps({"id": 7, "title": {"rendered": headline},
                           "content": {"rendered": "".join(f"<p>{p}</p>" for p in paragraphs)}},
                          ensure_ascii=page)
    if fmt == "ans":
        kinds = ("text", "text", "header", "text", "correction")
        elements = [{"_id": f"E{i}", "type": kinds[i % len(kinds)],
                     ("text" if kinds[i % len(kinds)] == "correction" else "content"): p}
                    for i, p in enumerate(paragraphs)]
        if len(elements) > 3:
            elements[2] = {"type": "quote", "_id": "Q", "content_elements": [elements[2]],
                           "citation": {"type": "text", "content": "A spokesman"}}
        return json.dumps({"type": "story", "headlines": {"basic": headline},
                           "content_elements": elements}, ensure_ascii=page)
    raise ValueError(f"unknown format {fmt!r}")
