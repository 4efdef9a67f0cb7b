"""Who is who in a batch: each subject is one person, with the export paths that are theirs.

SOURCES are archives (one subject each, named after the file), folders of archives (each archive or
extracted export folder inside is a subject) or a manifest CSV (`path,subject[,consent][,notes]`, paths
relative to the manifest; several rows with one subject are that person's several exports or parts).
The subject's column may also be headed `subject_id`, the name the batch's output gives it, so a
study's own tables can be fed back as they are.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import InputError

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".car")
SUBJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
"""Subject ids name partitions and files, so they stay path-safe."""


@dataclass(frozen=True, slots=True)
class Subject:
    """One person of the batch and their exports."""

    id: str
    paths: tuple[Path, ...]
    """Their archives or export folders; scanned together as one person's findings."""
    consent: str = ""
    """The manifest's consent column, copied to the summary for the study's records."""
    notes: str = ""

    @property
    def size(self) -> int:
        """Bytes on disk of the subject's inputs (a folder: its files), for progress over bytes."""
        return sum(_bytes_of(path) for path in self.paths)


def _bytes_of(path: Path) -> int:
    if path.is_dir():
        return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())
    return path.stat().st_size if path.exists() else 0


def is_archive(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(ARCHIVE_SUFFIXES)


def subject_id_of(path: Path) -> str:
    """An archive's subject id: its name without the archive suffix, made path-safe."""
    name = path.name
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip("._-") or "subject"


def _checked(subject_id: str, where: str) -> str:
    if not SUBJECT_ID.match(subject_id):
        raise InputError(f"{where}: subject id {subject_id!r} must be letters, digits, '.', '_' or '-'")
    return subject_id


def _manifest(path: Path) -> list[Subject]:
    paths: dict[str, list[Path]] = {}
    extra: dict[str, tuple[str, str]] = {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            for number, row in enumerate(csv.DictReader(file), start=2):
                where = f"{path}:{number}"
                member = (row.get("path") or "").strip()
                subject = (row.get("subject_id") or row.get("subject") or "").strip()
                if not member or not subject:
                    raise InputError(f"{where}: a manifest row needs a path and a subject")
                paths.setdefault(_checked(subject, where), []).append((path.parent / member).resolve())
                consent, notes = (row.get("consent") or "").strip(), (row.get("notes") or "").strip()
                extra.setdefault(subject, (consent, notes))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(f"cannot read the manifest {path}: {error}") from error
    return [Subject(name, tuple(found), *extra[name]) for name, found in paths.items()]


def _folder(path: Path) -> list[Subject]:
    return [Subject(subject_id_of(child), (child,)) for child in sorted(path.iterdir())
            if is_archive(child) or child.is_dir()]


def subjects_from(sources: list[Path]) -> list[Subject]:
    """Every subject of the sources, in order; a subject id given twice is a usage error."""
    subjects: list[Subject] = []
    for source in sources:
        if source.is_dir():
            subjects.extend(_folder(source))
        elif source.suffix.lower() == ".csv":
            subjects.extend(_manifest(source))
        elif source.exists():
            subjects.append(Subject(_checked(subject_id_of(source), str(source)), (source,)))
        else:
            raise InputError(f"{source}: no such file or folder")
    seen: set[str] = set()
    for subject in subjects:
        if subject.id in seen:
            raise InputError(f"subject {subject.id} appears twice; give it one manifest id per person")
        seen.add(subject.id)
    return subjects
