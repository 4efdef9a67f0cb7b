"""Opening what the person passed (zip, tar, folder, single file, several parts) as ArchiveTrees.

Every container shares the same defences: member paths are normalised and unsafe ones (absolute,
'..', links, devices) refused at listing time; member streams count the bytes they really produce
(headers are not trusted) against a per-member cap, a compression-ratio cap and a budget for the
whole input, so a decompression bomb stops with one `ArchiveError` instead of filling memory or disk.
Nested archives (`outer.zip!inner.zip!data/x.js`) become trees of their own through `expand`.
"""

from __future__ import annotations

import io
import lzma
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from scanner.archives.base import ArchiveTree
from scanner.errors import ArchiveError, InputError
from scanner.models import Skipped
from scanner.redact import error_line

NESTED_SUFFIXES = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz")
"""Members with these names and an archive's magic bytes are opened as nested trees."""
STANDALONE_SUFFIXES = (".car",)
"""Members that are a whole export on their own (a Bluesky repository) become one-member trees."""
_CHUNK = 1 << 20
STREAM_ERRORS = (OSError, EOFError, ValueError, RuntimeError, NotImplementedError, zipfile.BadZipFile,
                 zlib.error, tarfile.TarError, lzma.LZMAError)
"""What decompressors and containers raise on truncated or corrupt data."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one input may make us read; defaults fit real multi-GB exports."""

    max_member_bytes: int = 8 << 30
    """Uncompressed bytes one member may produce."""
    max_total_bytes: int = 64 << 30
    """Uncompressed bytes everything read from one input (nested archives included) may produce."""
    max_ratio: int = 250
    """Uncompressed:compressed ratio a member may reach once past `ratio_floor` bytes (bombs reach 1000:1)."""
    ratio_floor: int = 8 << 20
    """Below this many bytes the ratio is not checked: small, repetitive text compresses very well."""
    max_depth: int = 3
    """How deep archives inside archives are opened."""
    max_nested_in_memory: int = 128 << 20
    """A nested archive up to this size is held in memory to be opened; larger ones are refused."""
    small_member_bytes: int = 64 << 20
    """`read_member` refuses members larger than this: readers must stream those."""
    max_members: int = 500_000
    """Members (folders included) listed per zip or tar; the rest is not listed. Millions of empty
    members stay under every byte cap yet cost seconds and gigabytes to list (2 million: 14 s and 1 GB
    in `zipfile`); a 50 GB Takeout part of photos holds some tens of thousands, 500,000 list in 4 s."""


class Budget:
    """Uncompressed bytes read so far from one input, shared by its nested trees; also drives progress."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def charge(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise ArchiveError(f"input produced over {self.limit:,} uncompressed bytes (a bomb?)")


class RawStream(Protocol):
    """What BoundedStream wraps: anything with read(n) and close()."""

    def read(self, size: int = -1, /) -> bytes | None: ...

    def close(self) -> None: ...


class BoundedStream(io.RawIOBase):
    """A member's decompressed bytes, counted as they come: stops at the member cap, ratio cap or budget.

    Errors of the underlying decompressor or container (truncated data, bad CRC) become ArchiveError.
    """

    def __init__(self, inner: RawStream, limits: Limits, budget: Budget, compressed_size: int | None) -> None:
        super().__init__()
        self._inner = inner
        self._budget = budget
        self._count = 0
        self._cap = limits.max_member_bytes
        if compressed_size is not None:
            self._cap = min(self._cap, max(limits.ratio_floor, limits.max_ratio * max(compressed_size, 1)))
        self._ratio_limited = compressed_size is not None and self._cap < limits.max_member_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer)) or b""
        except ArchiveError:
            raise
        except STREAM_ERRORS as error:
            raise ArchiveError(f"truncated or corrupt data ({error_line(error)})") from error
        count = len(data)
        self._count += count
        if self._count > self._cap:
            if self._ratio_limited:
                raise ArchiveError("compression ratio too high (a zip bomb?); member not read further")
            raise ArchiveError(f"member larger than {self._cap:,} bytes; not read further")
        self._budget.charge(count)
        buffer[:count] = data
        return count

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


def bounded(inner: RawStream, limits: Limits, budget: Budget,
            compressed_size: int | None = None) -> IO[bytes]:
    """A buffered, bounded binary stream over a raw member stream."""
    return io.BufferedReader(BoundedStream(inner, limits, budget, compressed_size), _CHUNK)


_DRIVE = re.compile(r"^[A-Za-z]:")


def safe_path(raw: str) -> str | None:
    """The normalised relative member path; None when unsafe (absolute, '..', drive, NUL) or empty."""
    path = raw.replace("\\", "/")
    if "\x00" in path or path.startswith("/") or _DRIVE.match(path):
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    return "/".join(parts) or None


UNSAFE_PATH = "absolute path or '..' in the member name; not read (path traversal)"


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


def is_nested_archive(path: str) -> bool:
    return path.lower().endswith(NESTED_SUFFIXES)


def open_input(path: Path, limits: Limits | None = None, budget: Budget | None = None) -> ArchiveTree:
    """The tree for one input: a folder, a zip, a tar (any compression) or a single file."""
    from scanner.archives.tree_folder import FileTree, FolderTree
    from scanner.archives.tree_tar import TarTree, is_tar
    from scanner.archives.tree_zip import ZipTree, is_zip

    limits = limits or Limits()
    budget = budget or Budget(limits.max_total_bytes)
    if path.is_symlink():
        raise InputError(f"{path}: symbolic link not followed")
    if path.is_dir():
        return FolderTree(path, limits, budget)
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    try:
        with path.open("rb") as file:
            magic = file.read(512)
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from error
    if is_zip(magic):
        return ZipTree(path.name, path, limits, budget)
    if is_tar(magic, path.name):
        return TarTree(path.name, path, limits, budget)
    return FileTree(path, limits, budget)


def open_nested(tree: ArchiveTree, path: str, limits: Limits, budget: Budget, depth: int) -> ArchiveTree:
    """A nested archive member as a tree named 'outer.zip!inner.zip'; ArchiveError if it cannot be."""
    from scanner.archives.tree_tar import TarTree, is_tar
    from scanner.archives.tree_zip import ZipTree, is_zip

    if depth > limits.max_depth:
        raise ArchiveError(f"archive nested deeper than {limits.max_depth} levels; not opened")
    magic = head(tree, path)
    name = tree.locator(path)
    if not (is_zip(magic) or is_tar(magic, path)):
        raise ArchiveError("named like an archive but is not a zip or tar; not opened")
    if tree.size(path) > limits.max_nested_in_memory:
        raise ArchiveError(f"nested archive over {limits.max_nested_in_memory:,} bytes; "
                           "extract it and pass it on its own")
    data = read_member(tree, path, limits.max_nested_in_memory)
    if is_zip(magic):
        return ZipTree(name, io.BytesIO(data), limits, budget, depth=depth)
    return TarTree(name, io.BytesIO(data), limits, budget, depth=depth)


class MemberTree:
    """One member of a tree as a tree of its own (a repository .car inside a folder or zip), read in place."""

    def __init__(self, parent: ArchiveTree, path: str) -> None:
        self.name = parent.locator(path)
        self._parent = parent
        self._path = path
        self._member = path.rsplit("/", 1)[-1]

    def paths(self) -> list[str]:
        return [self._member]

    def size(self, path: str) -> int:
        return self._parent.size(self._check(path))

    def open(self, path: str) -> IO[bytes]:
        return self._parent.open(self._check(path))

    def locator(self, path: str) -> str:
        return self.name

    def skipped(self) -> list[Skipped]:
        return []

    def _check(self, path: str) -> str:
        if path != self._member:
            raise ArchiveError(f"no member {path}")
        return self._path


def expand(tree: ArchiveTree, limits: Limits, budget: Budget,
           depth: int = 1) -> Iterator[ArchiveTree | Skipped]:
    """The tree, then each nested archive (depth first) and standalone export file as a tree of its own."""
    yield tree
    paths = tree.paths()
    for path in paths:
        if len(paths) > 1 and path.lower().endswith(STANDALONE_SUFFIXES):
            yield MemberTree(tree, path)
        if not is_nested_archive(path):
            continue
        try:
            inner = open_nested(tree, path, limits, budget, depth)
        except InputError as error:
            yield Skipped(tree.locator(path), str(error))
            continue
        yield from expand(inner, limits, budget, depth + 1)


_PART = re.compile(r"^(?P<stem>.+?)[-_.]?(?P<part>\d{1,4})(?P<suffix>\.zip|\.tgz|\.tar\.gz|\.tar)$",
                   re.IGNORECASE)


def group_parts(paths: list[Path]) -> list[list[Path]]:
    """Inputs grouped so split exports ('takeout-…-001.zip', '-002.zip') are read as one tree; order kept."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        match = _PART.match(path.name)
        key = f"{path.parent}/{match['stem']}{match['suffix']}".lower() if match else f"\x00{path}"
        groups.setdefault(key, []).append(path)
    return [sorted(group) for group in groups.values()]


class MergedTree:
    """Several trees (the parts of one split export) seen as one: the first part holding a path wins."""

    def __init__(self, trees: list[ArchiveTree]) -> None:
        self.name = "+".join(tree.name for tree in trees)
        self._owner: dict[str, ArchiveTree] = {}
        self._trees = trees
        for tree in trees:
            for path in tree.paths():
                self._owner.setdefault(path, tree)

    def paths(self) -> list[str]:
        return sorted(self._owner)

    def open(self, path: str) -> IO[bytes]:
        return self._tree(path).open(path)

    def size(self, path: str) -> int:
        return self._tree(path).size(path)

    def locator(self, path: str) -> str:
        return self._tree(path).locator(path)

    def skipped(self) -> list[Skipped]:
        return [skip for tree in self._trees for skip in tree.skipped()]

    def _tree(self, path: str) -> ArchiveTree:
        try:
            return self._owner[path]
        except KeyError:
            raise ArchiveError(f"no member {path}") from None


def open_inputs(paths: list[Path], limits: Limits, budget: Budget) -> Iterator[ArchiveTree | Skipped]:
    """One tree per input (split parts merged); inputs that cannot be opened become Skipped."""
    for group in group_parts(paths):
        trees: list[ArchiveTree] = []
        for path in group:
            try:
                trees.append(open_input(path, limits, budget))
            except InputError as error:
                yield Skipped(str(path), str(error).removeprefix(f"{path}: "))
        if len(trees) == 1:
            yield trees[0]
        elif trees:
            yield MergedTree(trees)
