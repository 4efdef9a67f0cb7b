"""The LinkedIn reader on the sample and on 2018-style files (UTF-16LE tab files, HTML entities)."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from samples.builders import linkedin as builder
from scanner.archives.detect import detect
from scanner.archives.formats.csvrows import rows
from scanner.archives.linkedin import LinkedInReader, repair_commentary
from scanner.archives.run import ArchiveRun
from scanner.archives.trees.open import open_input
from scanner.errors import InputError
from scanner.models import Document, DocumentKind, Skipped, Visibility
from scanner.scan import run_scan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "linkedin-export.zip"


def _documents(path: Path) -> list[Document]:
    tree = open_input(path)
    assert detect(tree).name == "linkedin"
    items = list(LinkedInReader().documents(tree))
    assert not [item for item in items if isinstance(item, Skipped)]
    return [item for item in items if isinstance(item, Document)]


def _write(folder: Path, members: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in members.items():
        (folder / path).write_bytes(data)
    return folder


def test_sample_kinds_visibility_and_links() -> None:
    documents = _documents(SAMPLE)
    kinds = Counter(document.kind for document in documents)
    assert kinds == {
        DocumentKind.POST: 2,
        DocumentKind.COMMENT: 1,
        DocumentKind.MESSAGE: 2,
        DocumentKind.PROFILE: 1,
        DocumentKind.ACCOUNT: 8,
        DocumentKind.SEARCH: 1,
    }
    shares = {d.text: d for d in documents if d.kind is DocumentKind.POST}
    union = shares["Proud of my union local today.\n\nSolidarity from Portland!"]
    assert (
        union.visibility is Visibility.FOLLOWERS
        and union.url
        and union.url.startswith("https://www.linkedin")
    )
    assert shares["We are hiring data engineers at Fernwood Analytics"].visibility is Visibility.PUBLIC
    messages = [d for d in documents if d.kind is DocumentKind.MESSAGE]
    assert all(d.visibility is Visibility.DIRECT and d.created_at and d.created_at.tzinfo for d in messages)
    assert "My cell: +1 503-555-0142" in messages[1].text, "multi-line quoted content kept whole"


def test_stated_values_profile_connections_and_logins() -> None:
    documents = _documents(SAMPLE)
    stated = {(v.entity, v.value, v.label) for d in documents for v in d.structured}
    assert {
        ("DATE_OF_BIRTH", "Mar 14, 1988", "profile.birth_date"),
        ("STREET_ADDRESS", "1427 Alder Street, Portland, OR 97205", "profile.address"),
        ("PERSON", "Delacroix", "profile.maiden_name"),
        ("URL", "https://rowanhale.example.org", "profile.websites"),
        ("EMAIL_ADDRESS", "ro.delacroix@example.com", "email_addresses.Email Address"),
        ("PHONE_NUMBER", "+1 503-555-0142", "phone_numbers.Number"),
        ("IP_ADDRESS", "203.0.113.42", "registration.Registration Ip"),
        ("EMAIL_ADDRESS", "jonas.berg@example.com", "connections.email_address"),
    } <= stated
    logins = [d for d in documents if d.id.startswith("linkedin-export.zip!Logins.csv")]
    assert [v.value for d in logins for v in d.structured] == ["203.0.113.42", "198.51.100.23"], (
        "UTF-16LE tab-separated, one document per distinct IP"
    )
    connections = next(d for d in documents if d.id.endswith("Connections.csv"))
    assert connections.metadata["connections"] == "2", "the Notes: preamble is not a connection"


def test_2018_export_names_encodings_and_entities(tmp_path: Path) -> None:
    shares = (
        '"Date"\t"ShareLink"\t"ShareCommentary"\t"SharedUrl"\t"MediaUrl"\r\n'
        '"2018-01-05 10:00:00"\t"https://www.linkedin.com/feed/update/urn:li:activity:1"\t'
        '"Back at work after my knee surgery"\t""\t""\r\n'
    )
    folder = _write(
        tmp_path / "Basic_LinkedInDataExport_01-08-2018",
        {
            "Profile.csv": builder.PROFILE.encode(),
            "Messages.csv": builder.MESSAGES_2018.encode(),
            "Phone Numbers.csv": b"Extension,Number,Type\n,+1 503-555-0142,Mobile\n",
            "Shares.csv": shares.encode("utf-16"),
            "Connections.csv": b"Notes:,,,,,,\n"
            b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
            b'Jonas,Berg,,Cedar Labs,Designer,"1/8/18, 6:14 PM"\n',
        },
    )
    documents = _documents(folder)
    message = next(d for d in documents if d.kind is DocumentKind.MESSAGE)
    assert message.text == "Hello\nI’d love to chat about Fernwood & you."
    assert message.created_at is not None and message.created_at.year == 2018
    post = next(d for d in documents if d.kind is DocumentKind.POST)
    assert post.text == "Back at work after my knee surgery"
    assert any(v.entity == "PHONE_NUMBER" for d in documents for v in d.structured)
    assert next(d for d in documents if d.id.endswith("Connections.csv")).metadata["connections"] == "1"


def test_share_commentary_repair() -> None:
    quoted = 'first line"\n""\n"second line"\n"third line'
    assert repair_commentary(quoted) == "first line\n\nsecond line\nthird line"
    assert repair_commentary("plain") == "plain"


@given(st.text())
def test_share_commentary_repair_never_raises(text: str) -> None:
    assert isinstance(repair_commentary(text), str)


@given(st.binary(max_size=400))
def test_csv_rows_raise_only_our_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("csv")
    (folder / "x.csv").write_bytes(data)
    tree = open_input(folder)
    with contextlib.suppress(InputError):
        list(rows(tree, "x.csv"))


def test_planted_pii_found_end_to_end(engine: DetectionEngine) -> None:
    run = ArchiveRun()
    result = run_scan(run.items([SAMPLE]), engine=engine)
    assert run.readers[0]["reader"] == "linkedin"
    found = {(f.entity, f.value) for f in result.findings}
    assert {
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("IP_ADDRESS", "203.0.113.42"),
        ("DATE_OF_BIRTH", "Mar 14, 1988"),
    } <= found
    assert any(
        f.entity == "EMAIL_ADDRESS" and f.detector != "structured" and f.document.kind == "profile"
        for f in result.findings
    ), "the email in the summary is found in text"
