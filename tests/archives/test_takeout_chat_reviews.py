"""Takeout Google Chat messages (direct) and Maps reviews (public, both key spellings)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from samples.builders import takeout as builder
from samples.builders import write_zip
from scanner.archives.takeout import TakeoutReader
from scanner.archives.trees.open import open_input
from scanner.models import Document, DocumentKind, Skipped, Visibility

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "takeout.zip"


def _read(tmp_path: Path, members: dict[str, str]) -> list[Document | Skipped]:
    target = write_zip(tmp_path / "takeout.zip", {f"Takeout/{p}": d.encode() for p, d in members.items()})
    return list(TakeoutReader().documents(open_input(target)))


def _sample(member: str) -> list[Document]:
    items = list(TakeoutReader().documents(open_input(SAMPLE)))
    return [item for item in items if isinstance(item, Document) and member in item.id]


def test_chat_messages_direct_with_their_printed_times() -> None:
    messages = _sample("Google Chat/")
    assert len(messages) == 2, "the attachment-only message has no text; group_info.json is not messages"
    first, second = messages
    assert first.kind is DocumentKind.MESSAGE and first.visibility is Visibility.DIRECT
    assert first.text == "Can you pick up Maisie? My new number is +1 503-555-0142"
    assert first.created_at == datetime(2024, 11, 4, 15, 15, 22, tzinfo=UTC)
    assert first.metadata == {"product": "Google Chat", "thread": "DM 8ZrRGQAAAAE"}
    assert first.id.endswith("messages.json#DM1/t1/m1") and second.id.endswith("#DM1/t2/m2")


def test_reviews_public_in_both_key_spellings_without_the_business_address() -> None:
    new = _sample("Reviews.json")
    old = _sample("Bewertungen.json")
    assert len(new) == 1, "a rating without text is not a document"
    (clinic,), (physio,) = new, old
    for review in (clinic, physio):
        assert review.kind is DocumentKind.COMMENT and review.visibility is Visibility.PUBLIC
        assert review.structured == (), "the reviewed place's address and coordinates are not the reviewer's"
        assert "Everett" not in review.text and "Division" not in review.text
    assert clinic.text.startswith("They set up my insulin pump") and clinic.url == "http://maps.google.com/?cid=1111"
    assert clinic.created_at == datetime(2024, 7, 2, 18, 20, 31, 412000, tzinfo=UTC)
    assert clinic.metadata == {"product": "Maps", "place": "Riverside Diabetes Clinic", "rating": "5"}
    assert physio.metadata["place"] == "Mount Tabor Physio", "older key spelling"
    assert physio.created_at == datetime(2023, 10, 1, 9, tzinfo=UTC)
    assert not _sample("Saved Places.json"), "saved places share the shape but are not reviews"


def test_broken_chat_and_reviews_are_one_skipped_each_and_the_rest_is_read(tmp_path: Path) -> None:
    chat = json.dumps(builder._chat())
    reviews = json.dumps(builder._reviews_new())
    items = _read(
        tmp_path,
        {
            "Google Chat/Groups/DM a/messages.json": chat[: chat.index('"Sure')],
            "Google Chat/Groups/DM b/messages.json": chat,
            "Maps (your places)/Reviews.json": reviews[: len(reviews) - 20],
            "Maps (Meine Orte)/Bewertungen.json": json.dumps(builder._reviews_old()),
        },
    )
    skipped = sorted(item.where.rsplit("!", 1)[-1] for item in items if isinstance(item, Skipped))
    assert skipped == [
        "Takeout/Google Chat/Groups/DM a/messages.json",
        "Takeout/Maps (your places)/Reviews.json",
    ]
    documents = [item for item in items if isinstance(item, Document)]
    assert len([d for d in documents if "DM a/" in d.id]) == 1, "the message before the break is kept"
    assert len([d for d in documents if "DM b/" in d.id]) == 2
    assert len([d for d in documents if "Reviews.json" in d.id]) == 1
    assert len([d for d in documents if "Bewertungen.json" in d.id]) == 1


def test_odd_chat_records_never_crash(tmp_path: Path) -> None:
    odd = {"messages": [
        {"creator": {"name": "X"}, "created_date": 5, "text": "numeric date"},
        {"creator": None, "created_date": "yesterday", "text": "unparsed date", "message_id": 7},
        {"creator": {}, "text": ["not", "text"]},
        "a string",
        {"creator": {}, "text": "same id", "message_id": "m"},
        {"creator": {}, "text": "same id again", "message_id": "m"},
    ]}
    items = _read(tmp_path, {"Google Chat/Groups/Space x/messages.json": json.dumps(odd)})
    documents = [item for item in items if isinstance(item, Document)]
    assert [d.text for d in documents] == ["numeric date", "unparsed date", "same id", "same id again"]
    assert all(d.created_at is None for d in documents)
    assert len({d.id for d in documents}) == 4
