"""Any tree no specific reader claims: text-like files, emails and mailboxes, one document per unit.

Text files go through `scanner.files.documents_from_bytes` (one document per file, per CSV row, per
JSON line). Emails (.eml) and mailboxes (.mbox, e.g. a Gmail Takeout) are parsed with the standard
library, the mailbox split while streaming so a multi-GB mbox never sits in memory; each message's
subject and readable body (HTML parts turned into text) form one 'message' document. Other members
(images, binaries) are not text and are passed over without a note.
"""

from __future__ import annotations

import email.policy
import email.utils
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesParser
from typing import IO

from scanner.archives.base import ArchiveTree
from scanner.archives.trees.members import read_member
from scanner.errors import InputError
from scanner.files import MAX_FILE_BYTES, TEXT_SUFFIXES, documents_from_bytes
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Skipped, Visibility

SOURCE = "files"
MAILBOX_SUFFIXES = (".mbox", ".mbx")
MAX_MESSAGE_BYTES = 25 << 20
"""A single message larger than this (big attachments) is skipped with a note, not held in memory."""
_LINE_BYTES = 1 << 20
"""Lines are read in pieces of at most this size, so a file without line breaks cannot fill memory."""
_PARSER = BytesParser(policy=email.policy.default)


def suffix_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def message_text(message: EmailMessage) -> str:
    """Subject and readable body of an email: plain-text parts, else HTML parts as text; no attachments."""
    plain: list[str] = []
    html: list[str] = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        content_type = part.get_content_type()
        if content_type not in ("text/plain", "text/html"):
            continue
        try:
            body = part.get_content()
        except (LookupError, ValueError, AssertionError):
            raw = part.get_payload(decode=True)
            body = raw.decode("latin-1") if isinstance(raw, bytes) else ""
        if not isinstance(body, str):
            continue
        (plain if content_type == "text/plain" else html).append(body)
    parts = plain or [html_to_text(body) for body in html]
    subject = str(message.get("Subject", "") or "")
    return "\n".join([subject, *parts]).strip()


def message_date(message: EmailMessage) -> datetime | None:
    raw = message.get("Date")
    if not raw:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else None


def message_document(data: bytes, locator: str) -> Document:
    message = _PARSER.parsebytes(data)
    assert isinstance(message, EmailMessage)
    return Document(id=locator, text=message_text(message), source=SOURCE, kind=DocumentKind.MESSAGE,
                    created_at=message_date(message), visibility=Visibility.DIRECT)


def mbox_messages(stream: IO[bytes]) -> Iterator[bytes | None]:
    """Each message's bytes, split on 'From ' lines; None for a message too large to hold."""
    lines: list[bytes] = []
    size = 0
    too_big = False
    previous_blank = True
    for line in iter(lambda: stream.readline(_LINE_BYTES), b""):
        if line.startswith(b"From ") and previous_blank:
            if lines or too_big:
                yield None if too_big else b"".join(lines)
            lines, size, too_big = [], 0, False
            previous_blank = False
            continue
        previous_blank = not line.strip()
        if too_big:
            continue
        size += len(line)
        if size > MAX_MESSAGE_BYTES:
            too_big, lines = True, []
            continue
        lines.append(line[1:] if line.startswith(b">From ") else line)
    if lines or too_big:
        yield None if too_big else b"".join(lines)


def mailbox_documents(tree: ArchiveTree, path: str) -> Iterator[Document | Skipped]:
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for number, data in enumerate(mbox_messages(stream), 1):
            where = f"{locator}#{number}"
            if data is None:
                yield Skipped(where, f"message over {MAX_MESSAGE_BYTES:,} bytes; not read")
            else:
                yield message_document(data, where)


class GenericReader:
    """The fallback: every text-like member, email and mailbox in any tree."""

    name = "generic"

    def matches(self, tree: ArchiveTree) -> bool:
        return True

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        for path in tree.paths():
            suffix = suffix_of(path)
            try:
                if suffix in MAILBOX_SUFFIXES:
                    yield from mailbox_documents(tree, path)
                elif suffix == ".eml":
                    yield message_document(read_member(tree, path, MAX_MESSAGE_BYTES), tree.locator(path))
                elif suffix in TEXT_SUFFIXES:
                    data = read_member(tree, path, MAX_FILE_BYTES)
                    yield from documents_from_bytes(data, tree.locator(path), suffix, source=SOURCE)
            except InputError as error:
                yield Skipped(tree.locator(path), str(error))


READER = GenericReader()
