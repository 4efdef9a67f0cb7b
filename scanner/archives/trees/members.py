"""Reading a member of any tree: whole when small, or just its first bytes to recognise it."""

from __future__ import annotations

from scanner.archives.base import ArchiveTree
from scanner.archives.trees.limits import Limits
from scanner.errors import ArchiveError, InputError

HTML_PAGE_BYTES = 32 * 1024 * 1024
"""HTML pages larger than this are skipped rather than parsed whole."""


def read_member(tree: ArchiveTree, path: str, limit: int | None = None) -> bytes:
    """A whole small member; ArchiveError when it is bigger than `limit` (readers stream big members)."""
    cap = limit if limit is not None else Limits().small_member_bytes
    size = tree.size(path)
    if size > cap:
        raise ArchiveError(f"member of {size:,} bytes is too large to read whole (limit {cap:,})")
    with tree.open(path) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise ArchiveError(f"member larger than its stated size; over {cap:,} bytes")
    return data


def head(tree: ArchiveTree, path: str, count: int = 512) -> bytes:
    """The first bytes of a member, for recognising it by content; b'' when unreadable."""
    try:
        with tree.open(path) as stream:
            return stream.read(count)
    except InputError:
        return b""


def export_root(paths: list[str], marker: str, max_depth: int = 3) -> str | None:
    """The folder prefix ('' or 'twitter-2026-01-01-abc/') under which `marker` sits, shallowest first.

    Exports are often zipped with a top folder; a marker is a path inside the export, e.g. 'data/manifest.js'.
    """
    best: str | None = None
    for path in paths:
        if path == marker or path.endswith("/" + marker):
            prefix = path[: len(path) - len(marker)]
            if prefix.count("/") <= max_depth and (best is None or prefix.count("/") < best.count("/")):
                best = prefix
    return best
