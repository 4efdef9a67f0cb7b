"""A zip file as an ArchiveTree, including one whose central directory was cut off or is too long.

A truncated download loses the central directory at the end of the file, so `zipfile` refuses the
whole archive; the local file headers in front of each member are still there, so we walk them and
recover every member that is complete, then report the rest in one line. Before `zipfile` lists a
zip, its central directory's entries are counted (46 bytes read per entry, names skipped): `zipfile`
would hold all of them in memory, so one with more than `Limits.max_members` is listed by us up to
the cap instead, and the rest is one Skipped line.
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from scanner.archives.trees.limits import UNSAFE_PATH, Budget, Limits, bounded, safe_path
from scanner.errors import ArchiveError
from scanner.models import Skipped

_LOCAL = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_DESCRIPTOR = b"PK\x07\x08"
_CENTRAL = b"PK\x01\x02"
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END = b"PK\x05\x06"
_END_RECORD = struct.Struct("<4s4H2LH")
_END64 = b"PK\x06\x06"
_END64_RECORD = struct.Struct("<4sQ2H2L4Q")
_END64_LOCATOR = b"PK\x06\x07"
_LOCATOR_SIZE = 20
_ZIP64 = 0xFFFFFFFF
_STORED, _DEFLATED = 0, 8
_CHUNK = 1 << 20


def is_zip(magic: bytes) -> bool:
    return magic.startswith((_LOCAL, b"PK\x05\x06"))


@dataclass(frozen=True, slots=True)
class _Salvaged:
    """A member located without `zipfile`: where its compressed bytes are and how to inflate them."""

    offset: int
    """Where the compressed bytes start; with `at_local_header`, where the member's local header is."""
    compressed_size: int
    method: int
    file_size: int | None = None
    """Uncompressed size when a central directory said it (a salvaged member only has its compressed one)."""
    at_local_header: bool = False


def _data_start(file: IO[bytes], header_offset: int) -> int:
    """Where a member's data starts, from the local header at `header_offset`."""
    if header_offset < 0:
        raise ArchiveError("member's local header is missing (corrupt zip)")
    file.seek(header_offset)
    header = file.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL):
        raise ArchiveError("member's local header is missing (corrupt zip)")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    return header_offset + _LOCAL_HEADER.size + name_length + extra_length


class _SalvagedStream(io.RawIOBase):
    """The decompressed bytes of a member located by its local header."""

    def __init__(self, file: IO[bytes], member: _Salvaged) -> None:
        super().__init__()
        file.seek(_data_start(file, member.offset) if member.at_local_header else member.offset)
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


def _too_many(limit: int) -> str:
    return f"more than {limit:,} members (a denial of service?); only the first {limit:,} were read"


def _salvage(file: IO[bytes], limit: int) -> tuple[list[tuple[str, _Salvaged]], str]:
    """Up to `limit` members from local headers, in order, and how the walk ended: 'clean' (at the
    central directory), 'cut' (truncated or corrupt) or 'capped' (more members than `limit`)."""
    file.seek(0, io.SEEK_END)
    end = file.tell()
    found: list[tuple[str, _Salvaged]] = []
    position = 0
    while True:
        file.seek(position)
        header = file.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL):
            return found, "clean" if header.startswith(_CENTRAL) else "cut"
        if len(found) >= limit:
            return found, "capped"
        _, _, flags, method, _, _, _, compressed, _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        raw_name = file.read(name_length)
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
        start = position + _LOCAL_HEADER.size + name_length + extra_length
        if flags & 0x08:
            if method != _DEFLATED:
                return found, "cut"
            length = _deflate_length(file, start)
            if length is None:
                return found, "cut"
            compressed = length
            file.seek(start + compressed)
            descriptor = file.read(4)
            position = start + compressed + (16 if descriptor == _DESCRIPTOR else 12)
        else:
            position = start + compressed
        if start + compressed > end:
            return found, "cut"
        found.append((name, _Salvaged(start, compressed, method)))


@dataclass(frozen=True, slots=True)
class _Directory:
    """Where the central directory is, from the end records (zip64 ones included)."""

    start: int
    size: int
    shift: int
    """Bytes in front of the zip (a self-extractor's stub): added to every offset the directory states."""


def _directory(file: IO[bytes]) -> _Directory | None:
    """The central directory's place, as `zipfile` finds it; None when there is no end record."""
    file.seek(0, io.SEEK_END)
    end = file.tell()
    tail_start = max(0, end - _END_RECORD.size - 0xFFFF)
    file.seek(tail_start)
    tail = file.read()
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < _END_RECORD.size:
        return None
    *_, size, offset, _comment = _END_RECORD.unpack_from(tail, at)
    location = tail_start + at
    locator_at = location - _LOCATOR_SIZE
    if locator_at >= _END64_RECORD.size:
        file.seek(locator_at)
        if file.read(4) == _END64_LOCATOR:
            file.seek(locator_at - _END64_RECORD.size)
            record = file.read(_END64_RECORD.size)
            if record.startswith(_END64):
                *_, size, offset = _END64_RECORD.unpack(record)
                location = locator_at - _END64_RECORD.size
    if size > location:
        return None
    return _Directory(location - size, size, location - size - offset)


def _over_cap(file: IO[bytes], directory: _Directory, limit: int) -> bool:
    """Whether the central directory holds more than `limit` entries (it is read no further than that)."""
    file.seek(directory.start)
    position, count = directory.start, 0
    while position < directory.start + directory.size:
        header = file.read(_CENTRAL_HEADER.size)
        if len(header) < _CENTRAL_HEADER.size or not header.startswith(_CENTRAL):
            return False
        count += 1
        if count > limit:
            return True
        variable = sum(_CENTRAL_HEADER.unpack(header)[12:15])
        file.seek(variable, io.SEEK_CUR)
        position += _CENTRAL_HEADER.size + variable
    return False


def _zip64_values(extra: bytes, wanted: int) -> list[int]:
    """The first `wanted` 8-byte values of a zip64 extra field (id 1), in the order the spec gives."""
    position = 0
    while position + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, position)
        if kind == 1:
            body = extra[position + 4 : position + 4 + length]
            return [value for (value,) in struct.iter_unpack("<Q", body[: 8 * (len(body) // 8)])][:wanted]
        position += 4 + length
    return []


def _central_members(file: IO[bytes], directory: _Directory,
                     limit: int) -> Iterator[tuple[str, _Salvaged, int, int]]:
    """(raw name, member, flag bits, mode) of the first `limit` entries of the central directory."""
    file.seek(directory.start)
    for _ in range(limit):
        header = file.read(_CENTRAL_HEADER.size)
        if len(header) < _CENTRAL_HEADER.size or not header.startswith(_CENTRAL):
            return
        fields = _CENTRAL_HEADER.unpack(header)
        flags, method, external = fields[5], fields[6], fields[17]
        name_length, extra_length, comment_length = fields[12:15]
        name = file.read(name_length).decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
        extra = file.read(extra_length)
        file.seek(comment_length, io.SEEK_CUR)
        stated = (fields[11], fields[10], fields[18])  # uncompressed size, compressed size, header offset
        large = iter(_zip64_values(extra, sum(value == _ZIP64 for value in stated)))
        size, compressed, offset = (next(large, value) if value == _ZIP64 else value for value in stated)
        member = _Salvaged(offset + directory.shift, compressed, method, size, at_local_header=True)
        yield name, member, flags, external >> 16


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
        self._zip: zipfile.ZipFile | None = None
        if self._list_capped():
            return
        try:
            self._zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            self._recover(error)
            return
        for info in self._zip.infolist():
            self._add(info.filename, info, info.is_dir(), info.external_attr >> 16, bool(info.flag_bits & 1))

    def _list_capped(self) -> bool:
        """When the central directory holds more than `max_members` entries, list the first ones ourselves."""
        limit = self._limits.max_members
        with self._file() as file:
            directory = _directory(file)
            if directory is None or not _over_cap(file, directory, limit):
                return False
            for raw_name, member, flags, mode in _central_members(file, directory, limit):
                self._add(raw_name, member, raw_name.endswith("/"), mode, bool(flags & 1))
        self._skipped.append(Skipped(self.name, f"zip has {_too_many(limit)}"))
        return True

    def _recover(self, error: Exception) -> None:
        limit = self._limits.max_members
        with self._file() as file:
            members, ending = _salvage(file, limit)
        if not members:
            raise ArchiveError(f"not a readable zip ({error})")
        for raw_name, member in members:
            self._add(raw_name, member, raw_name.endswith("/"), 0, False)
        endings = {"clean": "", "cut": ", the rest is cut off",
                   "capped": f", the rest not listed: {_too_many(limit)}"}
        self._skipped.append(Skipped(self.name, "zip has no central directory (truncated download?): "
                                     f"{len(self._salvaged)} members recovered from local headers"
                                     + endings[ending]))

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
            member = self._salvaged[path]
            return member.compressed_size if member.file_size is None else member.file_size
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
        file = self._file()
        try:
            stream = _SalvagedStream(file, member)
        except OSError as error:
            file.close()
            raise ArchiveError(f"cannot open member ({error})") from error
        except BaseException:
            file.close()
            raise
        return bounded(stream, self._limits, self._budget, member.compressed_size)

    def locator(self, path: str) -> str:
        return f"{self.name}!{path}"

    def skipped(self) -> list[Skipped]:
        return list(self._skipped)
