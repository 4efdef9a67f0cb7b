"""A scan's findings, kept off the heap: memory stays flat however many documents an archive holds.

Scoring needs every finding twice (first which entities are about the person, then each document's
findings with that knowledge), so they cannot simply stream past. A few thousand stay in memory; the
rest go, in chunks, to an anonymous temporary file (unlinked at once, so a killed run leaves nothing
behind) sealed with Fernet under a key that lives only in this process: the raw values a finding
carries are never readable on disk, not even for the moment they are there.
"""

from __future__ import annotations

import pickle
import struct
import tempfile
from collections.abc import Iterator
from typing import IO

from cryptography.fernet import Fernet

from scanner.models import Finding

CHUNK_FINDINGS = 4096
"""Findings held in memory before a chunk is sealed and written out."""
_LENGTH = struct.Struct(">I")


class FindingSpool:
    """Findings grouped by document, in scan order; iterate with `documents()` as often as needed."""

    def __init__(self, chunk_findings: int | None = None) -> None:
        self._chunk_findings = chunk_findings or CHUNK_FINDINGS
        self._pending: list[list[Finding]] = []
        self._pending_findings = 0
        self._file: IO[bytes] | None = None
        self._fernet: Fernet | None = None
        self._chunks = 0
        self.count = 0
        """Findings added."""

    def add(self, findings: list[Finding]) -> None:
        """One document's findings (documents without any are not kept)."""
        if not findings:
            return
        self._pending.append(findings)
        self._pending_findings += len(findings)
        self.count += len(findings)
        if self._pending_findings >= self._chunk_findings:
            self._spill()

    def _spill(self) -> None:
        if self._file is None:
            # the spool owns the file until close(), across many calls, so no `with` here
            self._file = tempfile.TemporaryFile(prefix="exposure-spool-")  # noqa: SIM115
            self._fernet = Fernet(Fernet.generate_key())
        assert self._fernet is not None
        sealed = self._fernet.encrypt(pickle.dumps(self._pending, protocol=pickle.HIGHEST_PROTOCOL))
        self._file.seek(0, 2)
        self._file.write(_LENGTH.pack(len(sealed)))
        self._file.write(sealed)
        self._chunks += 1
        self._pending, self._pending_findings = [], 0

    def documents(self) -> Iterator[list[Finding]]:
        """Each document's findings, in the order they were added."""
        if self._file is not None:
            assert self._fernet is not None
            self._file.flush()
            offset = 0
            for _ in range(self._chunks):
                self._file.seek(offset)
                (length,) = _LENGTH.unpack(self._file.read(_LENGTH.size))
                sealed = self._file.read(length)
                offset += _LENGTH.size + length
                chunk: list[list[Finding]] = pickle.loads(self._fernet.decrypt(sealed))
                yield from chunk
        yield from list(self._pending)

    def __iter__(self) -> Iterator[Finding]:
        for group in self.documents():
            yield from group

    def __len__(self) -> int:
        return self.count

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._pending = []

    def __enter__(self) -> FindingSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
