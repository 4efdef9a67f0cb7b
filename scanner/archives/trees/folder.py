"""An extracted export (a folder) or a single exported file as an ArchiveTree.

Folders are walked without following links: a symlink inside an export could point anywhere on the
machine, so it is refused like a '..' member of a zip. A single file (a Bluesky .car, an .mbox) is a
tree with one member whose locator is just the file's name.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO

from scanner.archives.trees.limits import Budget, Limits, bounded
from scanner.errors import ArchiveError
from scanner.models import Skipped


def _open_file(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as error:
        raise ArchiveError(f"cannot read ({error.strerror or error})") from error


class FolderTree:
    """Regular files under a folder, '/'-separated relative paths, links and special files refused."""

    def __init__(self, root: Path, limits: Limits, budget: Budget) -> None:
        self.name = root.name or str(root)
        self._root = root
        self._limits = limits
        self._budget = budget
        self._sizes: dict[str, int] = {}
        self._skipped: list[Skipped] = []
        for folder, dirs, names in os.walk(root, followlinks=False):
            dirs.sort()
            base = Path(folder)
            for name in list(dirs):
                if (base / name).is_symlink():
                    dirs.remove(name)
                    self._skip(base / name, "symbolic link not followed")
            for name in sorted(names):
                self._add(base / name)

    def _add(self, path: Path) -> None:
        try:
            info = path.lstat()
        except OSError as error:
            self._skip(path, f"cannot read ({error.strerror or error})")
            return
        if stat.S_ISLNK(info.st_mode):
            self._skip(path, "symbolic link not followed")
        elif not stat.S_ISREG(info.st_mode):
            self._skip(path, "device, fifo or other special file; not read")
        else:
            self._sizes[path.relative_to(self._root).as_posix()] = info.st_size

    def _skip(self, path: Path, reason: str) -> None:
        self._skipped.append(Skipped(self.locator(path.relative_to(self._root).as_posix()), reason))

    def paths(self) -> list[str]:
        return sorted(self._sizes)

    def size(self, path: str) -> int:
        try:
            return self._sizes[path]
        except KeyError:
            raise ArchiveError(f"no member {path}") from None

    def open(self, path: str) -> IO[bytes]:
        self.size(path)
        return bounded(_open_file(self._root / path), self._limits, self._budget)

    def locator(self, path: str) -> str:
        return f"{self.name}/{path}"

    def skipped(self) -> list[Skipped]:
        return list(self._skipped)


class FileTree:
    """One file passed on its own: a tree with a single member named like the file."""

    def __init__(self, path: Path, limits: Limits, budget: Budget) -> None:
        self.name = path.name
        self._path = path
        self._limits = limits
        self._budget = budget
        self._size = path.stat().st_size

    def paths(self) -> list[str]:
        return [self.name]

    def size(self, path: str) -> int:
        self._check(path)
        return self._size

    def open(self, path: str) -> IO[bytes]:
        self._check(path)
        return bounded(_open_file(self._path), self._limits, self._budget)

    def locator(self, path: str) -> str:
        return self.name

    def skipped(self) -> list[Skipped]:
        return []

    def _check(self, path: str) -> None:
        if path != self.name:
            raise ArchiveError(f"no member {path}")
