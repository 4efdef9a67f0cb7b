"""HTML to readable text, shared by the crawler and the archive readers.

selectolax (Lexbor) is a real HTML5 parser: hostile or broken markup yields text, never an exception.
Scripts, styles and other non-text parts are dropped; block elements become line breaks so sentences
from different paragraphs do not run together for the detectors.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

NON_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head")
BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "blockquote", "pre", "td", "th", "dd", "dt", "header", "footer", "ul", "ol", "table")
_BLANKS = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES = re.compile(r"\n\s*\n+")


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def tree_text(tree: LexborHTMLParser) -> str:
    """Visible text of a parsed page, one line per block."""
    tree.strip_tags(list(NON_TEXT_TAGS))
    root = tree.body or tree.root
    if root is None:
        return ""
    for tag in BLOCK_TAGS:
        for node in root.css(tag):
            node.insert_before("\n")
            node.insert_after("\n")
    text = root.text(separator="", deep=True)
    text = _BLANKS.sub(" ", text)
    return _LINES.sub("\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def html_to_text(html: str) -> str:
    """Visible text of an HTML page or fragment."""
    if "<" not in html and "&" not in html:
        return html
    return tree_text(parse(html))
