"""The generic reader: text files, CSV rows, JSON, emails and streamed mailboxes in any tree."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.archives import generic
from scanner.archives.generic import GenericReader, mbox_messages, message_document
from scanner.archives.trees.open import open_input
from scanner.errors import ExposureError
from scanner.models import Document, DocumentKind, Skipped, Visibility

READER = GenericReader()

EML = b"""From: Rowan Hale <rowan.hale@example.org>
To: clinic@example.com
Subject: Appointment
Date: Tue, 04 Mar 2025 09:15:00 -0800
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

My new insulin pump arrives Friday.
--b
Content-Type: text/html; charset=utf-8

<p>My new <b>insulin pump</b> arrives Friday.</p>
--b--
"""

MBOX = b"""From rowan.hale@example.org Mon Jan  5 10:00:00 2026
From: rowan.hale@example.org
Subject: Keys
Date: Mon, 05 Jan 2026 10:00:00 +0000

Spare keys are under the mat at 1427 Alder Street.
>From the back door, turn left.

From someone@example.com Tue Jan  6 11:00:00 2026
From: someone@example.com
Subject: Newsletter
Date: Tue, 06 Jan 2026 11:00:00 +0000
Content-Type: text/html; charset=iso-8859-1

<html><body><p>Caf\xe9 news for Portland</p><script>x()</script></body></html>
"""


def read(path: Path) -> list[Document | Skipped]:
    return list(READER.documents(open_input(path)))


def test_folder_of_mixed_files(tmp_path: Path) -> None:
    root = tmp_path / "stuff"
    root.mkdir()
    (root / "notes.txt").write_bytes("Call me on 503-555-0142, Café Rowan".encode("latin-1"))
    (root / "people.csv").write_text("name,city\nRowan,Portland\nJonas,Salem\n")
    (root / "broken.json").write_text('{"bio": "type 1 diabetes"')
    (root / "page.html").write_text(
        "<html><body><p>Hello <b>Portland</b></p><script>evil()</script></body></html>"
    )
    (root / "mail.eml").write_bytes(EML)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(100))
    items = read(root)
    documents = {item.id: item for item in items if isinstance(item, Document)}
    skips = [item for item in items if isinstance(item, Skipped)]
    assert documents["stuff/notes.txt"].text == "Call me on 503-555-0142, Café Rowan"  # Latin-1 decoded
    assert documents["stuff/people.csv#L2"].text == "Rowan\nPortland"
    assert "type 1 diabetes" in documents["stuff/broken.json"].text
    assert [skip.where for skip in skips] == ["stuff/broken.json"]
    assert "evil" not in documents["stuff/page.html"].text and "Portland" in documents["stuff/page.html"].text
    mail = documents["stuff/mail.eml"]
    assert mail.kind == DocumentKind.MESSAGE and mail.visibility == Visibility.DIRECT
    assert mail.text == "Appointment\nMy new insulin pump arrives Friday."
    assert mail.created_at is not None and mail.created_at.isoformat() == "2025-03-04T09:15:00-08:00"
    assert not any("photo.jpg" in key for key in documents)


def test_mailbox_in_a_zip_is_split_into_messages(tmp_path: Path) -> None:
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Takeout/Mail/All mail.mbox", MBOX)
    documents = [item for item in read(path) if isinstance(item, Document)]
    assert [document.id for document in documents] == [
        "takeout.zip!Takeout/Mail/All mail.mbox#1",
        "takeout.zip!Takeout/Mail/All mail.mbox#2",
    ]
    assert "1427 Alder Street" in documents[0].text and "From the back door" in documents[0].text
    assert (
        documents[1].text.startswith("Newsletter\nCafé news for Portland") and "x()" not in documents[1].text
    )
    assert documents[1].created_at is not None and documents[1].created_at.year == 2026


def test_oversized_message_is_skipped_without_holding_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generic, "MAX_MESSAGE_BYTES", 500)
    big = b"From a@example.org Mon Jan  5 10:00:00 2026\nSubject: big\n\n" + b"x" * 1000 + b"\n\n"
    messages = list(mbox_messages(io.BytesIO(big + MBOX)))
    assert messages[0] is None and len(messages) == 3


def test_member_too_large_for_the_generic_reader_is_one_skip(tmp_path: Path) -> None:
    from scanner.files import MAX_FILE_BYTES

    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Skipped) and "too large" in items[0].reason


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_email_parsing_never_raises_foreign_errors(data: bytes) -> None:
    for chunk in [data, b"From a@b Mon Jan  5 10:00:00 2026\n" + data, EML[:200] + data]:
        with contextlib.suppress(ExposureError):
            for message in mbox_messages(io.BytesIO(chunk)):
                if message is not None:
                    assert isinstance(message_document(message, "x.mbox#1"), Document)
