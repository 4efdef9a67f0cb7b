"""Work units: large generic exports cut into member ranges that read what the whole does (units.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from detectors.engine import DetectionEngine
from samples.builders import write_zip
from scanner.batch.sources import Subject
from scanner.batch.units import plan_units, unit_items
from scanner.models import Document, Skipped
from tests.batch.batch_runs import SAMPLES, archive_findings, assert_same, batch_findings, run_here

LINES = ("Call me at 503-555-0142 after six.", "I was diagnosed with type 2 diabetes last spring.",
         "Ruth Hale lives at 12 Elm Street, Portland, OR 97205.", "My email is ruth.hale@example.org.")


def notes_zip(path: Path, count: int = 12, unsafe: bool = True) -> Path:
    """A folder-of-notes export (the generic reader), plus one unsafe member refused while listing."""
    members = {f"notes/{number:03}.txt": f"Note {number}. {LINES[number % len(LINES)]}\n".encode() * 40
               for number in range(count)}
    write_zip(path, members)
    if unsafe:
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("../outside.txt", "refused")
    return path


def test_a_large_generic_export_becomes_balanced_member_ranges(tmp_path: Path) -> None:
    archive = notes_zip(tmp_path / "p1.zip")
    units = plan_units(Subject("p1", (archive,)), split_bytes=archive.stat().st_size // 3 + 1)
    assert [(unit.part, unit.parts) for unit in units] == [(0, 3), (1, 3), (2, 3)]
    bounds = [unit.members for unit in units]
    assert bounds == [(0, 5), (5, 10), (10, 12)]  # contiguous, all 12 members, about equal bytes
    assert {unit.reader for unit in units} == {"generic"}
    assert abs(sum(unit.size for unit in units) - archive.stat().st_size) <= 2
    assert len({unit.key for unit in units}) == 3


def test_ranges_read_what_the_whole_reads_and_report_listing_skips_once(tmp_path: Path) -> None:
    archive = notes_zip(tmp_path / "p1.zip")
    [whole] = plan_units(Subject("p1", (archive,)))
    ranges = plan_units(Subject("p1", (archive,)), split_bytes=archive.stat().st_size // 4 + 1)

    def read(units: list) -> tuple[list[str], list[Skipped]]:
        items = [item for unit in units for item in unit_items(unit)]
        return ([item.id for item in items if isinstance(item, Document)],
                [item for item in items if isinstance(item, Skipped)])

    assert len(ranges) == 4 and read(ranges) == read([whole])
    assert len(read(ranges)[1]) == 1


def test_exports_whose_reader_joins_members_are_not_cut(tmp_path: Path) -> None:
    units = plan_units(Subject("p2", (SAMPLES / "twitter-archive.zip",)), split_bytes=100)
    assert [(unit.parts, unit.members) for unit in units] == [(1, None)]


def test_a_split_subject_scores_as_its_sequential_archive_run(tmp_path: Path,
                                                              engine: DetectionEngine) -> None:
    archive = notes_zip(tmp_path / "in" / "p1.zip")
    run_here([archive], tmp_path / "b.db", split_bytes=archive.stat().st_size // 3 + 1)
    assert_same(batch_findings(tmp_path / "b.db", "p1"), archive_findings(engine, archive))
