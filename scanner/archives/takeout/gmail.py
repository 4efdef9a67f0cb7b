"""Gmail's mbox, streamed: one document per message, the message's subject and body text.

An mbox of a whole mailbox runs to many GB, so `mailbox.mbox` (which indexes the whole file and
seeks) is not used: messages are split on their 'From ' separator lines as the bytes stream past
(mboxrd '>From ' quoting undone) and each is parsed on its own with the `email` package. A message
is read up to MAX_MESSAGE_BYTES (attachments follow the body, so a cut keeps the text). Messages
Gmail filed as Spam are not the person's data and are left out. The separators' byte offsets let a
batch cut a large mailbox into spans of whole messages, one task each (scanner.batch.units).

Mail the owner received is someone else's words about them and others: it is marked `third_party`
("mail received", as LinkedIn's messages received are) and ranks below the owner's own data. Mail the
owner wrote stays theirs: Gmail's Sent or Drafts label, or a From address of the owner's (the account
profile's, a Delivered-To of this mailbox, or one seen on the owner's Sent mail). A message with no
labels and no known owner address is left unmarked: nothing says whose it is.
"""

from __future__ import annotations

import email.policy
import re
from collections.abc import Callable, Iterator
from datetime import UTC
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from hashlib import sha256
from typing import IO

from scanner.archives.base import ArchiveTree
from scanner.errors import ExposureError
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Visibility

SOURCE = "gmail"
MAX_MESSAGE_BYTES = 8 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 200_000
"""Body text kept per message: beyond this is quoted history or generated mail."""
_SEPARATOR = re.compile(rb"^From \S+ +\w{3} \w{3} +\d{1,2} \d\d:\d\d:\d\d")
_QUOTED_FROM = re.compile(rb"^>+From ")
_PARSER = BytesParser(policy=email.policy.default)
_RAW_HEADERS = BytesHeaderParser(policy=email.policy.compat32)
_TEACHING = frozenset({"delivered-to", "x-gmail-labels", "from"})
"""The headers whose values say what a message teaches of the owner's addresses (see `received`)."""
OWN_LABELS = frozenset({"sent", "drafts", "gesendet", "entwürfe", "envoyés", "brouillons", "enviados",
                        "borradores", "inviati", "bozze", "verzonden", "concepten"})
"""Gmail's labels for mail the owner wrote (Sent, Drafts), in the languages Takeout writes them."""
RECEIVED = "mail received"
"""The `third_party` mark of mail someone else wrote (scanner.scoring.owner)."""


Span = tuple[int, int | None]
"""[start, stop) in an mbox's bytes: the messages whose separator line starts there (None: to the end)."""


class Mailbox:
    """An mbox stream read message by message, with where each message starts: byte offsets let a batch
    cut a large mailbox into spans of whole messages."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.at = 0
        """Where the message being read starts (its separator line)."""

    def messages(self, stop: int | None = None, start: int = 0,
                 wants_body: Callable[[bytes], bool] | None = None) -> Iterator[tuple[int, bytes, bool]]:
        """(offset, message bytes, cut short) for each message, up to the first separator at `stop` on.
        A message before `start` comes whole only if `wants_body`, shown its header block, asks for it;
        else its bytes come back empty and its body lines are only checked for separators, so a span
        passes the mail before it at about the speed of reading lines."""
        lines: list[bytes] = []
        size, cut, previous_blank, position, passing = 0, False, True, 0, False
        asking = wants_body is not None and start > 0
        while line := self._stream.readline(MAX_LINE_BYTES):
            offset, position = position, position + len(line)
            if line.startswith(b"From ") and (previous_blank or _SEPARATOR.match(line)):
                if lines:
                    yield self.at, b"" if passing else b"".join(lines), cut
                if stop is not None and offset >= stop:
                    return
                lines, size, cut, previous_blank, self.at, passing = [], 0, False, False, offset, False
                asking = wants_body is not None and offset < start
                continue
            previous_blank = line in (b"\n", b"\r\n")
            if passing:
                continue
            if _QUOTED_FROM.match(line):
                line = line[1:]
            if size + len(line) > MAX_MESSAGE_BYTES:
                cut = True
                continue
            lines.append(line)
            size += len(line)
            if previous_blank and asking:
                asking = False
                passing = wants_body is not None and not wants_body(b"".join(lines))
        if lines:
            yield self.at, b"" if passing else b"".join(lines), cut


def split_mbox(stream: IO[bytes]) -> Iterator[tuple[bytes, bool]]:
    """(message bytes, cut short) for each message of an mbox stream."""
    for _, message, cut in Mailbox(stream).messages():
        yield message, cut


def body_text(message: EmailMessage) -> str:
    """The readable body: the plain-text part, else the HTML part as text."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (KeyError, LookupError, ValueError, TypeError, AttributeError):
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (KeyError, LookupError, ValueError, TypeError, AssertionError, AttributeError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        content = html_to_text(content)
    return content[:MAX_TEXT_CHARS]


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name) or "").strip()
    except (ValueError, TypeError, IndexError, AttributeError):
        return ""


def owner_addresses(message: EmailMessage, labels: frozenset[str]) -> set[str]:
    """The owner's addresses a message shows: Delivered-To names this mailbox, and Sent mail comes from it."""
    found = {address.casefold() for _, address in getaddresses([_header(message, "Delivered-To")]) if address}
    sender = parseaddr(_header(message, "From"))[1].casefold()
    return found | {sender} if labels & OWN_LABELS and sender else found


def received(message: EmailMessage, labels: frozenset[str], owners: set[str]) -> bool:
    """Whether someone other than the owner wrote the message; learns the owner's addresses on the way."""
    owners.update(owner_addresses(message, labels))
    sender = parseaddr(_header(message, "From"))[1].casefold()
    if labels & OWN_LABELS:
        return False
    return bool(sender) and sender not in owners and bool(owners or labels)


def _labels(message: EmailMessage) -> tuple[str, frozenset[str]]:
    labels = _header(message, "X-Gmail-Labels")
    return labels, frozenset(label.strip().casefold() for label in labels.split(",") if label.strip())


def _text(message: EmailMessage) -> str:
    subject = _header(message, "Subject")
    return "\n\n".join(part for part in (subject, body_text(message).strip()) if part)


def _header_end(raw: bytes) -> int:
    """Where a message's header block surely ends: after the first blank line (the parser stops there or
    sooner), so the headers are split without reading past them into a large body."""
    ends = [at + 1 for at in (raw.find(b"\n\n"), raw.find(b"\n\r\n")) if at >= 0]
    return min(ends) if ends else len(raw)


class OwnerLearning:
    """What reading messages as documents learns of the owner's addresses, without making the documents:
    a span of a mailbox learns from the messages before it, so it marks mail as the whole read does.

    What a message can teach depends on its Delivered-To, X-Gmail-Labels and From headers alone (it
    teaches only when read: not spam, some text), so once a message's raw values of those headers can
    teach nothing new, messages repeating them are passed after a cheap split of their header block
    (compat32 keeps raw values, about 5x faster than the default policy): a mailbox delivered to one
    address repeats them in nearly every message."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self._idle: set[tuple[tuple[str, str], ...]] = set()

    def head(self, head: bytes) -> bool:
        """Learn what a message's header block teaches; True when that depends on its body (no Subject:
        the message is read, and teaches, only if its body has text)."""
        key = _teaching_key(head)
        if key in self._idle:
            return False
        parsed = _PARSER.parsebytes(head, headersonly=True)
        assert isinstance(parsed, EmailMessage)
        _, names = _labels(parsed)
        addresses = set() if "spam" in names else owner_addresses(parsed, names)
        if addresses and not addresses <= self.known and not _header(parsed, "Subject"):
            return True
        self.known.update(addresses)
        self._idle.add(key)
        return False

    def learn(self, raw: bytes) -> None:
        """Learn what a whole message teaches, as reading it would."""
        head = raw[:_header_end(raw)]
        if not self.head(head):
            return
        message = _PARSER.parsebytes(raw)
        assert isinstance(message, EmailMessage)
        if _text(message):
            self.known.update(owner_addresses(message, _labels(message)[1]))
            self._idle.add(_teaching_key(head))


def _teaching_key(head: bytes) -> tuple[tuple[str, str], ...]:
    """The raw values of the headers that decide what a message teaches (compat32 keeps them as written)."""
    return tuple((name.casefold(), value) for name, value in _RAW_HEADERS.parsebytes(head).raw_items()
                 if name.casefold() in _TEACHING)


def _document(raw: bytes, cut: bool, anchor: str, locator: str, known: set[str]) -> Document | None:
    """A message as a document; None for spam and messages with no text."""
    message = _PARSER.parsebytes(raw)
    assert isinstance(message, EmailMessage)
    labels, names = _labels(message)
    if "spam" in names:
        return None
    text = _text(message)
    if not text:
        return None
    try:
        created = parsedate_to_datetime(_header(message, "Date"))
        created = created if created.tzinfo else created.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        created = None
    message_id = _header(message, "Message-ID")
    anchor = sha256(message_id.encode()).hexdigest()[:16] if message_id else anchor
    metadata = {"labels": labels} if labels else {}
    if cut:
        metadata["cut"] = f"read up to {MAX_MESSAGE_BYTES // 2**20} MB"
    if received(message, names, known):
        metadata["third_party"] = RECEIVED
    return Document(
        id=f"{locator}#{anchor}",
        text=text,
        source=SOURCE,
        kind=DocumentKind.MESSAGE,
        created_at=created,
        visibility=Visibility.DIRECT,
        metadata=metadata,
    )


def mbox_documents(tree: ArchiveTree, path: str, owners: frozenset[str] = frozenset(),
                   span: Span | None = None) -> Iterator[Document]:
    """One document per message (of `span` only, when given: the mailbox is streamed from its start, as a
    zip member cannot seek, and the messages before the span only teach the owner's addresses); mail
    received is marked third party (see the module docstring)."""
    locator = tree.locator(path)
    known = set(owners)
    before = OwnerLearning(known)
    start, stop = span or (0, None)
    with tree.open(path) as stream:
        mailbox = Mailbox(stream)
        try:
            for index, (offset, raw, cut) in enumerate(mailbox.messages(stop, start, before.head)):
                if offset < start:
                    if raw:  # empty when its header block settled what it teaches
                        before.learn(raw)
                    continue
                document = _document(raw, cut, str(index), locator, known)
                if document is not None:
                    yield document
        except (ExposureError, OSError):
            if mailbox.at >= start:
                raise
            # the mailbox breaks in a message before this span: the span holding it reports it, once
