"""Takeout Contacts (vCard) and Calendar (iCalendar): lines unfolded, one document per card or event."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from samples.builders import takeout as builder
from samples.builders import write_zip
from scanner.archives.takeout import TakeoutReader
from scanner.archives.takeout.contentlines import (
    MAX_LOGICAL_BYTES,
    blocks,
    components,
    parse_line,
    unescape,
    unfold,
)
from scanner.archives.trees.open import open_input
from scanner.models import Document, DocumentKind, Skipped, Visibility

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "takeout.zip"


def _read(tmp_path: Path, members: dict[str, str | bytes]) -> list[Document | Skipped]:
    encoded = {path: data if isinstance(data, bytes) else data.encode() for path, data in members.items()}
    target = write_zip(tmp_path / "takeout.zip", {f"Takeout/{path}": data for path, data in encoded.items()})
    return list(TakeoutReader().documents(open_input(target)))


def _sample(member: str) -> list[Document]:
    items = list(TakeoutReader().documents(open_input(SAMPLE)))
    return [item for item in items if isinstance(item, Document) and member in item.id]


def _values(document: Document) -> set[tuple[str, str]]:
    return {(value.entity, value.value) for value in document.structured}


def test_contacts_one_document_per_card_with_stated_values() -> None:
    jonas, okafor = _sample("My Contacts.vcf")
    assert jonas.kind is DocumentKind.OTHER and jonas.visibility is Visibility.PRIVATE
    assert jonas.metadata == {"type": "contact"} and jonas.source == "google"
    assert jonas.text == "Partner. Emergency contact for Rowan's insulin pump, knows the pump PIN."
    assert _values(jonas) == {
        ("PERSON", "Jonas Berg"),
        ("EMAIL_ADDRESS", "jonas.berg@example.com"),
        ("PHONE_NUMBER", "+1 503-555-0177"),
        ("STREET_ADDRESS", "1427 Alder Street, Portland, OR, 97205, USA"),
        ("DATE_OF_BIRTH", "1986-09-02"),
        ("ORGANIZATION", "Fernwood Analytics"),
    }
    assert okafor.text == "Endocrinologist – Rowan's diabetes check every 3 months", "2.1 quoted-printable"
    assert _values(okafor) == {("PERSON", "Émile Okafor"), ("PHONE_NUMBER", "+1 503-555-0199")}


def test_calendar_one_document_per_event_with_its_start() -> None:
    appointment, birthday = _sample(".ics")
    assert appointment.kind is DocumentKind.ACTIVITY and appointment.visibility is Visibility.PRIVATE
    assert appointment.text == (
        "Endocrinology appointment (insulin pump review)\n"
        "Riverside Diabetes Clinic, 2200 NW Everett St, Portland, OR 97210\n"
        "Bring the pump log. If late call +1 503-555-0142 or mail rowan.hale@example.org\n"
        "Ask about the anxiety meds."
    )
    assert appointment.created_at == datetime(2024, 6, 11, 9, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert appointment.created_at.utcoffset() is not None
    assert birthday.text == "Maisie's 7th birthday"
    assert birthday.created_at == datetime(2024, 9, 17, tzinfo=UTC), "a whole-day event"


def test_vtimezone_and_empty_events_are_not_documents() -> None:
    assert len(_sample(".ics")) == 2, "the VTIMEZONE's STANDARD block and an event without text are left out"


def test_cards_and_events_recognised_by_content(tmp_path: Path) -> None:
    items = _read(
        tmp_path,
        {
            "Google Kontakte/Alle Kontakte/Alle Kontakte.vcf": "\ufeff" + builder.CONTACTS,
            "Kalender/EMAIL.ics": builder.CALENDAR.replace("\r\n", "\n"),
            "Contacts/notes.vcf": "not a vCard at all\nEMAIL:x@example.com\n",
            "Calendar/readme.ics": "hello",
        },
    )
    assert not [item for item in items if isinstance(item, Skipped)]
    documents = [item for item in items if isinstance(item, Document)]
    assert sorted(d.id.rsplit("!", 1)[-1] for d in documents) == [
        "Takeout/Google Kontakte/Alle Kontakte/Alle Kontakte.vcf#0",
        "Takeout/Google Kontakte/Alle Kontakte/Alle Kontakte.vcf#1",
        "Takeout/Kalender/EMAIL.ics#0",
        "Takeout/Kalender/EMAIL.ics#1",
    ]


def _corrupt(path: Path, marker: bytes) -> None:
    """Flip stored member bytes in place so the member fails its CRC check when read."""
    data = path.read_bytes()
    assert data.count(marker) == 1
    path.write_bytes(data.replace(marker, marker.swapcase()))


def test_corrupt_member_is_one_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    import zipfile

    target = tmp_path / "takeout.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Takeout/Contacts/A/A.vcf", builder.CONTACTS)
        archive.writestr("Takeout/Calendar/me.ics", builder.CALENDAR)
    _corrupt(target, b"every 3 months")
    items = list(TakeoutReader().documents(open_input(target)))
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert len(skipped) == 1 and skipped[0].where.endswith("Contacts/A/A.vcf")
    assert "corrupt" in skipped[0].reason
    assert len([item for item in items if isinstance(item, Document) and ".ics#" in item.id]) == 2


def test_photo_and_huge_lines_are_bounded() -> None:
    photo = b"PHOTO;ENCODING=b;TYPE=JPEG:" + b"A" * 100 + b"\r\n " + b"B" * (MAX_LOGICAL_BYTES * 2) + b"\r\n"
    card = b"BEGIN:VCARD\r\nFN:Big Photo\r\n" + photo + b"EMAIL:big@example.com\r\nEND:VCARD\r\n"
    (props,) = list(blocks(io.BytesIO(card), "VCARD"))
    assert [p.name for p in props] == ["FN", "PHOTO", "EMAIL"]
    assert len(props[1].value) < MAX_LOGICAL_BYTES


def test_property_lines_parsed() -> None:
    prop = parse_line(b'item1.ADR;TYPE=HOME;LABEL="1427 Alder St: home":;;1427 Alder Street;Portland')
    assert prop is not None and prop.name == "ADR" and prop.param("LABEL") == "1427 Alder St: home"
    assert components(prop.value) == ["", "", "1427 Alder Street", "Portland"]
    assert parse_line(b"TEL;HOME;VOICE:+1 503") == parse_line(b"TEL;TYPE=HOME,VOICE:+1 503")
    assert parse_line(b"no colon") is None and parse_line(b":value") is None
    assert unescape(r"a\, b\; c\\n\nd") == "a, b; c\\n\nd"
    assert components(r"Berg\;Jr;Jonas") == ["Berg;Jr", "Jonas"]


def _fold(line: str, width: int) -> bytes:
    data = line.encode()
    pieces = [data[i : i + width] for i in range(0, len(data), width)] or [b""]
    return b"\r\n ".join(pieces) + b"\r\n"


_LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=200)


@given(st.lists(_LINE_TEXT, max_size=5), st.integers(min_value=1, max_value=80))
def test_unfolding_undoes_folding(lines: list[str], width: int) -> None:
    lines = [f"X-{index}:{line}" for index, line in enumerate(lines)]
    stream = io.BytesIO(b"".join(_fold(line, width) for line in lines))
    assert [line.decode("utf-8") for line in unfold(stream)] == lines


@given(st.binary(max_size=1000))
def test_content_line_readers_never_raise(data: bytes) -> None:
    for kind in ("VCARD", "VEVENT"):
        for props in blocks(io.BytesIO(b"BEGIN:" + kind.encode() + b"\r\n" + data), kind):
            for prop in props:
                assert isinstance(unescape(prop.value), str) and isinstance(components(prop.value), list)


@given(st.text(max_size=300))
def test_content_line_text_never_raises(text: str) -> None:
    prop = parse_line(text.encode("utf-8", errors="surrogatepass"))
    if prop is not None:
        assert prop.name and isinstance(components(prop.value), list)
