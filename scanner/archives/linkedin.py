"""LinkedIn data exports ("Basic" and "Complete" archives): a flat folder of CSVs.

File names drifted between export years ('Phone Numbers.csv' / 'PhoneNumbers.csv'), so members
are matched on their name with case, spaces and underscores ignored, and a CSV under another name is
recognised by its header columns, wherever it sits in the zip. An export is LinkedIn's when two kinds of
its files are there (a partial download holds only some: messages with connections, shares with
comments). Quirks handled: the 'Notes:' preamble before Connections' header, 2018's UTF-16LE
tab-separated files, multi-line share text quoted per line, and HTML entities in 2018 message bodies.

Other people's data is marked as such (`third_party`): the connections, and the messages the owner
received (the owner is the profile's name, else the one person in every conversation).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator

from scanner.archives.base import ArchiveTree, MemberReader, member_documents
from scanner.archives.formats.csvrows import rows
from scanner.archives.formats.fields import by_shape, parse_time
from scanner.archives.formats.technical import technical
from scanner.archives.trees.members import head
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

SOURCE = "linkedin"
Row = dict[str, str]
Handler = MemberReader

_KEY = re.compile(r"[\s_]+")
_URL = re.compile(r"https?://[^\s,\]]+")
_VISIBILITY = {
    "MEMBER_NETWORK": Visibility.FOLLOWERS,
    "CONNECTIONS": Visibility.FOLLOWERS,
    "PUBLIC": Visibility.PUBLIC,
    "ANYONE": Visibility.PUBLIC,
}


def _key(path: str) -> str:
    return _KEY.sub("", path.rsplit("/", 1)[-1]).casefold()


def repair_commentary(value: str) -> str:
    """Undo the per-line quoting of multi-line share text ('a"\\n""\\n"b' -> 'a\\n\\nb')."""
    text = value.replace('"\n"', "\n")
    if '"\n' in text or '\n"' in text:
        text = text.replace('"\n', "\n").replace('\n"', "\n")
    return text.strip().strip('"').strip()


def _get(row: Row, *names: str) -> str:
    """A column by any of its names across export years, case-insensitively."""
    lowered = {key.casefold(): value for key, value in row.items()}
    for name in names:
        value = lowered.get(name.casefold())
        if value and value.strip():
            return value.strip()
    return ""


class LinkedInReader:
    """Reads a LinkedIn data export (CSV files)."""

    name = SOURCE

    def matches(self, tree: ArchiveTree) -> bool:
        kinds = {kind for path in tree.paths() if (kind := _kind(tree, path)) in _SIGNATURES}
        return len(kinds) >= MIN_KINDS

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        for path in tree.paths():
            handler = _HANDLERS.get(_kind(tree, path) or "")
            if handler is not None:
                yield from member_documents(tree, path, handler)


MIN_KINDS = 2
"""Kinds of LinkedIn files (by name or header) that make an export LinkedIn's."""
_SIGNATURES: dict[str, frozenset[str]] = {
    "profile.csv": frozenset({"first name", "last name", "headline"}),
    "connections.csv": frozenset({"first name", "last name", "connected on"}),
    "messages.csv": frozenset({"from", "to", "content"}),
    "shares.csv": frozenset({"sharecommentary"}),
    "comments.csv": frozenset({"date", "link", "message"}),
    "emailaddresses.csv": frozenset({"email address", "primary"}),
    "phonenumbers.csv": frozenset({"number", "type"}),
    "positions.csv": frozenset({"company name", "title", "started on"}),
    "education.csv": frozenset({"school name", "degree name"}),
}
"""Columns every layout of each file has (lower case): how a member under another name is recognised."""
HEADER_BYTES = 2048
"""Enough to read past Connections' 'Notes:' preamble to its header."""


def _header_columns(tree: ArchiveTree, path: str) -> list[frozenset[str]]:
    """The column sets of the first lines of a CSV member (one of them is its header)."""
    raw = head(tree, path, HEADER_BYTES)
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    lines = raw.decode(encoding, errors="replace").splitlines()[:8]
    found = []
    for line in lines:
        delimiter = "\t" if line.count("\t") > line.count(",") else ","
        for row in csv.reader(io.StringIO(line), delimiter=delimiter):
            found.append(frozenset(cell.strip().strip('"').casefold() for cell in row))
    return found


def _kind(tree: ArchiveTree, path: str) -> str | None:
    """Which LinkedIn file a member is, by its header (and name); None if none.

    A file with a known header is that file whatever its name; one with a LinkedIn name but another
    header is not LinkedIn's (Reddit's export has a messages.csv too). Files with no signature (logins,
    searches) go by name.
    """
    if not path.lower().endswith(".csv"):
        return None
    key = _key(path)
    if key in _HANDLERS and key not in _SIGNATURES:
        return key
    headers = _header_columns(tree, path)
    return next((kind for kind, columns in _SIGNATURES.items()
                 if any(columns <= header for header in headers)), None)


def _profile(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        name = " ".join(part for part in (_get(row, "First Name"), _get(row, "Last Name")) if part)
        text = "\n".join(v for v in (_get(row, "Headline"), _get(row, "Summary"), _get(row, "Industry")) if v)
        public = [StructuredValue("PERSON", name, "profile.name")] if name else []
        if location := _get(row, "Geo Location", "Location"):
            public.append(StructuredValue("LOCATION", location, "profile.geo_location"))
        yield Document(
            id=f"{locator}#{index}",
            text=text,
            source=SOURCE,
            kind=DocumentKind.PROFILE,
            visibility=Visibility.PUBLIC,
            structured=tuple(public),
        )
        stated = [
            StructuredValue(entity, value, f"profile.{label}")
            for entity, label, value in (
                ("PERSON", "maiden_name", _get(row, "Maiden Name")),
                ("STREET_ADDRESS", "address", _get(row, "Address")),
                ("DATE_OF_BIRTH", "birth_date", _get(row, "Birth Date")),
                ("POSTAL_CODE", "zip_code", _get(row, "Zip Code")),
                ("USERNAME", "twitter_handles", _get(row, "Twitter Handles")),
                *(("URL", "websites", url) for url in _URL.findall(_get(row, "Websites"))),
                ("USERNAME", "instant_messengers", _get(row, "Instant Messengers")),
            )
            if value
        ]
        contact = _get(row, "Contact Instructions")
        if stated or contact:
            yield Document(
                id=f"{locator}#{index}-contact",
                text=contact,
                source=SOURCE,
                kind=DocumentKind.ACCOUNT,
                visibility=Visibility.UNKNOWN,
                structured=tuple(stated),
            )


def _is_connections_header(row: list[str]) -> bool:
    return any(cell.strip().casefold() == "first name" for cell in row)


def _connections(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    """Connections are other people: names and emails stated about them, not the person's text."""
    stated: list[StructuredValue] = []
    count = 0
    for row in rows(tree, path, _is_connections_header):
        count += 1
        name = " ".join(part for part in (_get(row, "First Name"), _get(row, "Last Name")) if part)
        if name:
            stated.append(StructuredValue("PERSON", name, "connections.name"))
        if email := _get(row, "Email Address"):
            stated.append(StructuredValue("EMAIL_ADDRESS", email, "connections.email_address"))
    if count:
        yield Document(
            id=locator,
            text="",
            source=SOURCE,
            kind=DocumentKind.ACCOUNT,
            visibility=Visibility.UNKNOWN,
            metadata={"connections": str(count), "third_party": "connections"},
            structured=tuple(stated),
        )


def _profile_name(tree: ArchiveTree) -> str | None:
    """The owner's name from Profile.csv, when the export has one."""
    for path in tree.paths():
        if _key(path) == "profile.csv":
            for row in rows(tree, path):
                name = " ".join(part for part in (_get(row, "First Name"), _get(row, "Last Name")) if part)
                return name or None
    return None


def _owner(tree: ArchiveTree, path: str) -> str | None:
    """Who the export belongs to: the profile's name, else the one person in every conversation."""
    if name := _profile_name(tree):
        return name
    conversations: dict[str, set[str]] = {}
    for index, row in enumerate(rows(tree, path)):
        people = {_get(row, "FROM"), *(part.strip() for part in _get(row, "TO").split(","))} - {""}
        conversations.setdefault(_get(row, "CONVERSATION ID") or str(index), set()).update(people)
    counts = Counter(person for people in conversations.values() for person in people)
    common = counts.most_common(2)
    if not common or len(conversations) < 2 or (len(common) > 1 and common[0][1] == common[1][1]):
        return None
    return common[0][0] if common[0][1] == len(conversations) else None


def _received(row: Row, owner: str | None) -> bool:
    direction = _get(row, "Direction").upper()
    if direction:
        return direction == "INCOMING"
    return owner is not None and _get(row, "FROM") not in ("", owner)


def _messages(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    """Messages sent and received; received ones are someone else's words (third party)."""
    owner = _owner(tree, path)
    for index, row in enumerate(rows(tree, path)):
        body = html_to_text(_get(row, "CONTENT"))
        subject = _get(row, "SUBJECT")
        text = "\n".join(part for part in (subject, body) if part)
        if not text:
            continue
        metadata = {
            key: value
            for key, value in (("folder", _get(row, "FOLDER")), ("direction", _get(row, "Direction")))
            if value
        }
        if _received(row, owner):
            metadata["third_party"] = "message received"
        yield Document(
            id=f"{locator}#{_get(row, 'CONVERSATION ID') or 'row'}-{index}",
            text=text,
            source=SOURCE,
            kind=DocumentKind.MESSAGE,
            created_at=parse_time(_get(row, "DATE")),
            visibility=Visibility.DIRECT,
            metadata=metadata,
        )


def _shares(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        text = repair_commentary(_get(row, "ShareCommentary"))
        if not text:
            continue
        visibility = _VISIBILITY.get(_get(row, "Visibility").upper(), Visibility.PUBLIC)
        link = _get(row, "ShareLink")
        yield Document(
            id=f"{locator}#{link.rstrip('/').rsplit('/', 1)[-1] if link else index}",
            text=text,
            source=SOURCE,
            kind=DocumentKind.POST,
            url=link or None,
            created_at=parse_time(_get(row, "Date")),
            visibility=visibility,
        )


def _comments(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        text = repair_commentary(_get(row, "Message"))
        if text:
            yield Document(
                id=f"{locator}#{index}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.COMMENT,
                url=_get(row, "Link") or None,
                created_at=parse_time(_get(row, "Date")),
                visibility=Visibility.PUBLIC,
            )


def _invitations(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        if text := _get(row, "Message"):
            yield Document(
                id=f"{locator}#{index}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.MESSAGE,
                created_at=parse_time(_get(row, "Sent At")),
                visibility=Visibility.DIRECT,
                metadata={"direction": _get(row, "Direction")} if _get(row, "Direction") else {},
            )


def _positions(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    return _profile_rows(tree, path, locator, ("Title", "Description", "Location"),
                         "Company Name", "positions.company_name")


def _education(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    return _profile_rows(tree, path, locator, ("Degree Name", "Notes", "Activities"),
                         "School Name", "education.school_name")


def _profile_rows(tree: ArchiveTree, path: str, locator: str, text_columns: tuple[str, ...],
                  organisation_column: str, field: str) -> Iterator[Document]:
    """Positions and Education: public profile rows whose text columns are free text and one column
    names an organisation (a stated value)."""
    for index, row in enumerate(rows(tree, path)):
        text = "\n".join(part for part in (_get(row, column) for column in text_columns) if part)
        organisation = _get(row, organisation_column)
        if text or organisation:
            yield Document(
                id=f"{locator}#{index}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.PROFILE,
                visibility=Visibility.PUBLIC,
                structured=(StructuredValue("ORGANIZATION", organisation, field),) if organisation else (),
            )


def _searches(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        if query := _get(row, "Search Query"):
            yield Document(
                id=f"{locator}#{index}",
                text=query,
                source=SOURCE,
                kind=DocumentKind.SEARCH,
                created_at=parse_time(_get(row, "Time")),
                visibility=Visibility.PRIVATE,
            )


def _stated(label: str, entity: str | None = None) -> Handler:
    """A handler for account files whose every value is a stated fact (emails, phones, IPs)."""

    def read(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
        seen: set[str] = set()
        for index, row in enumerate(rows(tree, path)):
            found: list[StructuredValue] = []
            for column, value in row.items():
                value = value.strip()
                if technical(column, value):
                    continue
                if entity == "PHONE_NUMBER" and column.casefold() in {"number", "phone number"} and value:
                    found.append(StructuredValue(entity, value, f"{label}.{column}"))
                elif (shaped := by_shape(value, f"{label}.{column}")) and shaped.entity != "PHONE_NUMBER":
                    found.append(shaped)
            found = [value for value in found if value.value not in seen]
            seen |= {value.value for value in found}
            if found:
                when = parse_time(_get(row, "Registered At", "Login Date", "Updated On", "Date"))
                yield Document(
                    id=f"{locator}#{index}",
                    text="",
                    source=SOURCE,
                    kind=DocumentKind.ACCOUNT,
                    created_at=when,
                    visibility=Visibility.PRIVATE,
                    structured=tuple(found),
                )

    return read


_HANDLERS: dict[str, Handler] = {
    "profile.csv": _profile,
    "connections.csv": _connections,
    "messages.csv": _messages,
    "shares.csv": _shares,
    "comments.csv": _comments,
    "invitations.csv": _invitations,
    "positions.csv": _positions,
    "education.csv": _education,
    "searchqueries.csv": _searches,
    "emailaddresses.csv": _stated("email_addresses"),
    "phonenumbers.csv": _stated("phone_numbers", "PHONE_NUMBER"),
    "whatsappphonenumbers.csv": _stated("whatsapp_phone_numbers", "PHONE_NUMBER"),
    "registration.csv": _stated("registration"),
    "logins.csv": _stated("logins"),
}
