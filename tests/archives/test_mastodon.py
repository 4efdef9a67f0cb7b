"""The Mastodon reader: visibility from addressing, boosts left out, CW/poll/alt text, actor fields."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from detectors.engine import DetectionEngine
from samples.builders import mastodon as builder
from scanner.archives.detect import detect
from scanner.archives.mastodon import MastodonReader, visibility
from scanner.archives.run import ArchiveRun
from scanner.archives.trees.open import open_input
from scanner.models import Document, DocumentKind, Skipped, Visibility
from scanner.scan import run_scan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mastodon-archive.tar.gz"
FOLLOWERS = "https://mastodon.example/users/rowan/followers"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _items(path: Path) -> list[Document | Skipped]:
    tree = open_input(path)
    assert detect(tree).name == "mastodon"
    return list(MastodonReader().documents(tree))


@pytest.mark.parametrize(
    ("to", "cc", "expected"),
    [
        ([PUBLIC], [FOLLOWERS], Visibility.PUBLIC),
        (["as:Public"], [], Visibility.PUBLIC),
        ([FOLLOWERS], [PUBLIC], Visibility.UNLISTED),
        ([FOLLOWERS], [], Visibility.FOLLOWERS),
        (["https://other.example/users/jonas"], [], Visibility.DIRECT),
        (PUBLIC, None, Visibility.PUBLIC),
        (None, None, Visibility.DIRECT),
    ],
)
def test_visibility_from_addressing(to: object, cc: object, expected: Visibility) -> None:
    assert visibility(to, cc) is expected


def test_sample_statuses() -> None:
    items = _items(SAMPLE)
    documents = [item for item in items if isinstance(item, Document)]
    assert not [item for item in items if isinstance(item, Skipped)]
    statuses = [d for d in documents if d.kind in (DocumentKind.POST, DocumentKind.MESSAGE)]
    assert len(statuses) == 6, "five notes and a poll; the boost is someone else's text"
    assert [d.visibility for d in statuses] == [
        Visibility.PUBLIC,
        Visibility.UNLISTED,
        Visibility.FOLLOWERS,
        Visibility.DIRECT,
        Visibility.PUBLIC,
        Visibility.PUBLIC,
    ]
    assert statuses[3].kind is DocumentKind.MESSAGE
    assert statuses[0].text == "Knee surgery recovery day 30: walked all of Mount Tabor! Thanks @jonas"
    assert statuses[0].url == "https://mastodon.example/@rowan/112345678901"
    assert statuses[0].created_at is not None and statuses[0].created_at.tzinfo is not None
    assert statuses[4].text.splitlines() == [
        "diabetes, health",
        "Low blood sugar at work again, managers never get it",
        "My insulin pump and CGM on the desk at Fernwood Analytics",
    ], "content warning, text and image description"
    assert statuses[5].text == "Best park in Portland?\nMount Tabor\nForest Park"


def test_actor_bio_and_fields() -> None:
    documents = [item for item in _items(SAMPLE) if isinstance(item, Document)]
    profile = next(d for d in documents if d.kind is DocumentKind.PROFILE)
    assert profile.visibility is Visibility.PUBLIC and profile.url == "https://mastodon.example/@rowan"
    assert "T1D, she/they, Quaker" in profile.text and "Web: rowanhale.example.org" in profile.text
    assert {(v.entity, v.value) for v in profile.structured} == {
        ("USERNAME", "rowan"),
        ("URL", "https://old.example/users/rowanhale"),
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
    }


def test_a_truncated_outbox_keeps_what_was_read(tmp_path: Path) -> None:
    outbox = json.dumps(builder.outbox()).encode()
    cut = outbox[: outbox.index(b"Unlisted musing") + 40]
    target = tmp_path / "archive.tar.gz"
    with tarfile.open(target, "w:gz") as archive:
        for name, data in (("outbox.json", cut), ("actor.json", json.dumps(builder.actor()).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    items = _items(target)
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert len(skipped) == 1 and skipped[0].where.endswith("outbox.json")
    assert "broken JSON" in skipped[0].reason
    assert sum(1 for item in items if isinstance(item, Document) and item.kind is DocumentKind.POST) == 1


def test_planted_pii_found_end_to_end(engine: DetectionEngine) -> None:
    run = ArchiveRun()
    result = run_scan(run.items([SAMPLE]), engine=engine)
    assert run.readers[0]["reader"] == "mastodon"
    assert any(f.entity == "PHONE_NUMBER" and f.document.visibility == "direct" for f in result.findings)
    assert ("EMAIL_ADDRESS", "rowan.hale@example.org") in {(f.entity, f.value) for f in result.findings}
