"""Reading X archives in tests: the reader over a path, its documents by id, a zip made of members."""

from __future__ import annotations

import zipfile
from pathlib import Path

from scanner.archives.trees.open import open_input
from scanner.archives.twitter import TwitterReader
from scanner.models import Document, Skipped

READER = TwitterReader()


def read(path: Path) -> list[Document | Skipped]:
    return list(READER.documents(open_input(path)))


def documents(items: list[Document | Skipped]) -> dict[str, Document]:
    return {item.id: item for item in items if isinstance(item, Document)}


def rezip(target: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target
