"""Takeout's HTML parts: My Activity pages (the default form) and Keep notes without a JSON twin."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samples.builders import takeout as builder
from samples.builders import write_zip
from scanner.archives.takeout import TakeoutReader
from scanner.archives.takeout.activity import activity_document
from scanner.archives.takeout.activity_html import CELL_START, MAX_CELL_BYTES, cell_record, split_cells
from scanner.archives.takeout.dates import parse_display_time
from scanner.archives.trees.open import open_input
from scanner.models import Document, DocumentKind, Skipped, Visibility

PST = timezone(timedelta(hours=-8))
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "takeout.zip"


def _read(tmp_path: Path, members: dict[str, str | bytes]) -> list[Document | Skipped]:
    encoded = {path: data if isinstance(data, bytes) else data.encode() for path, data in members.items()}
    target = write_zip(tmp_path / "takeout.zip", {f"Takeout/{path}": data for path, data in encoded.items()})
    return list(TakeoutReader().documents(open_input(target)))


def _documents(items: list[Document | Skipped], member: str = "") -> list[Document]:
    return [item for item in items if isinstance(item, Document) and member in item.id]


def test_sample_activity_page_read_cell_by_cell(tmp_path: Path) -> None:
    items = _read(tmp_path, {"Meine Aktivitäten/Suche/MeineAktivitäten.html": builder._my_activity_html()})
    assert not [item for item in items if isinstance(item, Skipped)]
    search, visit, watch = _documents(items)
    assert search.kind is DocumentKind.SEARCH and search.visibility is Visibility.PRIVATE
    assert search.source == "google" and search.metadata == {"product": "Search"}
    assert search.text == "Searched for therapist for anxiety Portland", "&nbsp; and the link text joined"
    assert search.created_at == datetime(2024, 11, 3, 10, 12, 1, tzinfo=PST), "narrow space before AM"
    assert [(v.entity, v.value) for v in search.structured] == [("GEO_COORDINATES", "45.5118, -122.5941")]
    assert visit.kind is DocumentKind.ACTIVITY, "a /url?q= redirect is a visit"
    assert visit.text == "Visited Knee surgery rehab plan & exercises"
    assert visit.created_at == datetime(2024, 11, 3, 10, 15, 40, tzinfo=PST), "day-month-year (UK) order"
    assert watch.text == "Watched Living with type 1 diabetes\nT1D Stories", "subtitle line kept"
    assert watch.metadata == {"product": "YouTube"}


JSON_RECORD = {
    "header": "Discover",
    "title": "7 cards in your feed",
    "time": "2021-12-13T03:04:05.000Z",
    "products": ["Discover"],
    "locationInfos": [
        {
            "name": "At this general area",
            "url": "https://www.google.com/maps/@?api=1&map_action=map&center=45.5118,-122.5941&zoom=12",
            "source": "From your Location History",
            "sourceUrl": "https://www.google.com/maps/timeline",
        }
    ],
    "subtitles": [{"name": "Type 1 diabetes"}, {"name": "Portland"}],
    "details": [{"name": "From Google Ads"}],
}
HTML_CELL = builder._CELL.format(
    header="Discover",
    body="7 cards in your feed<br>Type 1 diabetes<br>Portland<br>Dec 13, 2021, 3:04:05\u202fAM UTC",
    caption='<b>Products:</b><br>&emsp;Discover<br><b>Locations:</b><br>&emsp;At <a href="https://www.google.com'
    '/maps/@?api=1&amp;map_action=map&amp;center=45.5118,-122.5941&amp;zoom=12">this general area</a> - From '
    '<a href="https://www.google.com/maps/timeline">your Location History</a><br>'
    "<b>Details:</b><br>&emsp;From Google Ads<br><b>Why is this here?</b><br>&emsp;Saved<br>",
)


def test_html_and_json_forms_of_one_activity_give_equal_documents(tmp_path: Path) -> None:
    items = _read(
        tmp_path,
        {
            "My Activity/Discover/MyActivity.json": json.dumps([JSON_RECORD]),
            "My Activity/Discover/MyActivity.html": builder._PAGE.format(cells=HTML_CELL),
        },
    )
    (from_json,) = _documents(items, "MyActivity.json")
    (from_html,) = _documents(items, "MyActivity.html")
    assert dataclasses.replace(from_html, id=from_json.id) == from_json
    assert from_json.text == "7 cards in your feed\nType 1 diabetes\nPortland\nFrom Google Ads"


def test_activity_pages_recognised_by_content_not_name(tmp_path: Path) -> None:
    page = builder._my_activity_html()
    items = _read(
        tmp_path,
        {
            "YouTube and YouTube Music/history/watch-history.html": page,
            "Chrome/Bookmarks.html": "<html><body><dl><dt><a href='https://x.example'>x</a></dl></body></html>",
            "archive_browser.html": "<html><body><div class='mdl-grid'>index</div></body></html>",
            "My Activity/Search/notes.txt": page,
        },
    )
    assert len(_documents(items)) == 3
    assert all("watch-history.html" in document.id for document in _documents(items))


def test_cells_split_across_chunk_boundaries() -> None:
    cells = [builder._CELL.format(header="Search", body=f"Searched for q{n}<br>Nov 3, 2024, 10:12:01 AM UTC",
                                  caption="") for n in range(3000)]
    page = builder._PAGE.format(cells="".join(cells)).encode()
    assert len(page) > 3 * 256 * 1024
    split = list(split_cells(io.BytesIO(page)))
    assert len(split) == 3000 and all(cell.startswith(CELL_START) for cell in split)
    assert b"Searched for q2999<" in split[-1]


def test_oversized_activity_is_one_skipped_after_the_cells_read(tmp_path: Path) -> None:
    cells = [
        builder._CELL.format(header="Search", body=f"{body}<br>Nov 3, 2024, 10:12:01 AM UTC", caption="")
        for body in ("Searched for ok", "x" * (MAX_CELL_BYTES + 10), "Searched for never")
    ]
    items = _read(
        tmp_path,
        {
            "My Activity/Search/MyActivity.html": builder._PAGE.format(cells="".join(cells)),
            "My Activity/Maps/MyActivity.html": builder._my_activity_html(),
        },
    )
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert len(skipped) == 1 and "Search/MyActivity.html" in skipped[0].where
    assert "larger than 1 MB" in skipped[0].reason
    assert [d.text for d in _documents(items, "Search/MyActivity.html")] == ["Searched for ok"]
    assert len(_documents(items, "Maps/MyActivity.html")) == 3, "the rest of the export is read"


def test_broken_cells_never_crash(tmp_path: Path) -> None:
    cells = [
        CELL_START.decode() + '"><div class="content-cell mdl-typography--body-1">',
        builder._CELL.format(header="", body="", caption="<b>Products:</b>"),
        builder._CELL.format(header="X", body="Only a title, no time", caption="<b>"),
        builder._CELL.format(header="X", body="Nov 3, 2024, 10:12:01 AM UTC", caption=""),
    ]
    items = _read(tmp_path, {"My Activity/X/MyActivity.html": builder._PAGE.format(cells="".join(cells))})
    assert not [item for item in items if isinstance(item, Skipped)]
    (only,) = _documents(items)
    assert only.text == "Only a title, no time" and only.created_at is None


def test_keep_html_read_only_without_json_twin() -> None:
    tree = open_input(SAMPLE)
    items = list(TakeoutReader().documents(tree))
    notes = [item for item in items if isinstance(item, Document) and item.kind is DocumentKind.NOTE]
    assert sorted(note.id.rsplit("/", 1)[-1] for note in notes) == ["Pump supplies.json", "Therapy.html"]
    therapy = next(note for note in notes if note.id.endswith("Therapy.html"))
    assert therapy.text == "Therapy\nTuesday session with Dr. Lind about my anxiety\nCo-pay & receipt for HSA"
    assert therapy.created_at == datetime(2024, 6, 4, 18, 30, tzinfo=UTC)
    assert therapy.visibility is Visibility.PRIVATE and therapy.source == "google"


def test_keep_html_checklist_without_bullets(tmp_path: Path) -> None:
    body = (
        '<ul class="list"><li class="listitem"><span class="bullet">&#9744;</span>'
        '<span class="text">CGM sensors</span></li><li class="listitem checked">'
        '<span class="bullet">&#9745;</span><span class="text">Glucagon pen</span></li></ul>'
    )
    items = _read(tmp_path, {"Keep/List.html": builder._keep_html("List", body, "no date here")})
    (note,) = _documents(items)
    assert note.text == "List\nCGM sensors\nGlucagon pen" and note.created_at is None


def test_display_times_in_english_and_german_forms() -> None:
    cet = timezone(timedelta(hours=1))
    assert parse_display_time("Nov 3, 2024, 10:12:01 AM CET") == datetime(2024, 11, 3, 10, 12, 1, tzinfo=cet)
    assert parse_display_time("3 Nov 2024, 10:12:01 CET") == datetime(2024, 11, 3, 10, 12, 1, tzinfo=cet)
    assert parse_display_time("03.11.2024, 10:12:01 MEZ") == datetime(2024, 11, 3, 10, 12, 1, tzinfo=cet)
    assert parse_display_time("Monday, November 4, 2024 at 3:15:22\u202fPM UTC") == datetime(
        2024, 11, 4, 15, 15, 22, tzinfo=UTC
    )
    assert parse_display_time("Sep 10, 2019, 8:51:45 PM GMT+03:00") == datetime(
        2019, 9, 10, 17, 51, 45, tzinfo=UTC
    )
    assert parse_display_time("Jun 23, 2015, 2:43:45 PM") == datetime(2015, 6, 23, 14, 43, 45, tzinfo=UTC)
    assert parse_display_time("12 Sept 2024, 12:00:00 AM BST") == datetime(2024, 9, 11, 23, tzinfo=UTC)
    for unknown in ("Nov 3, 2024, 10:12 AM XYZT", "Feb 30, 2024, 1:00 AM", "13:00:00 PM", "3. November 2024"):
        assert parse_display_time(unknown) is None, unknown
    assert parse_display_time("Nov 3, 2024, 13:12:01 PM UTC") is None, "13 o'clock PM"


@given(st.text(max_size=120))
def test_display_time_parser_never_raises(text: str) -> None:
    parsed = parse_display_time(text)
    assert parsed is None or parsed.tzinfo is not None


@given(
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(
        ["%b %-d, %Y, %-I:%M:%S %p UTC", "%-d %b %Y, %H:%M:%S UTC", "%A, %B %-d, %Y at %-I:%M:%S %p UTC"]
    ),
)
def test_display_time_round_trip(when: datetime, form: str) -> None:
    when = when.replace(microsecond=0)
    assert parse_display_time(when.strftime(form)) == when.replace(tzinfo=UTC)


@given(st.binary(max_size=2000), st.integers(min_value=0, max_value=5))
def test_cell_splitter_never_raises_and_loses_nothing(data: bytes, starts: int) -> None:
    page = data + CELL_START * starts + data
    split = list(split_cells(io.BytesIO(page)))
    expected = page[page.find(CELL_START) :] if CELL_START in page else b""
    assert b"".join(split) == expected


def test_keep_html_page_over_the_bound_is_one_skipped(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scanner.archives.takeout.keep.HTML_PAGE_BYTES", 2048)
    items = _read(
        tmp_path,
        {
            "Keep/Long.html": builder._keep_html("Long", "word " * 1000, "Jun 4, 2024, 6:30:00 PM"),
            "Keep/Short.html": builder._keep_html("Short", "a note", "Jun 4, 2024, 6:30:00 PM"),
        },
    )
    (skipped,) = [item for item in items if isinstance(item, Skipped)]
    assert skipped.where.endswith("Keep/Long.html") and "larger than" in skipped.reason
    assert [d.text for d in _documents(items)] == ["Short\na note"]


@given(st.text(max_size=300), st.text(max_size=300), st.text(max_size=50))
def test_activity_cell_parser_never_raises(body: str, caption: str, header: str) -> None:
    parsed = cell_record(builder._CELL.format(header=header, body=body, caption=caption))
    if parsed is not None:
        record, when = parsed
        assert isinstance(when, str) and isinstance(record.get("products", []), list)
        document = activity_document(record, "x#0", parse_display_time(when))
        assert document is None or document.visibility is Visibility.PRIVATE
