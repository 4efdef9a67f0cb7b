"""Reddit GDPR exports: a flat zip of CSVs (posts, comments, messages, chats, IP logs, statistics).

Posts and comments carry their own permalinks and, for the last ~100 days, the IP they were sent
from. `ip_logs.csv` opens with a 'registration ip' row; `statistics.csv` holds key/value facts
such as the account's email. Dates read like '2023-04-04 04:42:19 UTC'; line endings vary.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.archives.base import ArchiveTree, MemberReader, member_documents
from scanner.archives.formats.csvrows import rows
from scanner.archives.formats.fields import is_email, is_ip, is_phone, parse_time
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

SOURCE = "reddit"
Row = dict[str, str]
Handler = MemberReader
_REDDIT_HEADER = ("id", "permalink", "date")


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1].casefold()


def _ip(row: Row, label: str) -> tuple[StructuredValue, ...]:
    ip = (row.get("ip") or "").strip()
    return (StructuredValue("IP_ADDRESS", ip, label),) if is_ip(ip) else ()


def _anchor(row: Row, index: int) -> str:
    return (row.get("id") or row.get("message_id") or "").strip() or str(index)


class RedditReader:
    """Reads a Reddit GDPR data export (CSV files)."""

    name = SOURCE

    def matches(self, tree: ArchiveTree) -> bool:
        names = {_name(path) for path in tree.paths()}
        if "statistics.csv" in names and ("ip_logs.csv" in names or "checkfile.csv" in names):
            return True
        return "comments.csv" in names and "posts.csv" in names and "subscribed_subreddits.csv" in names

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        for path in tree.paths():
            handler = _HANDLERS.get(_name(path))
            if handler is not None:
                yield from member_documents(tree, path, handler)


def _posts(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        text = "\n".join(part for part in (row.get("title", ""), row.get("body", "")) if part.strip())
        if row.get("url", "").strip() and row.get("url") != row.get("permalink"):
            text = f"{text}\n{row['url']}" if text else row["url"]
        if text.strip():
            yield Document(
                id=f"{locator}#{_anchor(row, index)}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.POST,
                url=row.get("permalink") or None,
                created_at=parse_time(row.get("date")),
                visibility=Visibility.PUBLIC,
                metadata={"subreddit": row.get("subreddit", "")},
                structured=_ip(row, "posts.ip"),
            )


def _comments(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        body = row.get("body", "")
        if body.strip() and body.strip() not in ("[deleted]", "[removed]"):
            yield Document(
                id=f"{locator}#{_anchor(row, index)}",
                text=body,
                source=SOURCE,
                kind=DocumentKind.COMMENT,
                url=row.get("permalink") or None,
                created_at=parse_time(row.get("date")),
                visibility=Visibility.PUBLIC,
                metadata={"subreddit": row.get("subreddit", "")},
                structured=_ip(row, "comments.ip"),
            )


def _messages(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        text = "\n".join(part for part in (row.get("subject", ""), row.get("body", "")) if part.strip())
        if text:
            yield Document(
                id=f"{locator}#{_anchor(row, index)}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.MESSAGE,
                url=row.get("permalink") or None,
                created_at=parse_time(row.get("date")),
                visibility=Visibility.DIRECT,
                structured=_ip(row, "messages.ip"),
            )


def _chats(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, row in enumerate(rows(tree, path)):
        text = row.get("message", "")
        if not text.strip():
            continue
        direct = row.get("conversation_type", "").strip().casefold() in ("direct", "")
        yield Document(
            id=f"{locator}#{_anchor(row, index)}",
            text=text,
            source=SOURCE,
            kind=DocumentKind.MESSAGE,
            created_at=parse_time(row.get("created_at")),
            visibility=Visibility.DIRECT if direct else Visibility.PRIVATE,
            metadata={"channel": row.get("channel_name", ""), "subreddit": row.get("subreddit", "")},
        )


def _ip_logs(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    """One document per distinct IP (a busy account logs thousands of requests from a few addresses)."""
    seen: set[str] = set()
    for index, row in enumerate(rows(tree, path)):
        ip, date = (row.get("ip") or "").strip(), (row.get("date") or "").strip()
        if not is_ip(ip) or ip in seen:
            continue
        seen.add(ip)
        registration = date.casefold() == "registration ip"
        label = "ip_logs.registration_ip" if registration else "ip_logs.ip"
        yield Document(
            id=f"{locator}#{index}",
            text="",
            source=SOURCE,
            kind=DocumentKind.ACCOUNT,
            created_at=None if registration else parse_time(date),
            visibility=Visibility.PRIVATE,
            structured=(StructuredValue("IP_ADDRESS", ip, label),),
        )


def _key_values(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    """statistics.csv and the small one-fact files: emails, phone numbers, birth dates, account names."""
    found: list[StructuredValue] = []
    created = None
    for row in rows(tree, path):
        for key, value in _pairs(row):
            label = f"{_name(path).removesuffix('.csv')}.{key}"
            lowered = key.casefold()
            if is_email(value):
                found.append(StructuredValue("EMAIL_ADDRESS", value, label))
            elif "phone" in lowered and is_phone(value):
                found.append(StructuredValue("PHONE_NUMBER", value, label))
            elif "birth" in lowered:
                found.append(StructuredValue("DATE_OF_BIRTH", value, label))
            elif lowered in ("account name", "username"):
                found.append(StructuredValue("USERNAME", value, label))
            elif lowered == "registration date":
                created = parse_time(value)
    if found:
        yield Document(
            id=locator,
            text="",
            source=SOURCE,
            kind=DocumentKind.ACCOUNT,
            created_at=created,
            visibility=Visibility.PRIVATE,
            structured=tuple(found),
        )


def _pairs(row: Row) -> Iterator[tuple[str, str]]:
    """statistics.csv rows are (statistic, value); other small files are one row of named columns."""
    values = list(row.values())
    keys = [key.casefold() for key in row]
    if keys[:2] == ["statistic", "value"] and len(values) >= 2:
        yield values[0].strip(), values[1].strip()
        return
    yield from ((key, value.strip()) for key, value in row.items() if value.strip())


_HANDLERS: dict[str, Handler] = {
    "posts.csv": _posts,
    "comments.csv": _comments,
    "messages.csv": _messages,
    "messages_archive.csv": _messages,
    "chat_history.csv": _chats,
    "ip_logs.csv": _ip_logs,
    "statistics.csv": _key_values,
    "linked_phone_number.csv": _key_values,
    "birthdate.csv": _key_values,
}
