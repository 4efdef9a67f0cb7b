"""Platform export readers, one module each, registered here: one import and one entry per reader.

Order matters only when two layouts could both match; the generic reader is the fallback in detect.py.
"""

from __future__ import annotations

from scanner.archives.base import ArchiveReader

READERS: tuple[ArchiveReader, ...] = (
)
