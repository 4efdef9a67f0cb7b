"""YouTube comments and live-chat messages from Takeout CSVs, whatever the column order or language.

The column order changed in June 2024 and headers are localised ('Kommentare.csv'), some files
have no header at all, so columns are recognised by content: the text is the cell holding
Takeout's segment JSON (old `{"takeoutSegments":[...]}`, new a comma-joined run of `{"text":...}`
objects that is not itself valid JSON), the time is the ISO cell, the video and comment ids have
their own shapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scanner import safejson
from scanner.archives.base import ArchiveTree
from scanner.archives.formats.csvrows import raw_rows
from scanner.archives.formats.fields import parse_time
from scanner.errors import InputError
from scanner.models import Document, DocumentKind, Visibility

SOURCE = "youtube"
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_COMMENT_ID = re.compile(r"^Ug[A-Za-z0-9_.-]{10,}$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def segments_text(cell: str) -> str:
    """The text of a Takeout comment cell (old or new JSON form); InputError when it is neither."""
    stripped = cell.strip()
    if not stripped.startswith("{"):
        raise InputError("not a YouTube comment text cell")
    try:
        value: Any = safejson.loads(stripped)
    except ValueError:
        try:
            value = safejson.loads(f"[{stripped}]")
        except ValueError as error:
            raise InputError("YouTube comment text is not JSON") from error
    if isinstance(value, dict):
        value = value.get("takeoutSegments", [value])
    if not isinstance(value, list):
        raise InputError("YouTube comment text has no segments")
    return "".join(str(item.get("text", "")) for item in value if isinstance(item, dict))


def _row_parts(row: list[str]) -> tuple[str, str | None, str | None, str | None] | None:
    """(text, time, video id, comment id) of a row, or None for a header or foreign row."""
    text = None
    for cell in row:
        if cell.lstrip().startswith("{"):
            try:
                text = segments_text(cell)
                break
            except InputError:
                continue
    if text is None:
        return None
    when = next((cell for cell in row if _ISO.match(cell.strip())), None)
    ids = [cell.strip() for cell in row if not cell.lstrip().startswith("{")]
    video = next((cell for cell in ids if _VIDEO_ID.match(cell)), None)
    comment = next((cell for cell in ids if _COMMENT_ID.match(cell) and not cell.startswith("UC")), None)
    return text, when, video, comment


def is_comment_csv(tree: ArchiveTree, path: str) -> bool:
    """True when the first rows of a CSV hold YouTube comment text cells."""
    try:
        for index, row in enumerate(raw_rows(tree, path)):
            if _row_parts(row) is not None:
                return True
            if index >= 3:
                return False
    except (InputError, OSError, UnicodeError):
        return False
    return False


def comment_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    """Every comment or live-chat message of one CSV, public, with a link to it where the ids allow."""
    locator = tree.locator(path)
    live_chat = "chat" in path.casefold()
    for index, row in enumerate(raw_rows(tree, path)):
        parts = _row_parts(row)
        if parts is None or not parts[0].strip():
            continue
        text, when, video, comment = parts
        url = None
        if video:
            url = f"https://www.youtube.com/watch?v={video}" + (
                f"&lc={comment}" if comment and not live_chat else ""
            )
        yield Document(
            id=f"{locator}#{comment or index}",
            text=text,
            source=SOURCE,
            kind=DocumentKind.COMMENT,
            url=url,
            created_at=parse_time(when),
            visibility=Visibility.PUBLIC,
            metadata={"type": "live chat" if live_chat else "comment"},
        )
