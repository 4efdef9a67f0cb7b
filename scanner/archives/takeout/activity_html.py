"""My Activity as HTML (`My Activity/<Product>/MyActivity.html`): Takeout's default form of My Activity.

Each activity is one `<div class="outer-cell ...">` holding a header cell (the product), a body
cell ('Searched for <a href=...>query</a><br>...<br>Nov 3, 2024, 10:12:01 AM CET': the title with
its link, subtitle lines, and the time, printed in the account's locale, always last) and a caption
cell of labelled sections ('Products:', 'Locations:' with a Maps link holding the centre's
coordinates, 'Details:'). Each cell is turned back into the JSON form's record and read by the same
code, so the two forms give equal documents for the same activity.

These pages run to hundreds of MB (YouTube watch history), and their user text is HTML-escaped, so
the literal cell start cannot occur inside it: the stream is cut at each cell start and every cell
is parsed on its own, in memory bounded by MAX_CELL_BYTES rather than by the page's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scanner.archives.base import ArchiveTree
from scanner.archives.takeout.activity import activity_document
from scanner.archives.takeout.dates import parse_display_time
from scanner.errors import InputError
from scanner.htmltext import MAX_PARSE_DEPTH, nesting_depth
from scanner.models import Document

CELL_START = b'<div class="outer-cell'
SNIFF_BYTES = 1024 * 1024
"""How far into an HTML member the first activity cell is looked for (the page starts with its CSS)."""
CHUNK_BYTES = 256 * 1024
MAX_CELL_BYTES = 1024 * 1024
"""One activity's markup is a few KB; a longer one ends the member's reading with a Skipped."""
_BLANKS = re.compile(r"[\s\u00a0\u2002\u2003\u2009\u202f]+")
_PRODUCTS = {"products", "produkte", "produits", "productos", "prodotti", "produtos", "producten"}
_DETAILS = {"details", "détails", "detalles", "dettagli", "detalhes", "gegevens", "szczegóły"}


def is_activity_html(head: bytes) -> bool:
    """True when the first bytes of an HTML member hold My Activity cells (a Material Design grid)."""
    found = head.find(CELL_START, 0, SNIFF_BYTES)
    return found >= 0 and b"mdl-grid" in head[found : found + 4096]


def split_cells(stream: IO[bytes]) -> Iterator[bytes]:
    """The markup of each activity cell, from one cell start to the next (the last to the end)."""
    buffer = bytearray()
    start = -1
    while True:
        chunk = stream.read(CHUNK_BYTES)
        buffer += chunk
        search_from = start + 1 if start >= 0 else 0
        ends = [*_starts(buffer, search_from), *([] if chunk else [len(buffer)])]
        for end in ends:
            if start >= 0:
                yield _bounded(buffer[start:end])
            start = end
        if not chunk:
            return
        if start >= 0:
            del buffer[:start]
            start = 0
            _bounded(buffer)
        else:
            del buffer[: max(0, len(buffer) - len(CELL_START) + 1)]


def _starts(buffer: bytearray, position: int) -> Iterator[int]:
    while (found := buffer.find(CELL_START, position)) >= 0:
        yield found
        position = found + 1


def _bounded(cell: bytearray) -> bytes:
    if len(cell) > MAX_CELL_BYTES:
        raise InputError(f"an activity larger than {MAX_CELL_BYTES // 2**20} MB; the rest not read")
    return bytes(cell)


def _clean(text: str) -> str:
    return _BLANKS.sub(" ", text).strip()


def _lines(cell: LexborNode) -> list[tuple[str, str | None, bool]]:
    """(text, first link, starts with bold) of each line of a cell, lines being split at <br>."""
    lines: list[tuple[str, str | None, bool]] = []
    parts: list[str] = []
    link: str | None = None
    bold = started = False
    for child in [*cell.iter(include_text=True), None]:
        if child is None or child.tag == "br":
            if started:
                lines.append((_clean("".join(parts)), link, bold))
            parts, link, bold, started = [], None, False, False
            continue
        text = child.text(deep=True) or ""
        if child.tag == "b" and not started:
            bold = True
        started = started or bool(_clean(text))
        parts.append(text)
        href = child.attributes.get("href") if child.tag == "a" else None
        link = link or href
    return lines


def _label(text: str) -> str:
    return text.rstrip(": \u00a0").casefold()


def _caption(cell: LexborNode) -> dict[str, Any]:
    sections: list[tuple[str, list[str]]] = []
    for text, _link, bold in _lines(cell):
        if bold:
            sections.append((_label(text), []))
        elif sections:
            sections[-1][1].append(text)
    products = next((values for label, values in sections if label in _PRODUCTS), None)
    if products is None and sections:
        products = sections[0][1]
    details = [value for label, values in sections if label in _DETAILS for value in values]
    links = [node.attributes.get("href") or "" for node in cell.css("a")]
    return {
        "products": products or [],
        "details": [{"name": value} for value in details],
        "locationInfos": [{"url": link} for link in links if "center=" in link],
    }


def cell_record(markup: str) -> tuple[dict[str, Any], str] | None:
    """The JSON-shaped record of one activity cell and its printed time; None when it has no body.

    Markup nested deeper than any real cell (hostile) is not parsed: it would cost quadratic time.
    """
    if nesting_depth(markup) > MAX_PARSE_DEPTH:
        return None
    page = LexborHTMLParser(markup)
    header = page.css_first(".header-cell")
    body = caption = None
    for cell in page.css("div.content-cell"):
        classes = (cell.attributes.get("class") or "").split()
        if "mdl-typography--text-right" in classes:
            continue
        if "mdl-typography--caption" in classes:
            caption = caption or cell
        elif "mdl-typography--body-1" in classes:
            body = body or cell
    if body is None:
        return None
    lines = _lines(body)
    when = ""
    if len(lines) >= 2 or (lines and parse_display_time(lines[-1][0])):
        when = lines.pop()[0]
    record: dict[str, Any] = {"header": _clean(header.text(deep=True)) if header else ""}
    if lines:
        record["title"], record["titleUrl"] = lines[0][0], lines[0][1]
        record["subtitles"] = [{"name": text} for text, _link, _bold in lines[1:]]
    if caption is not None:
        record.update(_caption(caption))
    return record, when


def activity_html_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for index, cell in enumerate(split_cells(stream)):
            parsed = cell_record(cell.decode("utf-8", errors="replace"))
            if parsed is None:
                continue
            record, when = parsed
            document = activity_document(record, f"{locator}#{index}", parse_display_time(when))
            if document is not None:
                yield document
