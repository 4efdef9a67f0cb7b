"""Packs: small subjects share a task and one detection stream, a split subject runs alone (packs.py,
stream.py), and each subject still scores as its own sequential `archive` run."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from detectors.engine import DetectionEngine
from scanner.batch.packs import REMAINING_SHARE, SMALLEST_SHARE, plan_packs
from scanner.batch.sources import subjects_from
from scanner.batch.stream import scan_pack
from scanner.batch.units import WorkUnit, plan_units, unit_items
from scanner.models import Document
from tests.batch.batch_runs import (
    SUBJECT_SAMPLES,
    archive_findings,
    assert_same,
    batch_findings,
    run_here,
    sample_folder,
)
from tests.batch.test_units import notes_zip


def _units(sizes: list[int], split: dict[int, int] | None = None) -> list[WorkUnit]:
    """Whole subjects of these sizes; `split` gives a subject (by index) that many member ranges."""
    units: list[WorkUnit] = []
    for index, size in enumerate(sizes):
        parts = (split or {}).get(index, 1)
        units += [WorkUnit(f"s{index}", (Path(f"s{index}.zip"),), size // parts, part, parts,
                           (part, part + 1) if parts > 1 else None) for part in range(parts)]
    return units


def test_consecutive_small_subjects_fill_packs_and_a_split_subject_is_a_pack_alone() -> None:
    packs = plan_packs(_units([3, 3, 3, 10, 3, 3, 3], split={3: 2}), slots=1, most=6)
    assert [[unit.subject for unit in pack.units] for pack in packs] == \
        [["s0", "s1"], ["s3", "s3"], ["s2", "s4"], ["s5"], ["s6"]]  # the last 6 bytes: half a pack each
    assert [pack.split for pack in packs] == [False, True, False, False, False]
    assert packs[0].key == "exposure-pack-s0-to-s1" and packs[1].key == "exposure-pack-s3"


def test_packs_shrink_towards_the_end_so_every_slot_gets_several_and_ends_together() -> None:
    units = _units([100] * 400)
    packs = plan_packs(units, slots=2)
    sizes = [pack.size for pack in packs]
    assert sum(sizes) == 40_000 and [len(pack.units) for pack in packs].count(0) == 0
    assert sizes[0] == 40_000 // (2 * REMAINING_SHARE)  # a quarter of the batch per slot to begin with
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] < sizes[0] // 4
    assert min(sizes[:-1]) >= 40_000 // (2 * SMALLEST_SHARE)  # no crumbs (the last takes what is left)
    assert 2 * 2 <= len(packs) <= 2 * SMALLEST_SHARE
    assert {pack.size for pack in plan_packs(units, slots=2, most=300)} == {300, 100}  # 133 x 300, then 100
    assert len(plan_packs(_units([100] * 3), slots=8)) == 3  # fewer subjects than slots: one pack each


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = sample_folder(tmp_path_factory.mktemp("exports"))
    notes_zip(folder / "notes.zip", count=8)  # a reading skip too, counted for its own subject
    return folder


def test_subjects_sharing_one_stream_each_equal_their_sequential_archive_run(
        folder: Path, tmp_path: Path, engine: DetectionEngine) -> None:
    report = run_here([folder], tmp_path / "b.db", pack_bytes=1 << 30)  # every subject in one pack
    assert report.written == len(SUBJECT_SAMPLES) + 1
    assert [subject for subject, _ in report.skipped] == ["notes"]
    for path in sorted(folder.iterdir()):
        subject = path.name.split(".")[0]
        assert_same(batch_findings(tmp_path / "b.db", subject), archive_findings(engine, path))


def test_a_pack_returns_each_subject_scored_and_sealed(folder: Path, engine: DetectionEngine) -> None:
    units = tuple(unit for subject in subjects_from([folder]) for unit in plan_units(subject))
    results = scan_pack(units, engine, b"k" * 32)
    assert [result.subject for result in results] == [unit.subject for unit in units]
    assert all(result.documents and result.records for result in results)
    notes = next(result for result in results if result.subject == "notes")
    assert [skip.where for skip in notes.skipped] == ["notes.zip!../outside.txt"]
    texts = [item.text for unit in units for item in unit_items(unit)
             if isinstance(item, Document) and len(item.text) > 60]
    travels = pickle.dumps(results)
    assert texts and not [text for text in texts if text.encode() in travels]
    assert b"503-555-0142" not in travels  # a raw value (the notes' phone number) stays on the worker
    assert scan_pack((WorkUnit("empty", (), 0),), engine, b"k" * 32)[0].documents == 0  # nothing read
