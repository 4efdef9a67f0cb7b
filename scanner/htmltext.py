"""HTML to readable text, shared by the crawler and the archive readers.

selectolax (Lexbor) is a real HTML5 parser: hostile or broken markup yields text, never an exception.
Scripts, styles and other non-text parts are dropped; block elements become line breaks so sentences
from different paragraphs do not run together for the detectors.
"""

from __future__ import annotations

import re
from html import unescape

from selectolax.lexbor import LexborHTMLParser

NON_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head")
BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "blockquote", "pre", "td", "th", "dd", "dt", "header", "footer", "ul", "ol", "table")
_BLANKS = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES = re.compile(r"\n\s*\n+")
MAX_PARSE_DEPTH = 1_000
"""HTML5 tree building costs O(depth) per element; deeper markup is read with a linear tag stripper."""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,20})")
_NOT_NESTING = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                          "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
                          "optgroup"})
"""Void elements and elements whose end tag is optional: they never make the tree deeper."""
_NON_TEXT_BLOCK = re.compile(r"(?is)<(script|style|noscript|template|svg)\b.*?</\1\s*>")
_ANY_TAG = re.compile(r"<[^>]*>")


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


def nesting_depth(html: str) -> int:
    """How deep the markup nests at most, counted in one linear pass over its tags."""
    depth = deepest = 0
    for closing, name in _TAG.findall(html):
        if name.lower() in _NOT_NESTING:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def stripped_text(html: str) -> str:
    """Text of markup too deep to parse: tags become line breaks, entities are decoded."""
    text = _ANY_TAG.sub("\n", _NON_TEXT_BLOCK.sub(" ", html))
    text = _BLANKS.sub(" ", unescape(text))
    return _LINES.sub("\n\n", "\n".join(line.strip() for line in text.splitlines() if line.strip())).strip()


def html_to_text(html: str) -> str:
    """Visible text of an HTML page or fragment; hostile nesting never makes it slow."""
    if "<" not in html and "&" not in html:
        return html
    if nesting_depth(html) > MAX_PARSE_DEPTH:
        return stripped_text(html)
    return tree_text(parse(html))
