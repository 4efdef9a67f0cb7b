"""Opening what the person passed (zip, tar, folder, single file, several parts) as ArchiveTrees.

Every container shares the defences in `limits` (caps, budget, safe paths). Nested archives
(`outer.zip!inner.zip!data/x.js`) become trees of their own through `expand`; the parts of a split
export are read as one tree. This is the only module that knows every container kind.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from scanner.archives.base import ArchiveTree
from scanner.archives.trees.folder import FileTree, FolderTree
from scanner.archives.trees.limits import Budget, Limits
from scanner.archives.trees.members import head, read_member
from scanner.archives.trees.tar import TarTree, is_tar
from scanner.archives.trees.zip import ZipTree, is_zip
from scanner.errors import ArchiveError, InputError
from scanner.models import Skipped

NESTED_SUFFIXES = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz")
"""Members with these names and an archive's magic bytes are opened as nested trees."""
STANDALONE_SUFFIXES = (".car",)
"""Members that are a whole export on their own (a Bluesky repository) become one-member trees."""


def is_nested_archive(path: str) -> bool:
    return path.lower().endswith(NESTED_SUFFIXES)


def open_input(path: Path, limits: Limits | None = None, budget: Budget | None = None) -> ArchiveTree:
    """The tree for one input: a folder, a zip, a tar (any compression) or a single file."""
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
