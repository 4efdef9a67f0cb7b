"""The findings database as a file: judged before SQLite touches it, created private, never chmod'ed blindly.

`--db` is typed by a person, so it can name anything: notes.md, a folder, /dev/full, a symlink, a
typo. A path that exists and is not an SQLite database is refused before anything changes; a missing
one is created (0600, its missing folders 0700) only by commands that write a scan; permissions are
tightened only on regular files exposure owns, never through a symbolic link.
"""

from __future__ import annotations

import os
import stat
from enum import Enum
from pathlib import Path

from scanner.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


class FileState(Enum):
    MISSING = "missing"
    EMPTY = "empty"
    """A zero-length file: what SQLite (and a scan interrupted at once) leaves as a new database."""
    DATABASE = "database"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def database_state(path: Path) -> FileState:
    """What is at `path`; a StoreError (and nothing changed) when it is not an SQLite database."""
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise StoreError(f"{path} is a broken symbolic link; nothing was changed") from None
        return FileState.MISSING
    except OSError as error:
        raise StoreError(f"cannot look at the findings database {path}: {error.strerror or error}") from error
    if not stat.S_ISREG(status.st_mode):
        raise StoreError(f"{path} is {_kind(status.st_mode)}, not a findings database; nothing was changed")
    if status.st_size == 0:
        return FileState.EMPTY
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"cannot read the findings database {path}: {error.strerror or error}") from error
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} exists and is not an SQLite database; nothing was changed "
                         "(give --db a new file or an exposure database)")
    return FileState.DATABASE


def private_folders(folder: Path) -> None:
    """Create `folder` and every missing parent with mode 0700 (existing ones are left alone)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir(mode=0o700, exist_ok=True)


def create_private(path: Path) -> None:
    """Create an empty database file 0600 before SQLite does, so it is never readable by others."""
    private_folders(path.parent)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:  # another scan created it a moment ago
        database_state(path)
        return
    os.close(descriptor)


def tighten(path: Path) -> None:
    """Mode 0600 on a regular file we own (never through a symlink, never on a device or another's file)."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISREG(status.st_mode) and status.st_uid == os.geteuid() and status.st_mode & 0o077:
        os.chmod(path, 0o600)


def tighten_side_files(path: Path) -> None:
    for suffix in SIDE_FILES:
        tighten(Path(f"{path}{suffix}"))
