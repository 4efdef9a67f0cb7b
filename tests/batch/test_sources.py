"""Subjects from archives, folders of archives and manifests (scanner/batch/sources.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.batch.sources import subject_id_of, subjects_from
from scanner.errors import InputError


def test_an_archive_is_one_subject_named_after_it(tmp_path: Path) -> None:
    archive = tmp_path / "p-017.tar.gz"
    archive.write_bytes(b"x")
    [subject] = subjects_from([archive])
    assert (subject.id, subject.paths, subject.size) == ("p-017", (archive,), 1)


def test_a_folder_holds_one_subject_per_archive_or_export_folder(tmp_path: Path) -> None:
    for name in ("b.zip", "a.car", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "c").mkdir()
    assert [subject.id for subject in subjects_from([tmp_path])] == ["a", "b", "c"]


def test_a_manifest_names_subjects_with_consent_and_several_parts(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,subject,consent,notes\nexports/t-001.zip,p1,yes,wave 1\n"
                        "exports/t-002.zip,p1,yes,\nexports/x.zip,p2,withdrawn,\n", encoding="utf-8")
    first, second = subjects_from([manifest])
    assert first.id == "p1" and [path.name for path in first.paths] == ["t-001.zip", "t-002.zip"]
    assert (first.consent, first.notes) == ("yes", "wave 1")
    assert first.paths[0] == (tmp_path / "exports" / "t-001.zip").resolve()
    assert (second.id, second.consent) == ("p2", "withdrawn")


def test_a_manifest_may_name_its_subjects_subject_id_as_the_batch_output_does(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("subject_id,path\np7,exports/a.zip\n", encoding="utf-8")
    assert [subject.id for subject in subjects_from([manifest])] == ["p7"]


@pytest.mark.parametrize("rows, message", [
    ("path,subject\nx.zip,../evil\n", "subject id '../evil'"),
    ("path,subject\nx.zip,\n", "needs a path and a subject"),
])
def test_a_bad_manifest_row_is_one_line_naming_the_row(tmp_path: Path, rows: str, message: str) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(rows, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        subjects_from([manifest])
    assert f"{manifest}:2" in str(raised.value)


def test_a_subject_given_twice_is_refused(tmp_path: Path) -> None:
    one, two = tmp_path / "a", tmp_path / "b"
    for folder in (one, two):
        folder.mkdir()
        (folder / "same.zip").write_bytes(b"x")
    with pytest.raises(InputError, match="subject same appears twice"):
        subjects_from([one, two])


def test_subject_ids_are_path_safe() -> None:
    assert subject_id_of(Path("Takeout 2026 (1).zip")) == "Takeout_2026__1_"
    assert subject_id_of(Path(".hidden.zip")) == "hidden"
