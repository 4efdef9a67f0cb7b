"""Google Takeout: a zip (or several) rooted at `Takeout/`, folder and file names in the account's language.

Because names are localised ('YouTube und YouTube Music/Kommentare/Kommentare.csv', 'Meine
Aktivitäten', 'Verlauf.json'), each member is recognised by its content: the first bytes of a
JSON file say whether it is Location History, My Activity, Chrome history, a Keep note, a Photos
sidecar, Google Chat messages, Maps reviews or the profile; a CSV is a YouTube comment file when
its cells hold Takeout's segment JSON; an HTML page is My Activity when it holds activity cells and
a Keep note when it has a note's markup (and no JSON twin); `.vcf` and `.ics` files are Contacts
and Calendar when they start like vCards and iCalendars; every `.mbox` is Gmail. Only product
parts with personal text or stated facts are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.exif import photo_documents
from scanner.archives.formats.jsonstream import one_line, sniff
from scanner.archives.takeout.activity import activity_documents, browser_documents
from scanner.archives.takeout.activity_html import SNIFF_BYTES, activity_html_documents, is_activity_html
from scanner.archives.takeout.calendar import event_documents, is_calendar
from scanner.archives.takeout.chat import chat_documents
from scanner.archives.takeout.contacts import contact_documents, is_vcard
from scanner.archives.takeout.gmail import Span, mbox_documents
from scanner.archives.takeout.keep import (
    is_note_html,
    keep_documents,
    keep_html_documents,
    profile_documents,
    profile_emails,
)
from scanner.archives.takeout.location import photo_sidecar_documents, record_documents, semantic_documents
from scanner.archives.takeout.reviews import is_reviews, review_documents
from scanner.archives.takeout.youtube import comment_documents, is_comment_csv
from scanner.archives.trees.members import HTML_PAGE_BYTES
from scanner.errors import ExposureError
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Skipped, Visibility

SOURCE = "google"
Read = Callable[[ArchiveTree, str], Iterator[Document]]

ARCHIVE_BROWSERS = {"archive_browser.html", "archiv_übersicht.html"}
"""The index page Takeout puts at its root, in the languages seen."""
_SPACE = re.compile(r"\s+")
_PROFILE_NAMES = {"profile.json", "profil.json"}
_YOUTUBE_HTML = re.compile(r"(?i)(?:^|/)(?:my-comments|my-live-chat-messages)/[^/]+\.html$")


def html_kind(tree: ArchiveTree, path: str, paths: set[str]) -> Read | None:
    """Which Takeout part an HTML page is, from its first bytes: My Activity, or a Keep note without JSON."""
    with tree.open(path) as stream:
        head = stream.read(SNIFF_BYTES + 4096)
    if is_activity_html(head):
        return activity_html_documents
    if is_note_html(head) and path[: -len(".html")] + ".json" not in paths:
        return keep_html_documents
    return None


def text_kind(head: str, path: str) -> Read | None:
    """Contacts (.vcf) and Calendar (.ics) members, when their first line says they are."""
    lowered = path.casefold()
    if lowered.endswith(".vcf") and is_vcard(head):
        return contact_documents
    if lowered.endswith(".ics") and is_calendar(head):
        return event_documents
    return None


def json_kind(head: str, path: str) -> Read | None:
    """Which Takeout part a JSON member is, from its first bytes (and the profile's file name)."""
    compact = _SPACE.sub("", head)
    if compact.startswith('{"locations":'):
        return record_documents
    if compact.startswith('{"timelineObjects":'):
        return semantic_documents
    if compact.startswith('{"BrowserHistory":'):
        return browser_documents
    if compact.startswith("[{") and '"header":' in compact and '"time":' in compact:
        return activity_documents
    if (
        compact.startswith("{")
        and ('"textContent"' in compact or '"listContent"' in compact)
        and ("TimestampUsec" in compact)
    ):
        return keep_documents
    if compact.startswith("{") and '"photoTakenTime"' in compact:
        return photo_sidecar_documents
    if compact.startswith('{"messages":[') and '"creator":' in compact:
        return chat_documents
    if compact.startswith("{") and is_reviews(compact):
        return review_documents
    if path.rsplit("/", 1)[-1].casefold() in _PROFILE_NAMES and '"emails"' in compact:
        return profile_documents
    return None


class TakeoutReader:
    """Reads a Google Takeout export (JSON, CSV, HTML, mbox, vCard, iCalendar and photos)."""

    name = SOURCE

    def matches(self, tree: ArchiveTree) -> bool:
        for path in tree.paths():
            parts = path.split("/")
            if parts[-1].casefold() in ARCHIVE_BROWSERS and len(parts) <= 3:
                return True
            if parts[0] == "Takeout" and len(parts) > 2:
                return True
        return False

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        return self.documents_in(tree, tree.paths())

    def documents_in(self, tree: ArchiveTree, members: Sequence[str],
                     span: Span | None = None) -> Iterator[Document | Skipped]:
        """The documents of `members` only, while what spans the export (a Keep note's JSON twin, the
        owner's addresses for Gmail) is looked up in the whole tree: a batch reads a large Takeout as
        ranges of members, and a large mailbox as byte spans of its messages (`span`, for a range that is
        one .mbox member), and the ranges together read what the whole does."""
        export = _Export(tree)
        for path in members:
            try:
                yield from _member_documents(export, path, span)
            except ExposureError as error:
                yield Skipped(tree.locator(path), str(error))
            except OSError as error:
                yield Skipped(tree.locator(path), f"cannot read: {one_line(error)}")
        yield from photo_documents(tree, members, SOURCE, Visibility.PRIVATE)


class _Export:
    """The whole export a member is read in: its member set, and the owner's addresses once asked for."""

    def __init__(self, tree: ArchiveTree) -> None:
        self.tree = tree
        self.paths = tree.paths()
        self.members = set(self.paths)
        self._owners: frozenset[str] | None = None

    @property
    def owners(self) -> frozenset[str]:
        if self._owners is None:
            self._owners = _account_addresses(self.tree, self.paths)
        return self._owners


def _member_documents(export: _Export, path: str, span: Span | None) -> Iterator[Document | Skipped]:
    """One member's documents, by what its name and first bytes say it is."""
    tree, lowered = export.tree, path.casefold()
    read: Read | None = None
    if lowered.endswith(".json"):
        read = json_kind(sniff(tree, path), path)
    elif lowered.endswith(".csv"):
        read = comment_documents if is_comment_csv(tree, path) else None
    elif lowered.endswith(".mbox"):
        yield from mbox_documents(tree, path, export.owners, span)
    elif _YOUTUBE_HTML.search(path):
        yield from _html_comments(tree, path)
    elif lowered.endswith((".html", ".htm")):
        read = html_kind(tree, path, export.members)
    elif lowered.endswith((".vcf", ".ics")):
        read = text_kind(sniff(tree, path), path)
    if read is not None:
        yield from read(tree, path)


def _account_addresses(tree: ArchiveTree, paths: list[str]) -> frozenset[str]:
    """The owner's addresses from the account profile, read before Gmail (whose mail is whose). A profile
    that cannot be read here adds none; reading it as a document reports why (a Skipped)."""
    found: set[str] = set()
    for path in paths:
        if path.rsplit("/", 1)[-1].casefold() in _PROFILE_NAMES:
            try:
                found |= profile_emails(tree, path)
            except (ExposureError, OSError):
                continue
    return frozenset(found)


def _html_comments(tree: ArchiveTree, path: str) -> Iterator[Document | Skipped]:
    """Older exports list YouTube comments as an HTML page: read as its text."""
    if tree.size(path) > HTML_PAGE_BYTES:
        yield Skipped(tree.locator(path), f"HTML page larger than {HTML_PAGE_BYTES // 2**20} MB; not read")
        return
    with tree.open(path) as stream:
        text = html_to_text(stream.read().decode("utf-8", errors="replace"))
    if text:
        yield Document(
            id=tree.locator(path),
            text=text,
            source="youtube",
            kind=DocumentKind.COMMENT,
            visibility=Visibility.PUBLIC,
        )
