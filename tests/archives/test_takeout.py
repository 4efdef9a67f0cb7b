"""The Takeout reader on the sample (English and German parts) and on real Takeout snippets in ../shared."""

from __future__ import annotations

import contextlib
import io
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from scanner.archives.detect import detect
from scanner.archives.formats.jsonstream import sniff
from scanner.archives.run import ArchiveRun
from scanner.archives.takeout import TakeoutReader, json_kind
from scanner.archives.takeout.activity import is_search
from scanner.archives.takeout.gmail import split_mbox
from scanner.archives.takeout.youtube import comment_documents, segments_text
from scanner.archives.trees.open import open_input
from scanner.errors import InputError
from scanner.models import Document, DocumentKind, Skipped, Visibility
from scanner.scan import run_scan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "takeout.zip"


def _documents(path: Path) -> list[Document]:
    tree = open_input(path)
    assert detect(tree).name == "google"
    items = list(TakeoutReader().documents(tree))
    assert not [item for item in items if isinstance(item, Skipped)]
    return [item for item in items if isinstance(item, Document)]


def _by_member(documents: list[Document], member: str) -> list[Document]:
    return [d for d in documents if member in d.id]


def test_sample_parts_recognised_by_content_in_both_languages() -> None:
    documents = _documents(SAMPLE)
    assert Counter(d.kind for d in documents) == {
        DocumentKind.COMMENT: 5,  # 3 YouTube, 2 Maps reviews
        DocumentKind.SEARCH: 2,  # My Activity JSON and HTML
        DocumentKind.ACTIVITY: 6,  # My Activity JSON 1, HTML 2; Chrome 1; Calendar 2
        DocumentKind.LOCATION: 4,
        DocumentKind.NOTE: 2,  # Keep JSON, and the HTML note without a JSON twin
        DocumentKind.PROFILE: 1,
        DocumentKind.MEDIA: 2,
        DocumentKind.MESSAGE: 4,  # Gmail 2, Google Chat 2
        DocumentKind.OTHER: 2,  # contacts
    }
    german = _by_member(documents, "Kommentare/Kommentare.csv")[0]
    assert german.text == "Writing from Portland, mail me at rowan.hale@example.org"
    assert german.url == "https://www.youtube.com/watch?v=WtOskFeLmr4&lc=UgxRowanKommentar2AaABAg"
    assert german.source == "youtube" and german.visibility is Visibility.PUBLIC
    new = _by_member(documents, "comments/comments.csv")[0]
    assert new.text == (
        "Great video! My daughter Maisie loved it\nwe watched it after her appointment at the T1D clinic"
    ), "new comma-joined segments"
    search = next(d for d in documents if d.kind is DocumentKind.SEARCH)
    assert search.visibility is Visibility.PRIVATE and "insulin pump rash" in search.text
    assert [v.value for v in search.structured] == ["45.512, -122.594"]


def test_sample_location_keep_profile_and_photo() -> None:
    documents = _documents(SAMPLE)
    records = _by_member(documents, "Records.json")
    assert len(records) == 2, "two pings a few metres apart are one place"
    assert records[1].created_at == datetime(2024, 6, 1, 18, tzinfo=UTC), "timestampMs (old format)"
    home = _by_member(documents, "2024_JUNE.json")[0]
    assert ("STREET_ADDRESS", "1427 Alder Street, Portland, OR 97205, USA") in {
        (v.entity, v.value) for v in home.structured
    }
    note = next(d for d in documents if d.kind is DocumentKind.NOTE)
    assert note.created_at == datetime(2024, 6, 1, tzinfo=UTC), "microsecond timestamps"
    assert {v.value for v in note.structured} == {"rowan.hale@example.org", "jonas.berg@example.com"}
    profile = next(d for d in documents if d.kind is DocumentKind.PROFILE)
    assert ("DATE_OF_BIRTH", "1988-03-14") in {(v.entity, v.value) for v in profile.structured}
    photos = [d for d in documents if d.kind is DocumentKind.MEDIA]
    places = {v.value for d in photos for v in d.structured if v.entity == "GEO_COORDINATES"}
    assert places == {"45.5118, -122.5941"}, "from the sidecar and from the photo's EXIF"
    assert ("PERSON", "Maisie Hale") in {(v.entity, v.value) for d in photos for v in d.structured}


def test_searches_told_from_visits_by_url() -> None:
    assert is_search(
        {"title": "Searched for knee surgery", "titleUrl": "https://www.google.com/search?q=knee"}
    )
    assert is_search({"title": "Suche", "titleUrl": "https://www.youtube.com/results?search_query=t1d"})
    assert is_search({"title": "x", "titleUrl": "https://www.google.com/maps/search/pharmacy"})
    assert not is_search(
        {"title": "Visited Fernwood", "titleUrl": "https://www.google.com/url?q=https://f.example"}
    )
    assert not is_search({"title": "Watched a video", "titleUrl": "https://www.youtube.com/watch?v=abc"})


def test_gmail_mbox_streamed() -> None:
    messages = [d for d in _documents(SAMPLE) if d.kind is DocumentKind.MESSAGE and d.source == "gmail"]
    assert len(messages) == 2, "the Spam-labelled message is left out"
    sent, newsletter = messages
    assert sent.visibility is Visibility.DIRECT and sent.metadata["labels"] == "Sent,Opened"
    assert "\nFrom now on please call +1 503-555-0142." in sent.text, "mboxrd >From quoting undone"
    assert sent.created_at is not None and sent.created_at.utcoffset() is not None
    assert newsletter.text.startswith("Meeting minutes – June\n\nDear member Rowan,"), "subject and HTML body"
    assert newsletter.metadata["third_party"] == "mail received", "mail the owner received is someone else's"
    assert "third_party" not in sent.metadata


def test_real_youtube_comment_csvs_both_column_orders(shared: Path) -> None:
    tree = open_input(shared / "fixtures" / "google_takeout" / "takeout_parser_tests")
    new = list(comment_documents(tree, "YouTube__comments__comments_post2024-06.csv"))
    assert [d.text for d in new] == [
        "> I am about to get buried in the concrete\nthe most normal  Veritasium video!",
        "Great illustration of Bell inequality!",
    ]
    assert new[0].url == "https://www.youtube.com/watch?v=rWVAzS6duAs&lc=UgytHqobEtqoKm_-pYB4AaABAg"
    assert new[1].created_at == datetime(2016, 1, 29, 18, 26, 53, 255000, tzinfo=UTC)
    old = list(comment_documents(tree, "YouTube__comments__comments_pre2024-06.csv"))
    assert old[0].text == "coalowl the legend" and old[0].url is not None and "WtOskFeLmr4" in old[0].url
    assert old[1].text.startswith("Ah, this is the reason")
    chats = list(comment_documents(tree, "YouTube__live_chats__live_chats_noheader.csv"))
    assert [d.text for d in chats] == ['"think the right thing" jeez']
    assert chats[0].url == "https://www.youtube.com/watch?v=0vGCh85obuI"


def test_real_json_snippets_recognised_by_content(shared: Path) -> None:
    tree = open_input(shared / "fixtures" / "google_takeout" / "takeout_parser_tests")
    read: dict[str, list[Document]] = {}
    for path in tree.paths():
        kind = json_kind(sniff(tree, path), path) if path.endswith(".json") else None
        if kind is not None:
            read[path] = list(kind(tree, path))
    assert set(read) == {
        "Chrome__BrowserHistory.json",
        "LocationHistory__Records_old.json",
        "LocationHistory__Records_new.json",
        "LocationHistory__Records_2024.json",
        "LocationHistory__SemanticLocationHistory__2017_DECEMBER.json",
        "LocationHistory__SemanticLocationHistory__2024.json",
        "MyActivity__Discover__MyActivity.json",
    }
    for name in ("old", "new", "2024"):
        (point,) = read[f"LocationHistory__Records_{name}.json"]
        assert [v.value for v in point.structured] == ["35.13242, -112.24344"]
        assert point.created_at is not None and point.created_at.year in (2014, 2017)
    old = read["LocationHistory__Records_old.json"][0]
    assert old.created_at == datetime(2017, 12, 10, 23, 14, 58, 30000, tzinfo=UTC)
    visit = read["LocationHistory__SemanticLocationHistory__2017_DECEMBER.json"][0]
    assert visit.text == "name\naddress"
    assert visit.created_at == datetime(2017, 12, 10, 23, 29, 25, 26000, tzinfo=UTC)
    assert len(read["LocationHistory__SemanticLocationHistory__2024.json"]) == 2, "a visit and a journey"
    (chrome,) = read["Chrome__BrowserHistory.json"]
    assert chrome.text == "sean\nhttps://sean.fish" and chrome.created_at is not None
    (discover,) = read["MyActivity__Discover__MyActivity.json"]
    assert discover.kind is DocumentKind.ACTIVITY and discover.structured == ()


def test_real_keep_notes(shared: Path) -> None:
    tree = open_input(shared / "fixtures" / "google_takeout" / "keep_obsidian_importer")
    notes = {}
    for path in [path for path in tree.paths() if path.endswith(".json")]:
        kind = json_kind(sniff(tree, path), path)
        assert kind is not None, path
        notes[path] = list(kind(tree, path))
    (checklist,) = notes["Rich checklist note.json"]
    assert checklist.kind is DocumentKind.NOTE
    assert checklist.text == "Rich checklist note\nrich item\ndone item"
    (annotated,) = notes["Annotated note.json"]
    assert "https://www.icann.org/compliance/complaint" in annotated.text
    assert annotated.created_at == datetime(2024, 6, 3, 1, 38, 34, tzinfo=UTC)


def test_planted_pii_found_end_to_end(engine: DetectionEngine) -> None:
    run = ArchiveRun()
    result = run_scan(run.items([SAMPLE]), engine=engine)
    assert run.readers[0]["reader"] == "google"
    found = {(f.entity, f.value) for f in result.findings}
    assert {
        ("GEO_COORDINATES", "45.5118, -122.5941"),
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("DATE_OF_BIRTH", "1988-03-14"),
    } <= found
    assert any(f.entity == "PHONE_NUMBER" and f.document.source == "gmail" for f in result.findings)
    assert any(f.entity == "EMAIL_ADDRESS" and f.document.source == "youtube" for f in result.findings)
    by_member = {
        (f.document.id.split("!Takeout/", 1)[1].split("#")[0], f.entity, f.value) for f in result.findings
    }
    contacts = "Contacts/My Contacts/My Contacts.vcf"
    assert {
        ("My Activity/Search/MyActivity.html", "GEO_COORDINATES", "45.5118, -122.5941"),
        (contacts, "EMAIL_ADDRESS", "jonas.berg@example.com"),
        (contacts, "STREET_ADDRESS", "1427 Alder Street, Portland, OR, 97205, USA"),
        (contacts, "DATE_OF_BIRTH", "1986-09-02"),
        ("Calendar/Personal.ics", "PHONE_NUMBER", "+1 503-555-0142"),
        ("Calendar/Personal.ics", "EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("Google Chat/Groups/DM 8ZrRGQAAAAE/messages.json", "PHONE_NUMBER", "+1 503-555-0142"),
        ("Maps (your places)/Reviews.json", "FAMILY_MEMBER", "Maisie"),
    } <= by_member
    html = {entity for member, entity, _ in by_member if member.endswith("MyActivity.html")}
    assert "MEDICAL_CONDITION" in html, "health searches and views in the HTML activity page"
    assert "MEDICAL_CONDITION" in {e for m, e, _ in by_member if m.endswith("Therapy.html")}, "Keep HTML note"
    reviews = [f for f in result.findings if f.document.id.endswith(("Reviews.json#0", "Bewertungen.json#0"))]
    assert reviews and all(f.document.visibility == "public" for f in reviews)
    places = [f for f in reviews if f.entity in ("STREET_ADDRESS", "GEO_COORDINATES")]
    assert not places, "the reviewed business's address is not the reviewer's"


@given(st.text())
def test_comment_text_parser_raises_only_our_error(text: str) -> None:
    with contextlib.suppress(InputError):
        assert isinstance(segments_text(text), str)
    with contextlib.suppress(InputError):
        segments_text("{" + text)


@given(st.lists(st.text(), max_size=5))
def test_comment_text_new_form_joins_segments(parts: list[str]) -> None:
    cell = ",".join(json.dumps({"text": part}) for part in parts) or '{"text": ""}'
    assert segments_text(cell) == "".join(parts)


@given(st.binary(max_size=500))
def test_mbox_splitter_never_raises(data: bytes) -> None:
    for message, _cut in split_mbox(io.BytesIO(b"From x@xxx Mon Jan 01 00:00:00 +0000 2024\n" + data)):
        assert isinstance(message, bytes)
