"""Google Keep notes (one JSON file per note) and the Google account profile (Profile.json)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.fields import from_epoch, is_email
from scanner.archives.jsonstream import load_small
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, StructuredValue, Visibility

SOURCE = "google"


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
    note = load_small(tree, path)
    if not isinstance(note, dict):
        return
    sharees = [
        StructuredValue("EMAIL_ADDRESS", sharee["email"], "keep.sharees")
        for sharee in note.get("sharees") or []
        if isinstance(sharee, dict) and isinstance(sharee.get("email"), str) and is_email(sharee["email"])
    ]
    text = note_text(note)
    if not text and not sharees:
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


def profile_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    """Profile.json: the account's names, email addresses and birthday."""
    profile = load_small(tree, path)
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
