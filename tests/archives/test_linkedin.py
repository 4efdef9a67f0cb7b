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


def _zip(tmp_path: Path, members: dict[str, str]) -> Path:
    import zipfile

    target = tmp_path / "export.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text.encode("utf-8"))
    return target


CONVERSATIONS = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
    "CONTENT,FOLDER\n"
    "2-a==,,Casey Recruiter,https://www.linkedin.com/in/casey,Rowan Delacroix-Hale,"
    "https://www.linkedin.com/in/rowanhale,2024-05-28 20:38:09 UTC,Data role,"
    "Call me at (503) 555-0177,INBOX\n"
    "2-a==,,Rowan Delacroix-Hale,https://www.linkedin.com/in/rowanhale,Casey Recruiter,"
    "https://www.linkedin.com/in/casey,2024-05-29 08:01:44 UTC,,My cell: +1 503-555-0142,INBOX\n"
    "2-b==,,Priya Natarajan,https://www.linkedin.com/in/priyan,Rowan Delacroix-Hale,"
    "https://www.linkedin.com/in/rowanhale,2024-06-01 10:00:00 UTC,,Lunch on Friday?,INBOX\n"
)


def test_a_partial_export_with_messages_and_connections_wherever_it_sits(tmp_path: Path) -> None:
    """No Profile.csv, files two folders down: still LinkedIn; received messages are someone else's."""
    top = "Basic_LinkedInDataExport_05-30-2024/part 2/"
    path = _zip(tmp_path, {f"{top}messages.csv": CONVERSATIONS, f"{top}Connections.csv": builder.CONNECTIONS})
    documents = {document.id.rsplit("!", 1)[1]: document for document in _documents(path)}
    received = [d for d in documents.values() if d.metadata.get("third_party") == "message received"]
    sent = [d for d in documents.values() if d.kind == DocumentKind.MESSAGE and d not in received]
    assert len(received) == 2 and [d.text for d in sent] == ["My cell: +1 503-555-0142"]
    assert documents[f"{top}Connections.csv"].metadata["third_party"] == "connections"


def test_shares_and_comments_alone_are_linkedin(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"Shares.csv": builder.SHARES, "Comments.csv": builder.COMMENTS})
    kinds = Counter(document.kind for document in _documents(path))
    assert kinds == {DocumentKind.POST: 2, DocumentKind.COMMENT: 1}


def test_files_are_known_by_their_header_and_connections_with_or_without_notes(tmp_path: Path) -> None:
    header_first = builder.CONNECTIONS[builder.CONNECTIONS.index("First Name"):]
    education = ("School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
                 "Portland State University,2006,2010,,BSc Computer Science,Chess club\n")
    path = _zip(tmp_path, {"Connections (1).csv": header_first, "data/Education.csv": education,
                           "Profile.csv": builder.PROFILE})
    documents = _documents(path)
    connections = next(d for d in documents if d.id.endswith("Connections (1).csv"))
    stated = {(v.entity, v.value) for v in connections.structured}
    assert ("EMAIL_ADDRESS", "jonas.berg@example.com") in stated
    school = next(d for d in documents if "Education.csv" in d.id)
    assert school.kind == DocumentKind.PROFILE and "BSc Computer Science" in school.text
    assert [(v.entity, v.value) for v in school.structured] == [("ORGANIZATION", "Portland State University")]


def test_a_messages_csv_with_another_header_is_not_linkedins(tmp_path: Path) -> None:
    """Reddit's export has messages.csv and comments.csv too; the names alone make no LinkedIn export."""
    path = _zip(tmp_path, {"messages.csv": "id,permalink,thread_id,date,ip,from,to,subject,body\n",
                           "comments.csv": "id,permalink,date,ip,subreddit,gildings,link,parent,body\n"})
    assert not LinkedInReader().matches(open_input(path))


def test_user_agents_in_account_files_are_not_read(tmp_path: Path) -> None:
    logins = ("Login Date,IP Address,User Agent,Login Type\n"
              "2024-01-08 18:14:00 UTC,203.0.113.42,LinkedIn/9.1.0.22 iOS,MOBILE\n")
    path = _zip(tmp_path, {"Logins.csv": logins, "Profile.csv": builder.PROFILE,
                           "Shares.csv": builder.SHARES})
    login = next(d for d in _documents(path) if "Logins.csv" in d.id)
    assert [(v.entity, v.value) for v in login.structured] == [("IP_ADDRESS", "203.0.113.42")]
