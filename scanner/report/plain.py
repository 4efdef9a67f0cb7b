"""Tables for a pipe: one line per row, cells separated by tabs, every value whole.

When stdout is not a terminal, a box table squeezed to 80 columns splits words mid-token; `cut`,
`awk` and a spreadsheet want whole cells. Tabs and line breaks inside a cell become spaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("\t", " ").splitlines())


def write_tsv(stream: IO[str], headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A header line, then one tab-separated line per row."""
    stream.write("\t".join(headers) + "\n")
    for row in rows:
        stream.write("\t".join(_cell(cell) for cell in row) + "\n")
