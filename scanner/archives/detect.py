"""Which reader fits a tree: the first registered reader whose layout check passes, else the generic one.

Readers decide by layout and content (a `data/manifest.js` starting `window.__THAR_CONFIG`, a CAR
header), never by the archive's file name, which people rename.
"""

from __future__ import annotations

from scanner.archives import READERS
from scanner.archives.base import ArchiveReader, ArchiveTree
from scanner.archives.generic import READER as GENERIC


def detect(tree: ArchiveTree) -> ArchiveReader:
    for reader in READERS:
        if reader.matches(tree):
            return reader
    return GENERIC
