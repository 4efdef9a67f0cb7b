"""CSV members as rows of named fields, whatever encoding, separator and preamble an export used.

LinkedIn's 2018 exports mix UTF-8 comma files with UTF-16LE tab-separated ones (with a BOM), its
Connections.csv starts with a 'Notes:' preamble before the header, and Reddit writes CRLF in some
files and LF in others. Rows are decoded incrementally, so a large CSV streams; bad bytes cost the cells
that hold them and are counted in one line (textrepair.py), as in JSON members.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import IO

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.textrepair import RepairedText
from scanner.csvfield import FIELD_BYTES  # noqa: F401  (sets the process-wide field limit)
from scanner.errors import InputError
from scanner.redact import error_line


class _Utf8(io.RawIOBase):
    """A repaired stream (textrepair.py) as the raw bytes a TextIOWrapper reads, so CSV text is decoded
    incrementally and every bad byte is counted, not silently replaced."""

    def __init__(self, text: RepairedText) -> None:
        self._text = text
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self._left:
            self._left = self._text.read(len(buffer))
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


def _text(raw: IO[bytes]) -> tuple[io.TextIOWrapper, RepairedText]:
    """The member as text (UTF-8 or UTF-16, by byte-order mark or zero bytes), and its repair record."""
    repaired = RepairedText(raw)
    return io.TextIOWrapper(io.BufferedReader(_Utf8(repaired)), encoding="utf-8", newline=""), repaired


def _is_repaired(text: RepairedText, row: list[str]) -> bool:
    return bool(text.replaced) and any("\ufffd" in cell for cell in row)


def rows(
    tree: ArchiveTree, path: str, is_header: Callable[[list[str]], bool] | None = None
) -> Iterator[dict[str, str]]:
    """Each data row as {column: value}; lines before the header (as `is_header` tells it) are skipped.

    Column names are stripped; a short row gets '' for missing columns; CRLF inside values becomes LF.
    InputError on a broken file, after the rows read so far; and after every row when bad bytes were
    repaired (U+FFFD in their place), counting the rows that hold them.
    """
    with tree.open(path) as raw:
        text, repair = _text(raw)
        first = text.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        reader = csv.reader(_chain(first, text), delimiter=delimiter)
        header: list[str] | None = None
        repaired = 0
        try:
            for row in reader:
                if header is None:
                    if row and (is_header(row) if is_header else True):
                        header = [name.strip().strip("\ufeff") for name in row]
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                repaired += _is_repaired(repair, row)
                yield {
                    name: (row[i].replace("\r\n", "\n") if i < len(row) else "")
                    for i, name in enumerate(header)
                }
        except csv.Error as error:
            raise InputError(f"broken CSV near line {reader.line_num}: {error_line(error)}") from error
    _settle(repair, repaired)


def _chain(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest


def raw_rows(tree: ArchiveTree, path: str) -> Iterator[list[str]]:
    """Each row as a list of cells, for files without a header (or with a header in another language)."""
    with tree.open(path) as raw:
        text, repair = _text(raw)
        first = text.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        reader = csv.reader(_chain(first, text), delimiter=delimiter)
        repaired = 0
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    repaired += _is_repaired(repair, row)
                    yield row
        except csv.Error as error:
            raise InputError(f"broken CSV near line {reader.line_num}: {error_line(error)}") from error
    _settle(repair, repaired)


def _settle(repair: RepairedText, rows: int) -> None:
    """Raise the line reporting the bytes repaired (and the rows holding them), after every row was read."""
    problem = repair.repair_error(rows)
    if problem is not None:
        raise problem
