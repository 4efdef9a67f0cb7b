"""Google Keep notes (one JSON file per note, or an HTML page) and the Google account profile (Profile.json).

Takeout writes each note twice, `<title>.json` and `<title>.html`; the JSON says more (sharees, exact
times), so an HTML note is read only when it has no JSON sibling (an export made with HTML alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import from_epoch, is_email
from scanner.archives.formats.jsonstream import load_small
from scanner.archives.takeout.dates import parse_display_time
from scanner.archives.trees.members import HTML_PAGE_BYTES
from scanner.errors import InputError
from scanner.htmltext import MAX_PARSE_DEPTH, html_to_text, nesting_depth, parse
from scanner.models import Document, DocumentKind, StructuredValue, Visibility

SOURCE = "google"
NOTE_HTML_MARKER = b'<div class="note'
"""How a Keep note's HTML page starts its body (`<div class="note DEFAULT">`); its CSS says `.note`."""
NOTE_SNIFF_BYTES = 64 * 1024


def note_text(note: dict[str, Any]) -> str:
    """Title, body, checklist items and saved links' titles of a note."""
    parts: list[Any] = [note.get("title"), note.get("textContent")]
    if not note.get("textContent") and isinstance(note.get("textContentHtml"), str):
        parts.append(html_to_text(note["textContentHtml"]))
    parts += [item.get("text") for item in note.get("listContent") or [] if isinstance(item, dict)]
    for link in note.get("annotations") or []:
        if isinstance(link, dict):
            parts += [link.get("title"), link.get("url")]
    return "\n".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def keep_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    loaded = load_small(tree, path)
    note = loaded.value
    if not isinstance(note, dict):
        return
    sharees = [
        StructuredValue("EMAIL_ADDRESS", sharee["email"], "keep.sharees")
        for sharee in note.get("sharees") or []
        if isinstance(sharee, dict) and isinstance(sharee.get("email"), str) and is_email(sharee["email"])
    ]
    text = note_text(note)
    if not text and not sharees:
        loaded.settle()
        return
    metadata = {"trashed": "yes"} if note.get("isTrashed") else {}
    if sharees:
        metadata["shared"] = "yes"
    yield Document(
        id=tree.locator(path),
        text=text,
        source=SOURCE,
        kind=DocumentKind.NOTE,
        created_at=from_epoch(note.get("createdTimestampUsec") or note.get("userEditedTimestampUsec")),
        visibility=Visibility.PRIVATE,
        metadata=metadata,
        structured=tuple(sharees),
    )
    loaded.settle()


def is_note_html(head: bytes) -> bool:
    """True when the first bytes of an HTML member are a Keep note page."""
    return NOTE_HTML_MARKER in head and b'class="heading"' in head


def keep_html_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    """A Keep note's HTML page: title, body and checklist as text, the time from its heading."""
    if tree.size(path) > HTML_PAGE_BYTES:
        raise InputError(f"HTML page larger than {HTML_PAGE_BYTES // 2**20} MB; not read")
    with tree.open(path) as stream:
        html = stream.read().decode("utf-8", errors="replace")
    if nesting_depth(html) > MAX_PARSE_DEPTH:
        raise InputError("HTML nested too deep for a Keep note; not read")
    page = parse(html)
    for node in page.css(".bullet, .meta-icons"):
        node.decompose()
    heading, title, content = (page.css_first(f".note .{part}") for part in ("heading", "title", "content"))
    body = html_to_text(content.html or "") if content else ""
    lines = [title.text(deep=True) if title else "", *body.splitlines()]
    text = "\n".join(line.strip() for line in lines if line.strip())
    if not text:
        return
    yield Document(
        id=tree.locator(path),
        text=text,
        source=SOURCE,
        kind=DocumentKind.NOTE,
        created_at=parse_display_time(heading.text(deep=True)) if heading else None,
        visibility=Visibility.PRIVATE,
    )


def profile_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    """Profile.json: the account's names, email addresses and birthday."""
    loaded = load_small(tree, path)
    profile = loaded.value
    if not isinstance(profile, dict):
        return
    found: list[StructuredValue] = []
    raw_name = profile.get("name")
    name = raw_name if isinstance(raw_name, dict) else {}
    for value, label in (
        (name.get("formattedName"), "profile.name"),
        (profile.get("displayName"), "profile.displayName"),
    ):
        if isinstance(value, str) and value.strip():
            found.append(StructuredValue("PERSON", value.strip(), label))
    for email in profile.get("emails") or []:
        value = email.get("value") if isinstance(email, dict) else email
        if isinstance(value, str) and is_email(value):
            found.append(StructuredValue("EMAIL_ADDRESS", value, "profile.emails"))
    birthday = profile.get("birthday")
    if isinstance(birthday, str) and birthday.strip():
        found.append(StructuredValue("DATE_OF_BIRTH", birthday.strip(), "profile.birthday"))
    if found:
        yield Document(
            id=tree.locator(path),
            text="",
            source=SOURCE,
            kind=DocumentKind.PROFILE,
            visibility=Visibility.UNKNOWN,
            structured=tuple(dict.fromkeys(found)),
        )
    loaded.settle()
