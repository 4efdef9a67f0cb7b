"""The shape every archive reader shares, and the tree of members it reads from.

An export arrives as a zip, a tar.gz, a folder, or several. Readers never see which: they see an
`ArchiveTree`, a read-only view of member paths (always '/'-separated, relative, normalised) whose
content is streamed on demand. Nothing is extracted to disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Protocol

from scanner.models import Document, Skipped


class ArchiveTree(Protocol):
    """Read-only view of one export's members."""

    name: str
    """What the person passed (e.g. 'twitter-2026.zip'); locators start with it."""

    def paths(self) -> list[str]:
        """Every member path, '/'-separated, relative, in a stable order."""
        ...

    def open(self, path: str) -> IO[bytes]:
        """A binary stream of one member, bounded by the size caps; raises ArchiveError."""
        ...

    def size(self, path: str) -> int:
        """Uncompressed size of a member in bytes."""
        ...

    def locator(self, path: str) -> str:
        """How findings name a member: 'twitter-2026.zip!data/tweets.js'."""
        ...

    def skipped(self) -> list[Skipped]:
        """Members refused while listing (unsafe paths, links, devices, a truncated tail), one line each."""
        ...


class ArchiveReader(Protocol):
    """One export format: recognises its layout and yields the documents in it."""

    name: str
    """Platform name, used as Document.source ('twitter', 'facebook', ...)."""

    def matches(self, tree: ArchiveTree) -> bool:
        """True when the tree's layout (not its file name) is this format's."""
        ...

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        """Every document in the export, streamed; unreadable members become Skipped records."""
        ...
