"""The defences every container shares: byte caps, the input's budget, bounded streams, safe member paths.

Member streams count the bytes they really produce (headers are not trusted) against a per-member cap,
a compression-ratio cap and a budget for the whole input, so a decompression bomb stops with one
`ArchiveError` instead of filling memory or disk; member paths are normalised and unsafe ones refused.
The zip, tar and folder trees import this module; it imports none of them.
"""

from __future__ import annotations

import io
import lzma
import re
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Protocol

from scanner.errors import ArchiveError

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
            raise ArchiveError(f"truncated or corrupt data ({error})") from error
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
