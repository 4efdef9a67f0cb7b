"""LinkedIn data exports ("Basic" and "Complete" archives): a flat folder of CSVs.

File names drifted between export years ('Phone Numbers.csv' / 'PhoneNumbers.csv'), so members
are matched on their name with case, spaces and underscores ignored. Quirks handled: the 'Notes:'
preamble before Connections' header, 2018's UTF-16LE tab-separated files, multi-line share text
quoted per line, and HTML entities in 2018 message bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.archives.base import ArchiveTree, MemberReader, member_documents
from scanner.archives.formats.csvrows import rows
from scanner.archives.formats.fields import by_shape, parse_time
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
        keys = {_key(path) for path in tree.paths() if path.lower().endswith(".csv")}
        has_profile = "profile.csv" in keys
        return has_profile and bool(
            keys & {"connections.csv", "messages.csv", "shares.csv", "emailaddresses.csv"}
        )

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        for path in tree.paths():
            handler = _HANDLERS.get(_key(path))
            if handler is not None:
                yield from member_documents(tree, path, handler)


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


def _messages(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
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
    for index, row in enumerate(rows(tree, path)):
        text = "\n".join(
            v for v in (_get(row, "Title"), _get(row, "Description"), _get(row, "Location")) if v
        )
        company = _get(row, "Company Name")
        if text or company:
            yield Document(
                id=f"{locator}#{index}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.PROFILE,
                visibility=Visibility.PUBLIC,
                structured=(StructuredValue("ORGANIZATION", company, "positions.company_name"),)
                if company
                else (),
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
    "searchqueries.csv": _searches,
    "emailaddresses.csv": _stated("email_addresses"),
    "phonenumbers.csv": _stated("phone_numbers", "PHONE_NUMBER"),
    "whatsappphonenumbers.csv": _stated("whatsapp_phone_numbers", "PHONE_NUMBER"),
    "registration.csv": _stated("registration"),
    "logins.csv": _stated("logins"),
}
