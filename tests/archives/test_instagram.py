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


USER_AGENT = ("Instagram 123.0.0.21.114 Android (28/9; 420dpi; 1080x2220; samsung; SM-G960F; starlte; "
              "samsungexynos9810; en_US; 185203693)")


def test_devices_are_technical_and_ad_interests_are_metas_inferences(tmp_path: Path) -> None:
    """A user agent's build numbers, app versions and locale reach no detector (they came out as passports,
    IP addresses and a person); ad interests are Meta's inferences."""
    from samples.builders.facebook import meta_json

    members = builder.files("2024", "")
    members["personal_information/device_information/devices.json"] = meta_json({"devices_devices": [
        {"string_map_data": {"User Agent": {"value": USER_AGENT},
                             "Device ID": {"value": "android-5c6d7e8f9a0b"},
                             "App Version": {"value": "123.0.0.21"}, "Locale": {"value": "en_US"},
                             "Last Login": {"timestamp": 1717200000}}}]})
    members["ads_information/instagram_ads_and_businesses/ads_interests.json"] = meta_json({
        "inferred_data_ig_interest": [{"string_map_data": {"Interest": {"value": "Type 1 diabetes"}}},
                                      {"string_map_data": {"Interest": {"value": "Labor unions"}}}]})
    documents = _documents(_write(tmp_path, members))
    assert not [d for d in documents if "devices.json" in d.id]
    (interests,) = [d for d in documents if "ads_interests.json" in d.id]
    assert interests.kind == DocumentKind.INFERENCE and interests.text == "Type 1 diabetes\nLabor unions"


def test_a_message_someone_else_sent_is_their_data(tmp_path: Path) -> None:
    """The account's username is the owner's `sender_name`; the friend's message is received."""
    thread = builder._thread()
    thread["messages"].append({"sender_name": "jonas.berg", "timestamp_ms": 1_700_000_000_000,
                               "content": "see you at the clinic"})
    members = builder.files()
    path = next(path for path in members if path.endswith("message_1.json"))
    members[path] = builder.meta_json(thread)
    documents = _documents(_write(tmp_path / "export", members))
    marks = {d.text[:3]: d.metadata.get("third_party") for d in documents if d.kind is DocumentKind.MESSAGE}
    assert marks == {"my ": None, "see": "message received"}
