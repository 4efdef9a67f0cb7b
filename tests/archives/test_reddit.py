"""The Reddit reader on the sample GDPR export (CRLF and LF files, IP logs, statistics)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from detectors.engine import DetectionEngine
from samples.builders import reddit as builder
from scanner.archives.detect import detect
from scanner.archives.reddit import RedditReader
from scanner.archives.run import ArchiveRun
from scanner.archives.trees.open import open_input
from scanner.models import Document, DocumentKind, Skipped, Visibility
from scanner.scan import run_scan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "reddit-export.zip"


def _items(path: Path) -> list[Document | Skipped]:
    tree = open_input(path)
    assert detect(tree).name == "reddit"
    return list(RedditReader().documents(tree))


def _documents(path: Path) -> list[Document]:
    items = _items(path)
    assert not [item for item in items if isinstance(item, Skipped)]
    return [item for item in items if isinstance(item, Document)]


def test_sample_posts_comments_and_messages() -> None:
    documents = _documents(SAMPLE)
    assert Counter(d.kind for d in documents) == {
        DocumentKind.POST: 1,
        DocumentKind.COMMENT: 2,
        DocumentKind.MESSAGE: 2,
        DocumentKind.ACCOUNT: 4,
    }
    post = next(d for d in documents if d.kind is DocumentKind.POST)
    assert post.created_at == datetime(2023, 4, 4, 4, 42, 19, tzinfo=UTC)
    assert post.url == "https://www.reddit.com/r/diabetes_t1/comments/1a2b3c/pump_site_tips/"
    assert post.visibility is Visibility.PUBLIC and post.metadata["subreddit"] == "diabetes_t1"
    assert "\r" not in post.text and "Pump site tips?\nDiagnosed at 19" in post.text
    assert [(v.entity, v.value) for v in post.structured] == [("IP_ADDRESS", "203.0.113.42")]
    chat = next(d for d in documents if "chat_history" in d.id)
    assert chat.visibility is Visibility.DIRECT and "ro.delacroix@example.com\nif the chat" in chat.text
    assert all(d.id.startswith("reddit-export.zip!") for d in documents)


def test_ip_logs_registration_row_and_statistics() -> None:
    documents = _documents(SAMPLE)
    ips = [(v.value, v.label) for d in documents if "ip_logs" in d.id for v in d.structured]
    assert ips == [("203.0.113.42", "ip_logs.registration_ip"), ("198.51.100.77", "ip_logs.ip")]
    statistics = next(d for d in documents if d.id.endswith("statistics.csv"))
    assert {(v.entity, v.value) for v in statistics.structured} == {
        ("USERNAME", "rowan_hale"),
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
    }
    assert statistics.created_at == datetime(2019, 2, 11, 8, tzinfo=UTC)


def test_a_broken_csv_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    members = builder.files()
    members["comments.csv"] = b'id,permalink,date,ip,subreddit,body\nx,y,z,,s,"unterminated \x00' + b"a" * 10
    folder = tmp_path / "reddit"
    for name, data in members.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    items = _items(folder)
    documents = [item for item in items if isinstance(item, Document)]
    assert any(d.kind is DocumentKind.POST for d in documents)
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert all(s.where.endswith("comments.csv") for s in skipped)


def test_planted_pii_found_end_to_end(engine: DetectionEngine) -> None:
    run = ArchiveRun()
    result = run_scan(run.items([SAMPLE]), engine=engine)
    assert run.readers[0]["reader"] == "reddit"
    found = {(f.entity, f.value) for f in result.findings}
    assert {
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("IP_ADDRESS", "203.0.113.42"),
        ("PHONE_NUMBER", "+15035550142"),
    } <= found
    assert any(f.entity == "EMAIL_ADDRESS" and f.value == "ro.delacroix@example.com" for f in result.findings)
    assert any(f.entity == "PHONE_NUMBER" and f.document.kind == "message" for f in result.findings)
