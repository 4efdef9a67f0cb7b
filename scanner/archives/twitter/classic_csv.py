"""The classic X archive's `tweets.csv` (2012–2018), read as tweets in the Grailbird shape.

Classic archives shipped every tweet twice: as the `data/js/tweets/YYYY_MM.js` months and as
`tweets.csv` at the root. When the months are there only they are read (they are the same tweets,
plus geotags); the CSV is read when the months are not, and when it is all a person kept. It is
recognised by its header, not its name alone, and its columns are found by name because the
exporter changed their order: 2012–13 files put the retweet columns before `timestamp` and have no
`retweeted_status_timestamp`. Rows stream; a row whose cells do not fit the header, or whose
tweet_id is not a number, is one Skipped and the rest is read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.csvrows import raw_rows
from scanner.archives.trees.members import head
from scanner.models import Skipped

CSV_PATH = re.compile(r"^(?P<root>(?:[^/]+/){0,3}?)tweets\.csv$", re.IGNORECASE)
HEADER_COLUMNS = frozenset({"tweet_id", "in_reply_to_status_id", "timestamp", "text"})
"""Columns every classic tweets.csv header has, whatever its order."""


def _header(first_bytes: bytes) -> list[str]:
    line = first_bytes.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return [name.strip() for name in next(csv.reader([line]), [])]


def classic_csv(tree: ArchiveTree, paths: list[str]) -> str | None:
    """The shallowest classic tweets.csv, or the tree's only member when it is one under another name."""
    candidates = sorted((path for path in paths if CSV_PATH.match(path)), key=lambda path: path.count("/"))
    if len(paths) == 1 and paths[0].lower().endswith(".csv"):
        candidates = paths
    for path in candidates:
        if set(_header(head(tree, path, 2048))) >= HEADER_COLUMNS:
            return path
    return None


def csv_root(path: str) -> str:
    """The export folder holding the CSV ('' or 'tweets-2014/'), where data/js/user_details.js would be."""
    return path[: path.rfind("/") + 1]


def _tweet(cells: dict[str, str]) -> dict[str, Any]:
    """A row in the shape of a Grailbird tweet, so the two are turned into documents by the same code."""
    tweet: dict[str, Any] = {"id_str": cells["tweet_id"], "text": cells.get("text", "").replace("\r\n", "\n")}
    if cells.get("timestamp"):
        tweet["created_at"] = cells["timestamp"]
    if cells.get("in_reply_to_status_id"):
        tweet["in_reply_to_status_id_str"] = cells["in_reply_to_status_id"]
    if cells.get("retweeted_status_id"):
        tweet["retweeted_status"] = {"id_str": cells["retweeted_status_id"]}
    return tweet


def csv_tweets(tree: ArchiveTree, path: str) -> Iterator[dict[str, Any] | Skipped]:
    """Each row of a classic tweets.csv as a Grailbird-shaped tweet; a bad row is one Skipped.

    Rows are numbered from the header's 1, blank lines not counted. Raises InputError when the file
    cannot be read on (after the rows read so far).
    """
    locator = tree.locator(path)
    rows = raw_rows(tree, path)
    header = [name.strip().lstrip("\ufeff") for name in next(rows, [])]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            yield Skipped(locator, f"row {number}: {len(row)} cells where the header has {len(header)}; "
                                   "row not read")
            continue
        cells = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
        if not cells["tweet_id"].isdigit():
            yield Skipped(locator, f"row {number}: tweet_id is not a number; row not read")
            continue
        yield _tweet(cells)
