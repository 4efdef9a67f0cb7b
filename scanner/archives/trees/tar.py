"""A tar (plain, gz, bz2 or xz) as an ArchiveTree: regular files only, links and devices refused.

Listing walks the headers once; a truncated archive keeps the members listed before the cut. The
uncompressed position is checked against the file's size while listing, so a tar.gz bomb stops
before its giant member is decompressed, and listing stops after `Limits.max_members` headers.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path
from typing import IO

from scanner.archives.trees.limits import STREAM_ERRORS, UNSAFE_PATH, Budget, Limits, bounded, safe_path
from scanner.errors import ArchiveError
from scanner.models import Skipped

_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz")
_COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")


def is_tar(magic: bytes, name: str) -> bool:
    """A plain tar by its 'ustar' magic, or a compressed stream whose name says tar."""
    if magic[257:262] == b"ustar":
        return True
    return magic.startswith(_COMPRESSED_MAGIC) and name.lower().endswith(_TAR_SUFFIXES)


class _TarMemberStream(io.RawIOBase):
    """One member's bytes. Members share one TarFile: each read seeks to its own position, and reading
    members in archive order keeps a compressed stream moving forward (seeking back re-inflates from 0).
    """

    def __init__(self, archive: tarfile.TarFile, info: tarfile.TarInfo) -> None:
        super().__init__()
        try:
            member = archive.extractfile(info)
        except STREAM_ERRORS as error:
            raise ArchiveError(f"cannot open member ({error})") from error
        if member is None:
            raise ArchiveError("not a regular file")
        self._member = member

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._member.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._member.close()
        finally:
            super().close()


class TarTree:
    """Regular-file members of a tar, streamed and bounded."""

    def __init__(self, name: str, source: Path | io.BytesIO, limits: Limits, budget: Budget,
                 depth: int = 0) -> None:
        self.name = name
        self.depth = depth
        self._source = source
        self._limits = limits
        self._budget = budget
        self._skipped: list[Skipped] = []
        self._members: dict[str, tarfile.TarInfo] = {}
        compressed = source.stat().st_size if isinstance(source, Path) else len(source.getbuffer())
        ceiling = max(limits.ratio_floor, limits.max_ratio * max(compressed, 1))
        self._shared = self._archive()
        self._list(self._shared, ceiling)

    def _archive(self) -> tarfile.TarFile:
        try:
            if isinstance(self._source, Path):
                return tarfile.open(self._source, mode="r:*")
            return tarfile.open(fileobj=io.BytesIO(self._source.getbuffer()), mode="r:*")
        except STREAM_ERRORS as error:
            raise ArchiveError(f"not a readable tar ({error})") from error

    def _list(self, archive: tarfile.TarFile, ceiling: int) -> None:
        for listed in range(self._limits.max_members + 1):
            try:
                info = archive.next()
            except STREAM_ERRORS as error:
                self._skipped.append(Skipped(self.name, f"truncated or corrupt tar ({error}): "
                                             f"{len(self._members)} members read, the rest could not be"))
                return
            if info is None:
                return
            if listed == self._limits.max_members:
                limit = self._limits.max_members
                self._skipped.append(Skipped(self.name, f"tar has more than {limit:,} members (a denial of "
                                             f"service?); only the first {limit:,} were read"))
                return
            where = f"{self.name}!{info.name}"
            if info.offset_data + info.size > ceiling:
                self._skipped.append(Skipped(where, "compression ratio too high (a decompression bomb?); "
                                             "the rest of the archive was not read"))
                return
            self._add(info, where)

    def _add(self, info: tarfile.TarInfo, where: str) -> None:
        if info.isdir():
            return
        path = safe_path(info.name)
        if path is None:
            self._skipped.append(Skipped(where, UNSAFE_PATH))
        elif info.issym() or info.islnk():
            self._skipped.append(Skipped(where, "link in the tar; not followed"))
        elif not info.isreg():
            self._skipped.append(Skipped(where, "device, fifo or other special file; not read"))
        elif info.size > self._limits.max_member_bytes:
            self._skipped.append(Skipped(where, f"member of {info.size:,} bytes is over the "
                                         f"{self._limits.max_member_bytes:,}-byte limit"))
        elif path in self._members:
            self._skipped.append(Skipped(where, "second member with the same name; the first one was read"))
        else:
            self._members[path] = info

    def paths(self) -> list[str]:
        return sorted(self._members)

    def size(self, path: str) -> int:
        return self._info(path).size

    def open(self, path: str) -> IO[bytes]:
        info = self._info(path)
        return bounded(_TarMemberStream(self._shared, info), self._limits, self._budget)

    def locator(self, path: str) -> str:
        return f"{self.name}!{path}"

    def skipped(self) -> list[Skipped]:
        return list(self._skipped)

    def _info(self, path: str) -> tarfile.TarInfo:
        try:
            return self._members[path]
        except KeyError:
            raise ArchiveError(f"no member {path}") from None
