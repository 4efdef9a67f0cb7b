"""`exposure archive` over every sample, then every command that reads the store, leaks no raw value.

The persona's values are planted in samples/*.zip, .car and .tar.gz. One archive run over all of
them (plus a small second run, so `diff` has two scans) fills the store; then `findings` in every
format, `score`, `diff`, `report --html` and `review` (answers on stdin) read it back. Every byte
written (stdout, stderr, the data directory with the database, its -wal/-shm files and the HMAC
key, the HTML report) is searched for each value and its normalised spellings. The control run
with --store-values / --show-values proves the search would see them, and where they may appear.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from detectors.engine import DetectionEngine
from tests.privacy_search import PERSONA, Run, leaks, not_private, read_back

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ARCHIVES = sorted(path for path in SAMPLES.iterdir() if path.name.endswith((".zip", ".car", ".tar.gz")))


def run_everything(base: Path, asked: bool) -> Run:
    """Archive every sample, then run each reading command; `asked` adds --store-values/--show-values."""
    home, out = base / "home", base / "out"
    out.mkdir(parents=True)
    run = Run(home, out / "report.html")
    scan_flags = ["--store-values", "--show-values"] if asked else []
    config = ["--config", str(SAMPLES / "exposure.toml")]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPOSURE_HOME", str(home))
        patch.delenv("EXPOSURE_DB", raising=False)
        patch.delenv("EXPOSURE_CONFIG", raising=False)
        run.invoke("archive", "archive", *map(str, ARCHIVES), "-f", "json", "--workers", "1", *config,
                   *scan_flags)
        run.invoke("archive table", "archive", str(SAMPLES / "reddit-export.zip"), "--workers", "1",
                   "--explain", "--limit", "0", *config, *scan_flags)
        read_back(run, config, asked)
    return run


@pytest.fixture(scope="module")
def masked(engine: DetectionEngine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    yield run_everything(tmp_path_factory.mktemp("masked"), asked=False)


@pytest.fixture(scope="module")
def shown(engine: DetectionEngine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    yield run_everything(tmp_path_factory.mktemp("shown"), asked=True)


def test_every_command_ran(masked: Run) -> None:
    assert masked.codes == {name: 0 for name in masked.codes}, masked.outputs
    report = json.loads(masked.outputs["archive"][: masked.outputs["archive"].rindex("}") + 1])
    read = {entry["input"] for entry in report["archives"]}
    assert {path.name for path in ARCHIVES} <= read
    assert "review:" in masked.outputs["review"] and "confirmed" in masked.outputs["review"]
    assert masked.report.stat().st_size > 1000


def test_no_raw_value_is_written_by_default(masked: Run) -> None:
    assert leaks([masked.home, masked.report], masked.outputs.values()) == []


def test_every_planted_value_is_found(shown: Run) -> None:
    """The control: with the switches, the same search finds every value the default run hid."""
    found = "\n".join(leaks([], [shown.outputs["archive"]]))
    missing = [value for entity, values in PERSONA.items() for value in values if repr(value) not in found]
    assert missing == [], f"the scan did not find (or the search would not see) {missing}"


def test_values_appear_only_where_asked(shown: Run) -> None:
    assert shown.codes == {name: 0 for name in shown.codes}, shown.outputs
    assert leaks([shown.home / "exposure.db"], []) != [], "--store-values kept nothing raw"
    assert leaks([shown.home / "hmac.key"], []) == []
    for name in ("findings json", "findings csv", "diff json", "review"):
        assert leaks([], [shown.outputs[name]]) != [], f"{name} --show-values showed nothing raw"
    assert leaks([shown.report], []) != []
    for name in ("score", "score json"):
        assert leaks([], [shown.outputs[name]]) == [], f"{name} has no --show-values, yet printed a value"


def test_reasons_and_snippets_never_hold_their_own_value(shown: Run) -> None:
    """Stored records (values kept on purpose here) say where each one is; the other fields must not."""
    records = json.loads(shown.outputs["findings json"][: shown.outputs["findings json"].rindex("}") + 1])
    for record in records["findings"]:
        value = record["value"]
        if len(value) < 4 or record["detector"] == "structured" or record["entity"] == "URL":
            continue  # a URL's host is shown on purpose: it is where the data is, like a locator
        for name in ("reason", "snippet", "value_redacted"):
            assert value.lower() not in str(record[name]).lower(), (record["entity"], name, record[name])


def test_written_files_are_private(masked: Run, shown: Run) -> None:
    assert not_private([masked.home, masked.report, shown.home, shown.report]) == []
