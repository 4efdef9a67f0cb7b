"""`exposure archive` end to end: a zip through the real engine to the JSON contract and the exit code."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from detectors.engine import DetectionEngine
from scanner.cli import app
from scanner.commands.archive import run_archive
from scanner.config import Settings
from scanner.policies import platform_signals
from scanner.record import ScanOptions

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def archive_json(engine: DetectionEngine, *paths: Path) -> tuple[int, dict[str, Any], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_archive(
        list(paths),
        "json",
        True,
        None,
        Settings(),
        1,
        Console(file=out, width=200),
        Console(file=err, width=200),
        ScanOptions(store=False),
        engine=engine,
    )
    return code, json.loads(out.getvalue()), err.getvalue()


@pytest.fixture(scope="module")
def twitter_run(engine: DetectionEngine) -> tuple[int, dict[str, Any], str]:
    return archive_json(engine, SAMPLES / "twitter-archive.zip")


def test_twitter_sample_documents_and_exit_code(twitter_run: tuple[int, dict[str, Any], str]) -> None:
    code, payload, err = twitter_run
    assert code == 0 and payload["skipped"] == []
    assert payload["documents"]["total"] == 22
    assert payload["documents"]["by_kind"] == {"account": 7, "activity": 4, "bio": 1, "comment": 1,
                                               "message": 2, "post": 7}
    assert payload["documents"]["by_year"]["2019"] == 3
    assert payload["archives"] == [{"input": "twitter-archive.zip", "reader": "twitter"}]
    assert "read twitter-archive.zip as twitter" in err and "documents by year" in err


def test_twitter_sample_planted_values_are_found(twitter_run: tuple[int, dict[str, Any], str]) -> None:
    _, payload, _ = twitter_run
    found = {(finding["entity"], finding["value"]) for finding in payload["findings"]}
    for expected in [
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("DATE_OF_BIRTH", "1988-03-14"),
        ("IP_ADDRESS", "203.0.113.42"),
        ("CREDIT_CARD", "4111 1111 1111 1111"),
        ("GEO_COORDINATES", "45.5118, -122.5941"),
    ]:
        assert expected in found
    entities = {entity for entity, _ in found}
    assert "PHONE_NUMBER" in entities and "MEDICAL_CONDITION" in entities


def test_findings_carry_time_visibility_and_permalink(twitter_run: tuple[int, dict[str, Any], str]) -> None:
    _, payload, _ = twitter_run
    by_document = {finding["document_id"]: finding for finding in payload["findings"]}
    card = next(f for f in payload["findings"] if f["entity"] == "CREDIT_CARD")
    assert card["visibility"] == "direct" and card["created_at"] == "2021-07-02T18:04:11+00:00"
    tweet = by_document["twitter-archive.zip!data/tweets.js#1130000000000000003"]
    assert tweet["url"] == "https://x.com/rowanhale/status/1130000000000000003"
    assert tweet["visibility"] == "public" and tweet["created_at"].endswith("+00:00")
    email = next(
        f for f in payload["findings"] if f["document_id"].endswith("account.js#1490000000000000001")
    )
    assert email["visibility"] == "private" and email["detector"] == "structured"


def test_several_inputs_and_a_broken_one_exit_3(engine: DetectionEngine, tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 this is not a zip")
    mixed = tmp_path / "mixed.zip"
    with zipfile.ZipFile(mixed, "w") as archive:
        archive.writestr("notes.txt", "My phone is 503-555-0142")
        archive.writestr("../escape.txt", "x")
    code, payload, err = archive_json(engine, SAMPLES / "bluesky-repo.car", broken, mixed)
    assert code == 3
    assert payload["documents"]["by_source"] == {"bluesky": 4, "files": 1}
    assert {skip["where"] for skip in payload["skipped"]} == {str(broken), "mixed.zip!../escape.txt"}
    assert "skipped mixed.zip!../escape.txt" in err


def test_cli_rejects_a_bad_format_and_documents_itself() -> None:
    runner = CliRunner()
    assert (
        runner.invoke(app, ["archive", "--format", "xml", str(SAMPLES / "bluesky-repo.car")]).exit_code == 2
    )
    result = runner.invoke(app, ["archive", "--help"])
    assert result.exit_code == 0 and "Platform exports" in result.output


def test_platform_policy_becomes_source_signals() -> None:
    [twitter] = platform_signals(["twitter", "files", "twitter"])
    assert twitter.key == "twitter" and twitter.platform_trains_by_default is True
    assert twitter.opt_out_url and twitter.notes
