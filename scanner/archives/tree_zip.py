"""A zip file as an ArchiveTree, including one whose central directory was cut off.

A truncated download loses the central directory at the end of the file, so `zipfile` refuses the
whole archive; the local file headers in front of each member are still there, so we walk them and
recover every member that is complete, then report the rest in one line.
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from scanner.archives.tree import UNSAFE_PATH, Budget, Limits, bounded, safe_path
from scanner.errors import ArchiveError
from scanner.models import Skipped

_LOCAL = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_DESCRIPTOR = b"PK\x07\x08"
_STORED, _DEFLATED = 0, 8
_CHUNK = 1 << 20


def is_zip(magic: bytes) -> bool:
    return magic.startswith((_LOCAL, b"PK\x05\x06"))


@dataclass(frozen=True, slots=True)
class _Salvaged:
    """A member found by its local header: where its compressed bytes are and how to inflate them."""

    offset: int
    compressed_size: int
    method: int


class _SalvagedStream(io.RawIOBase):
    """The decompressed bytes of a member located by its local header."""

    def __init__(self, file: IO[bytes], member: _Salvaged) -> None:
        super().__init__()
        file.seek(member.offset)
        self._file = file
        self._left = member.compressed_size
        self._inflate = zlib.decompressobj(-15) if member.method == _DEFLATED else None
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            if self._inflate is not None and self._inflate.unconsumed_tail:
                self._pending = self._inflate.decompress(self._inflate.unconsumed_tail, _CHUNK)
                continue
            if self._left <= 0:
                return 0
            chunk = self._file.read(min(self._left, _CHUNK))
            if not chunk:
                raise ArchiveError("member data cut off (truncated archive)")
            self._left -= len(chunk)
            self._pending = chunk if self._inflate is None else self._inflate.decompress(chunk, _CHUNK)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def close(self) -> None:
        try:
            self._file.close()
        finally:
            super().close()


def _deflate_length(file: IO[bytes], start: int) -> int | None:
    """Compressed length of a deflate stream starting at `start` (for members with a data descriptor)."""
    inflate = zlib.decompressobj(-15)
    file.seek(start)
    fed = 0
    while not inflate.eof:
        chunk = file.read(_CHUNK)
        if not chunk:
            return None
        fed += len(chunk)
        inflate.decompress(chunk, _CHUNK)
        while inflate.unconsumed_tail and not inflate.eof:
            inflate.decompress(inflate.unconsumed_tail, _CHUNK)
    return fed - len(inflate.unused_data)


def _salvage(file: IO[bytes]) -> tuple[list[tuple[str, _Salvaged]], bool]:
    """Members from local headers, in order; the flag says whether the archive ended cleanly."""
    file.seek(0, io.SEEK_END)
    end = file.tell()
    found: list[tuple[str, _Salvaged]] = []
    position = 0
    while True:
        file.seek(position)
        header = file.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL):
            return found, header.startswith(b"PK\x01\x02")
        _, _, flags, method, _, _, _, compressed, _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        raw_name = file.read(name_length)
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
        start = position + _LOCAL_HEADER.size + name_length + extra_length
        if flags & 0x08:
            if method != _DEFLATED:
                return found, False
            length = _deflate_length(file, start)
            if length is None:
                return found, False
            compressed = length
            file.seek(start + compressed)
            descriptor = file.read(4)
            position = start + compressed + (16 if descriptor == _DESCRIPTOR else 12)
        else:
            position = start + compressed
        if start + compressed > end:
            return found, False
        found.append((name, _Salvaged(start, compressed, method)))


class ZipTree:
    """Members of a zip (a path on disk, or bytes of a nested zip), streamed and bounded."""

    def __init__(self, name: str, source: Path | io.BytesIO, limits: Limits, budget: Budget,
                 depth: int = 0) -> None:
        self.name = name
        self.depth = depth
        self._source = source
        self._limits = limits
        self._budget = budget
        self._skipped: list[Skipped] = []
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self._salvaged: dict[str, _Salvaged] = {}
        try:
            self._zip: zipfile.ZipFile | None = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            self._zip = None
            self._recover(error)
            return
        for info in self._zip.infolist():
            self._add(info.filename, info, info.is_dir(), info.external_attr >> 16, bool(info.flag_bits & 1))

    def _recover(self, error: Exception) -> None:
        with self._file() as file:
            members, clean = _salvage(file)
        if not members:
            raise ArchiveError(f"not a readable zip ({error})")
        for raw_name, member in members:
            self._add(raw_name, member, raw_name.endswith("/"), 0, False)
        reason = ("zip has no central directory (truncated download?): "
                  f"{len(self._salvaged)} members recovered from local headers")
        self._skipped.append(Skipped(self.name, reason if clean else reason + ", the rest is cut off"))

    def _add(self, raw_name: str, member: zipfile.ZipInfo | _Salvaged, is_dir: bool, mode: int,
             encrypted: bool) -> None:
        if is_dir:
            return
        path = safe_path(raw_name)
        where = f"{self.name}!{raw_name}"
        if path is None:
            self._skipped.append(Skipped(where, UNSAFE_PATH))
        elif stat.S_ISLNK(mode):
            self._skipped.append(Skipped(where, "symbolic link in the zip; not followed"))
        elif encrypted:
            self._skipped.append(Skipped(where, "encrypted member; not read"))
        elif path in self._infos or path in self._salvaged:
            self._skipped.append(Skipped(where, "second member with the same name; the first one was read"))
        elif isinstance(member, zipfile.ZipInfo):
            self._infos[path] = member
        else:
            self._salvaged[path] = member

    def _file(self) -> IO[bytes]:
        if isinstance(self._source, Path):
            return self._source.open("rb")
        return io.BytesIO(self._source.getbuffer())

    def paths(self) -> list[str]:
        return sorted([*self._infos, *self._salvaged])

    def size(self, path: str) -> int:
        if path in self._infos:
            return self._infos[path].file_size
        if path in self._salvaged:
            return self._salvaged[path].compressed_size
        raise ArchiveError(f"no member {path}")

    def open(self, path: str) -> IO[bytes]:
        info = self._infos.get(path)
        if info is not None and self._zip is not None:
            try:
                raw: IO[bytes] = self._zip.open(info)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
                raise ArchiveError(f"cannot open member ({error})") from error
            return bounded(raw, self._limits, self._budget, info.compress_size)
        member = self._salvaged.get(path)
        if member is None:
            raise ArchiveError(f"no member {path}")
        if member.method not in (_STORED, _DEFLATED):
            raise ArchiveError(f"compression method {member.method} is not supported")
        stream = _SalvagedStream(self._file(), member)
        return bounded(stream, self._limits, self._budget, member.compressed_size)

    def locator(self, path: str) -> str:
        return f"{self.name}!{path}"

    def skipped(self) -> list[Skipped]:
        return list(self._skipped)
