"""The shape every archive reader shares, and the tree of members it reads from.

An export arrives as a zip, a tar.gz, a folder, or several. Readers never see which: they see an
`ArchiveTree`, a read-only view of member paths (always '/'-separated, relative, normalised) whose
content is streamed on demand. Nothing is extracted to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Protocol

from scanner.errors import ExposureError
from scanner.models import Document, Skipped
from scanner.redact import error_line


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


MemberReader = Callable[[ArchiveTree, str, str], Iterator[Document]]
"""Reads one member (tree, path, locator) into documents."""


def member_documents(tree: ArchiveTree, path: str, read: MemberReader,
                     recoverable: tuple[type[BaseException], ...] = (OSError,),
                     ) -> Iterator[Document | Skipped]:
    """One member's documents; a member that cannot be read ends in one Skipped after what was read."""
    locator = tree.locator(path)
    try:
        yield from read(tree, path, locator)
    except ExposureError as error:
        yield Skipped(locator, str(error))
    except recoverable as error:
        yield Skipped(locator, f"cannot read: {error_line(error)}")
