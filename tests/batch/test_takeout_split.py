"""A large Google Takeout cut in member ranges and mailbox spans reads and scores as the whole (units.py)."""

from __future__ import annotations

import io
import itertools
import re
import tarfile
from pathlib import Path

import pytest

from detectors.engine import DetectionEngine
from samples.builders.takeout import files
from scanner.archives.trees.open import open_input
from scanner.batch.sources import Subject
from scanner.batch.units import WorkUnit, plan_units, unit_items
from scanner.models import Document, Skipped
from tests.batch.batch_runs import archive_findings, assert_same, batch_findings, run_here
from tests.batch.takeout_mail import MAILBOX, mailbox, takeout_zip

Read = tuple[list[tuple[str, str, list[tuple[str, str]]]], list[Skipped]]


def read(units: list[WorkUnit]) -> Read:
    """Every document (id, text, metadata), sorted, and every skip in order, of the units together."""
    items = [item for unit in units for item in unit_items(unit)]
    documents = sorted((item.id, item.text, sorted(item.metadata.items()))
                       for item in items if isinstance(item, Document))
    return documents, [item for item in items if isinstance(item, Skipped)]


def whole(archive: Path) -> WorkUnit:
    [unit] = plan_units(Subject("p1", (archive,)))
    return unit


def cut_at(archive: Path, members: int, cut: int, offset: int | None = None) -> list[WorkUnit]:
    """Two parts of a Takeout: cut at member `cut`, or (given `offset`) its mailbox member `cut` cut there."""
    if offset is None:
        bounds, spans = ((0, cut), (cut, members)), (None, None)
    else:
        bounds, spans = ((cut, cut + 1), (cut, cut + 1)), ((0, offset), (offset, None))
    return [WorkUnit("p1", (archive,), 1, part, 2, bounds[part], "google", spans[part]) for part in (0, 1)]


def test_every_member_cut_reads_what_the_whole_takeout_reads(tmp_path: Path) -> None:
    archive = takeout_zip(tmp_path / "p1.zip", messages=12)
    paths = open_input(archive).paths()
    twin = paths.index("Takeout/Keep/Pump supplies.json")
    assert paths[twin - 1] == "Takeout/Keep/Pump supplies.html" and "Takeout/Keep/Therapy.html" in paths
    expected = read([whole(archive)])
    ids = [document_id for document_id, _, _ in expected[0]]
    assert len(ids) == len(set(ids)) and any(document_id.endswith("Therapy.html") for document_id in ids)
    for cut in range(1, len(paths)):  # among them the cut between the Keep note's HTML and its JSON twin
        assert read(cut_at(archive, len(paths), cut)) == expected, f"cut at member {cut}"


def test_every_mailbox_cut_reads_its_messages_once_as_the_whole_does(tmp_path: Path) -> None:
    archive = takeout_zip(tmp_path / "p1.zip", messages=40)
    paths = open_input(archive).paths()
    index, size = paths.index(MAILBOX), len(mailbox(40))
    expected = read([WorkUnit("p1", (archive,), 1, 0, 1, (index, index + 1), "google")])
    mail = [document for document in read([whole(archive)])[0] if "!" + MAILBOX in document[0]]
    assert expected == (mail, [])
    assert len(mail) > 20 and any(("third_party", "mail received") in metadata for _, _, metadata in mail)
    assert any(not document_id.split("#")[-1].startswith("0") and len(document_id.split("#")[-1]) < 3
               for document_id, _, _ in mail)  # some messages have no Message-ID: named by their index
    separators = [match.start() for match in re.finditer(rb"^From 18", mailbox(40), re.MULTILINE)][:12]
    for offset in sorted({0, size // 3, size, *(at + step for at in separators for step in (-1, 0, 1, 9))}):
        parts = cut_at(archive, len(paths), index, offset)
        assert read(parts) == expected, f"mailbox cut at byte {offset}"


def test_a_large_takeout_plans_member_ranges_and_balanced_mailbox_spans(tmp_path: Path) -> None:
    archive = takeout_zip(tmp_path / "p1.zip", messages=400, padding=200)
    paths = open_input(archive).paths()
    units = plan_units(Subject("p1", (archive,)), split_bytes=archive.stat().st_size // 6 + 1)
    spans = [unit for unit in units if unit.span is not None]
    box = paths.index(MAILBOX)
    assert len(spans) >= 4 and {unit.members for unit in spans} == {(box, box + 1)}
    assert spans[0].span is not None and spans[0].span[0] == 0 and spans[-1].span == (spans[-1].span[0], None)
    assert all(a.span and b.span and a.span[1] == b.span[0] for a, b in itertools.pairwise(spans))
    sizes = [unit.size for unit in spans]
    assert max(sizes) - min(sizes) <= 1  # equal shares of the mailbox
    ranges = [unit.members for unit in units if unit.span is None]
    covered = sorted(member for bounds in ranges if bounds for member in range(*bounds))
    assert covered == [member for member in range(len(paths)) if member != box]
    assert [(unit.part, unit.parts) for unit in units] == [(part, len(units)) for part in range(len(units))]
    assert len({unit.key for unit in units}) == len(units)
    assert abs(sum(unit.size for unit in units) - archive.stat().st_size) <= len(units)
    assert read(units) == read([whole(archive)])


def test_a_split_takeout_scores_as_its_sequential_archive_run(tmp_path: Path,
                                                              engine: DetectionEngine) -> None:
    archive = takeout_zip(tmp_path / "in" / "p1.zip", messages=60)
    split = archive.stat().st_size // 5 + 1
    assert len([unit for unit in plan_units(Subject("p1", (archive,)), split) if unit.span]) >= 2
    report = run_here([archive], tmp_path / "b.db", split_bytes=split)
    assert report.written == 1 and not report.incomplete and not report.skipped
    assert_same(batch_findings(tmp_path / "b.db", "p1"), archive_findings(engine, archive))


@pytest.fixture
def truncated_tgz(tmp_path: Path) -> Path:
    """A Takeout .tar.gz whose download stopped inside the mailbox, its last member."""
    members = {name: data for name, data in files().items() if not name.endswith(".mbox")}
    members[MAILBOX] = mailbox(300, padding=300)
    full = io.BytesIO()
    with tarfile.open(fileobj=full, mode="w:gz") as tar:
        for name in [*sorted(set(members) - {MAILBOX}), MAILBOX]:
            info = tarfile.TarInfo(name)
            info.size = len(members[name])
            tar.addfile(info, io.BytesIO(members[name]))
    path = tmp_path / "in" / "p1.tar.gz"
    path.parent.mkdir()
    path.write_bytes(full.getvalue()[: len(full.getvalue()) * 7 // 10])
    return path


def test_a_truncated_takeout_that_is_split_is_one_skip_per_broken_thing(truncated_tgz: Path,
                                                                       tmp_path: Path) -> None:
    split = truncated_tgz.stat().st_size // 4 + 1
    units = plan_units(Subject("p1", (truncated_tgz,)), split)
    assert len([unit for unit in units if unit.span]) >= 2  # spans after the break leave it to the first
    expected = read([whole(truncated_tgz)])
    assert read(units) == expected and len(expected[1]) == 2  # the listing's cut tail, the mailbox's
    report = run_here([truncated_tgz], tmp_path / "b.db", split_bytes=split)
    assert report.written == 1 and not report.incomplete
    assert [skip for _, skip in report.skipped] == expected[1]


def test_a_truncated_takeout_zip_that_is_split_is_one_skip_line(tmp_path: Path) -> None:
    full = takeout_zip(tmp_path / "full.zip", messages=200, padding=300).read_bytes()
    archive = tmp_path / "in" / "p1.zip"
    archive.parent.mkdir()
    archive.write_bytes(full[: len(full) * 9 // 10])  # no central directory: members salvaged
    split = archive.stat().st_size // 4 + 1
    units = plan_units(Subject("p1", (archive,)), split)
    assert len(units) >= 3 and any(unit.span for unit in units)
    report = run_here([archive], tmp_path / "b.db", split_bytes=split)
    assert report.written == 1 and not report.incomplete
    [(subject, skip)] = report.skipped
    assert subject == "p1" and skip.where == "p1.zip" and "truncated" in skip.reason
    assert read(units) == read([whole(archive)])
