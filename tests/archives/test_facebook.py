"""The Facebook DYI reader on the sample, the 2023+ layout, broken members and Meta's mojibake."""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from samples.builders import facebook as builder
from scanner.archives.detect import detect
from scanner.archives.formats.jsonstream import elements
from scanner.archives.meta.facebook import FacebookReader
from scanner.archives.meta.text import repair, repaired
from scanner.archives.run import ArchiveRun
from scanner.archives.trees.open import open_input
from scanner.errors import InputError
from scanner.models import Document, DocumentKind, Skipped, Visibility
from scanner.scan import run_scan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "facebook-export.zip"


def _write(folder: Path, members: dict[str, bytes]) -> Path:
    for path, data in members.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def _read(path: Path) -> list[Document | Skipped]:
    tree = open_input(path)
    assert detect(tree).name == "facebook"
    return list(FacebookReader().documents(tree))


def _documents(items: list[Document | Skipped]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def _structured(documents: list[Document]) -> set[tuple[str, str]]:
    return {(value.entity, value.value) for document in documents for value in document.structured}


def test_sample_documents_kinds_times_and_visibility() -> None:
    items = _read(SAMPLE)
    documents = _documents(items)
    assert not [item for item in items if isinstance(item, Skipped)]
    kinds = Counter(document.kind for document in documents)
    assert kinds == {
        DocumentKind.POST: 3,
        DocumentKind.COMMENT: 2,
        DocumentKind.MESSAGE: 3,
        DocumentKind.PROFILE: 1,
        DocumentKind.ACCOUNT: 3,
        DocumentKind.MEDIA: 1,
    }
    assert all(d.created_at is None or d.created_at.tzinfo is not None for d in documents)
    assert {d.visibility for d in documents if d.kind is DocumentKind.MESSAGE} == {Visibility.DIRECT}
    assert all(d.source == "facebook" for d in documents)
    assert documents[0].id.startswith("facebook-export.zip!facebook-rowanhale-2024-06-02/")


def test_mojibake_is_repaired_in_text_and_names() -> None:
    documents = _documents(_read(SAMPLE))
    texts = "\n".join(document.text for document in documents)
    assert "Café breakfast with Jonas first ☕ 👏" in texts
    assert "Tjek 👏 tænkt på dig" in texts
    assert ("PERSON", "Søren Ødegaard") in _structured(documents)


def test_profile_logins_places_and_photo_are_stated_values() -> None:
    documents = _documents(_read(SAMPLE))
    stated = _structured(documents)
    assert {
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("EMAIL_ADDRESS", "ro.delacroix@example.com"),
        ("PHONE_NUMBER", "+1 503-555-0142"),
        ("DATE_OF_BIRTH", "1988-03-14"),
        ("LOCATION", "Portland, Oregon"),
        ("FAMILY_MEMBER", "Maisie Hale"),
        ("PERSON", "Rowan Delacroix"),
        ("IP_ADDRESS", "203.0.113.42"),
        ("IP_ADDRESS", "198.51.100.7"),
        ("GEO_COORDINATES", "45.5118, -122.5941"),
        ("STREET_ADDRESS", "SE 60th Ave & Salmon St, Portland, OR 97215"),
    } <= stated
    logins = [d for d in documents if "account_activity" in d.id]
    assert len(logins) == 2, "a repeated login IP is reported once"
    photo = next(d for d in documents if d.kind is DocumentKind.MEDIA)
    assert photo.id.endswith("pump.jpg") and photo.created_at is not None


def test_2023_layout_with_localised_label_values(tmp_path: Path) -> None:
    documents = _documents(_read(_write(tmp_path / "export", builder.files(layout="2024"))))
    kinds = Counter(document.kind for document in documents)
    assert (kinds[DocumentKind.POST], kinds[DocumentKind.MESSAGE], kinds[DocumentKind.PROFILE]) == (3, 3, 1)
    book = next(d for d in documents if "your_address_books" in d.id)
    assert {(v.entity, v.label) for v in book.structured} == {
        ("EMAIL_ADDRESS", "E-Mail-Adresse"),
        ("PHONE_NUMBER", "Telefonnummer"),
    }
    assert "Grüße aus Portland!" in "\n".join(d.text for d in documents)
    place = next(d for d in documents if d.kind is DocumentKind.LOCATION)
    assert {(v.entity, v.value) for v in place.structured} == {
        ("GEO_COORDINATES", "45.5225, -122.684"),
        ("STREET_ADDRESS", "1427 Alder Street, Portland, OR 97205"),
    }
    assert place.created_at is not None
    search = next(d for d in documents if d.kind is DocumentKind.SEARCH)
    assert "Hilfe bei Insulinpumpe" in search.text and search.visibility is Visibility.PRIVATE


def test_a_broken_member_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    members = builder.files(top="")
    members["comments_and_reactions/comments.json"] = b'{"comments_v2": [{"timestamp": 1, "data": [{"comm'
    items = _read(_write(tmp_path / "export", members))
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert len(skipped) == 1 and skipped[0].where.endswith("comments_and_reactions/comments.json")
    assert "broken JSON" in skipped[0].reason and "\n" not in skipped[0].reason
    assert sum(1 for d in _documents(items) if d.kind is DocumentKind.POST) == 3


def test_benchmark_generator_writes_n_posts(tmp_path: Path) -> None:
    folder = builder.write_export(tmp_path / "big", posts=120)
    documents = _documents(_read(folder))
    assert sum(1 for d in documents if d.kind is DocumentKind.POST) == 120


def test_planted_pii_found_end_to_end(engine: DetectionEngine) -> None:
    run = ArchiveRun()
    result = run_scan(run.items([SAMPLE]), engine=engine)
    assert run.readers == [{"input": "facebook-export.zip", "reader": "facebook"}]
    found = {(f.entity, f.value) for f in result.findings}
    assert ("EMAIL_ADDRESS", "rowan.hale@example.org") in found
    assert ("DATE_OF_BIRTH", "1988-03-14") in found
    assert ("IP_ADDRESS", "203.0.113.42") in found
    assert any(
        f.entity == "PHONE_NUMBER" and "555-0142" in f.value and f.detector != "structured"
        for f in result.findings
    ), "the phone number in a photo description is found in text"
    assert not result.summary.skipped


@given(st.text())
def test_repair_undoes_mojibake_and_never_raises(text: str) -> None:
    assert repair(text.encode("utf-8").decode("latin-1")) == text
    assert isinstance(repair(text), str)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_repaired_walks_any_json_value(value: object) -> None:
    repaired(value)


@given(st.binary(max_size=300))
def test_streamed_elements_raise_only_our_error(data: bytes) -> None:
    with contextlib.suppress(InputError):
        list(elements(io.BytesIO(data)))


@pytest.mark.parametrize(
    "data",
    [b"[", b'{"a": [1, {"b": ', b"\xff\xfe", b'[{"x": "\xc3"}]', b'[{"secret": "rowan.hale@example.org" x}]'],
)
def test_streamed_elements_on_broken_json(data: bytes) -> None:
    try:
        list(elements(io.BytesIO(data)))
    except InputError as error:
        assert "\n" not in str(error)
        assert "rowan" not in str(error), "the JSON around the error is personal data"


def test_html_export_is_read_as_page_text(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "facebook-html",
        {
            "index.html": b"<html><body><a href='posts/your_posts_1.html'>Posts</a></body></html>",
            "posts/your_posts_1.html": "<html><body><p>Maisie starts school! ☕</p></body></html>".encode(),
            "profile_information/profile_information.html": b"<html><body><table><tr><td>Email</td>"
            b"<td>rowan.hale@example.org</td></tr></table></body></html>",
        },
    )
    documents = _documents(_read(folder))
    assert {d.kind for d in documents} == {DocumentKind.POST, DocumentKind.PROFILE}
    assert any("rowan.hale@example.org" in d.text for d in documents)


def test_ad_interests_are_metas_inferences_and_friends_other_people(tmp_path: Path) -> None:
    members = builder.files("2024")
    interests = next(name for name in members if name.endswith("ads_interests.json"))
    members[interests] = builder.meta_json({"topics_v2": ["Type 1 diabetes", "Labor unions"]})
    documents = {d.id: d for d in _documents(_read(_write(tmp_path, members)))}
    inferred = next(d for name, d in documents.items() if name.endswith("ads_interests.json"))
    assert inferred.kind == DocumentKind.INFERENCE and inferred.text == "Type 1 diabetes\nLabor unions"
    friends = [d for name, d in documents.items() if "friends" in name]
    assert friends and all(d.metadata["third_party"] == "friends" for d in friends)


def _message_senders(documents: list[Document]) -> dict[str, str | None]:
    return {d.text[:4]: d.metadata.get("third_party") for d in documents if d.kind is DocumentKind.MESSAGE}


def test_messages_others_sent_are_their_data_and_the_owners_stay_the_owners() -> None:
    """The profile's full name is the owner's `sender_name`; the friend's messages are received."""
    senders = _message_senders(_documents(_read(SAMPLE)))
    assert senders == {"Endo": None, "Tjek": "message received", "http": "message received"}


def test_without_a_profile_no_message_is_marked_received(tmp_path: Path) -> None:
    """Not knowing the owner's name, the reader does not guess: the owner's own words stay theirs."""
    members = {path: data for path, data in builder.files().items() if "profile_information" not in path}
    senders = _message_senders(_documents(_read(_write(tmp_path / "export", members))))
    assert set(senders.values()) == {None}
