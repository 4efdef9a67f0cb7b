"""CSV members as rows of named fields, whatever encoding, separator and preamble an export used.

LinkedIn's 2018 exports mix UTF-8 comma files with UTF-16LE tab-separated ones (with a BOM), its
Connections.csv starts with a 'Notes:' preamble before the header, and Reddit writes CRLF in some
files and LF in others. Rows are decoded incrementally, so a large CSV streams.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from typing import IO

from scanner.archives.base import ArchiveTree
from scanner.csvfield import FIELD_BYTES  # noqa: F401  (sets the process-wide field limit)
from scanner.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _text(raw: IO[bytes]) -> tuple[io.TextIOWrapper, str]:
    stream = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[type-var]
    start = stream.peek(4)[:4]
    encoding = next((name for bom, name in _BOMS if start.startswith(bom)), "utf-8")
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    return text, encoding


def rows(
    tree: ArchiveTree, path: str, is_header: Callable[[list[str]], bool] | None = None
) -> Iterator[dict[str, str]]:
    """Each data row as {column: value}; lines before the header (as `is_header` tells it) are skipped.

    Column names are stripped; a short row gets '' for missing columns; CRLF inside values becomes LF.
    InputError on a broken file, after the rows read so far.
    """
    with tree.open(path) as raw:
        text, _encoding = _text(raw)
        first = text.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        reader = csv.reader(_chain(first, text), delimiter=delimiter)
        header: list[str] | None = None
        try:
            for row in reader:
                if header is None:
                    if row and (is_header(row) if is_header else True):
                        header = [name.strip().strip("\ufeff") for name in row]
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                yield {
                    name: (row[i].replace("\r\n", "\n") if i < len(row) else "")
                    for i, name in enumerate(header)
                }
        except csv.Error as error:
            raise InputError(f"broken CSV near line {reader.line_num}: {error}") from error


def _chain(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest


def raw_rows(tree: ArchiveTree, path: str) -> Iterator[list[str]]:
    """Each row as a list of cells, for files without a header (or with a header in another language)."""
    with tree.open(path) as raw:
        text, _encoding = _text(raw)
        first = text.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        reader = csv.reader(_chain(first, text), delimiter=delimiter)
        try:
            yield from (row for row in reader if any(cell.strip() for cell in row))
        except csv.Error as error:
            raise InputError(f"broken CSV near line {reader.line_num}: {error}") from error
