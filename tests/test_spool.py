"""The findings spool: groups come back in order, as often as asked, and never readable on disk."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from scanner.models import Finding
from scanner.spool import FindingSpool
from tests.scoring_examples import make_finding

SECRET = "rowan.hale.secret@example.org"


def groups(count: int) -> list[list[Finding]]:
    return [[make_finding("EMAIL_ADDRESS", f"{i}.{SECRET}", document=f"d/{i}"),
             make_finding("PERSON", f"Person {i}", document=f"d/{i}")] for i in range(count)]


def test_small_scans_stay_in_memory_and_come_back_in_order() -> None:
    with FindingSpool() as spool:
        for group in [*groups(3), []]:
            spool.add(group)
        assert list(spool.documents()) == groups(3)
        assert len(spool) == 6
        assert [finding.value for finding in spool][:2] == [f"0.{SECRET}", "Person 0"]


def test_large_scans_spill_sealed_and_read_back_twice(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with FindingSpool(chunk_findings=10) as spool:
        for group in groups(25):
            spool.add(group)
        assert spool._file is not None
        spool._file.seek(0)
        spilled = spool._file.read()
        assert spilled and SECRET.encode() not in spilled and b"Person" not in spilled
        assert list(os.scandir(tmp_path)) == []  # an anonymous file: nothing left behind if killed
        assert list(spool.documents()) == groups(25)
        assert list(spool.documents()) == groups(25)
    assert spool._file is None
