"""Detection goes by layout and content, never by the archive's file name; the rest falls to generic."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from scanner.archives import READERS
from scanner.archives.detect import detect
from scanner.archives.trees.open import open_input

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize(
    ("sample", "reader"),
    [
        ("twitter-archive.zip", "twitter"),
        ("twitter-grailbird-archive.zip", "twitter"),
        ("bluesky-repo.car", "bluesky"),
    ],
)
def test_samples_are_detected_even_when_renamed(tmp_path: Path, sample: str, reader: str) -> None:
    renamed = tmp_path / ("download" + Path(sample).suffix)
    shutil.copy(SAMPLES / sample, renamed)
    assert detect(open_input(renamed)).name == reader


def test_a_zip_named_like_an_export_but_holding_notes_is_generic(tmp_path: Path) -> None:
    path = tmp_path / "twitter-2026-01-15-abc.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes/todo.txt", "buy bread")
    assert detect(open_input(path)).name == "generic"


def test_every_registered_reader_declines_an_unrelated_folder(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.txt").write_text("Dear Rowan")
    (tmp_path / "docs" / "data.json").write_text('{"a": 1}')
    tree = open_input(tmp_path / "docs")
    assert [reader.name for reader in READERS if reader.matches(tree)] == []
    assert detect(tree).name == "generic"


def test_registered_readers_have_unique_names() -> None:
    names = [reader.name for reader in READERS]
    assert len(names) == len(set(names)) and {"twitter", "bluesky"} <= set(names)
