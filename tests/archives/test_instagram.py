"""The Instagram reader on the sample (2022 layout), the 2024 layout and the HTML variant."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from detectors.engine import DetectionEngine
from samples.builders import instagram as builder
from scanner.archives.detect import detect
from scanner.archives.meta.instagram import InstagramReader
from scanner.archives.run import ArchiveRun
from scanner.archives.trees.open import open_input
from scanner.models import Document, DocumentKind, Skipped, Visibility
from scanner.scan import run_scan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "instagram-export.zip"


def _documents(path: Path) -> list[Document]:
    tree = open_input(path)
    assert detect(tree).name == "instagram"
    items = list(InstagramReader().documents(tree))
    assert not [item for item in items if isinstance(item, Skipped)]
    return [item for item in items if isinstance(item, Document)]


def _write(folder: Path, members: dict[str, bytes]) -> Path:
    for path, data in members.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    return folder


def test_sample_captions_comments_messages_and_profile() -> None:
    documents = _documents(SAMPLE)
    kinds = Counter(document.kind for document in documents)
    assert kinds == {
        DocumentKind.POST: 2,
        DocumentKind.COMMENT: 1,
        DocumentKind.MESSAGE: 1,
        DocumentKind.PROFILE: 1,
        DocumentKind.ACCOUNT: 3,
        DocumentKind.ACTIVITY: 1,
        DocumentKind.MEDIA: 1,
    }
    posts = [d for d in documents if d.kind is DocumentKind.POST]
    assert posts[0].text == "Mount Tabor sunset with Maisie 🌅 #portland", "caption in media[].title"
    assert posts[1].text.startswith("Three years with my pump"), "carousel caption in the top-level title"
    assert "café au lait" in posts[1].text, "mojibake repaired"
    assert all(d.created_at and d.created_at.tzinfo for d in posts)
    assert {v.value for v in posts[0].structured} == {"45.5118, -122.5941"}


def test_personal_information_and_logins_by_shape() -> None:
    documents = _documents(SAMPLE)
    profile = next(d for d in documents if d.kind is DocumentKind.PROFILE)
    assert {(v.entity, v.value) for v in profile.structured} == {
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("PHONE_NUMBER", "+15035550142"),
        ("PERSON", "Rowan Delacroix-Hale"),
        ("DATE_OF_BIRTH", "1988-03-14"),
    }
    assert "Bio: Data engineer @ Fernwood" in profile.text
    logins = [d for d in documents if "login_activity" in d.id]
    assert len(logins) == 1 and logins[0].visibility is Visibility.PRIVATE
    assert logins[0].created_at is not None, "the record title holds the login time"


def test_synced_contacts_are_third_party() -> None:
    contact = next(d for d in _documents(SAMPLE) if "synced_contacts" in d.id)
    assert contact.metadata["third_party"] == "synced contact"
    assert contact.visibility is Visibility.PRIVATE and contact.text == ""
    assert {(v.entity, v.value) for v in contact.structured} == {
        ("PHONE_NUMBER", "+15035550199"),
        ("PERSON", "Jonas Berg"),
    }


def test_2024_layout(tmp_path: Path) -> None:
    documents = _documents(_write(tmp_path / "ig", builder.files(layout="2024")))
    kinds = Counter(document.kind for document in documents)
    assert (kinds[DocumentKind.POST], kinds[DocumentKind.COMMENT], kinds[DocumentKind.MESSAGE]) == (2, 1, 1)
    comment = next(d for d in documents if d.kind is DocumentKind.COMMENT)
    assert comment.text == "so proud of you Jonas ❤️" and comment.metadata["media_owner"] == "jonas.berg"


def test_html_variant_is_read_as_page_text(tmp_path: Path) -> None:
    documents = _documents(_write(tmp_path / "ig", builder.files(layout="html")))
    assert {d.kind for d in documents} == {DocumentKind.POST, DocumentKind.PROFILE}
    assert any("rowan.hale@example.org" in d.text for d in documents)
    assert not any(d.id.endswith("index.html") for d in documents)


def test_planted_pii_found_end_to_end(engine: DetectionEngine) -> None:
    run = ArchiveRun()
    result = run_scan(run.items([SAMPLE]), engine=engine)
    assert run.readers[0]["reader"] == "instagram"
    found = {(f.entity, f.value) for f in result.findings}
    assert {
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("GEO_COORDINATES", "45.5118, -122.5941"),
        ("IP_ADDRESS", "203.0.113.42"),
    } <= found
    assert any(f.entity == "PHONE_NUMBER" and f.document.kind == "message" for f in result.findings)
