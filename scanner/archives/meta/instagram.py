"""Instagram data exports in JSON (2022 and 2024 layouts), and the HTML variant as page text.

The 2024 layout nests everything one level deeper (`your_instagram_activity/content/posts_1.json`,
`personal_information/personal_information/personal_information.json`), so members are recognised
by name patterns wherever they sit. Captions live in `media[].title` for single posts and in the
top-level `title` for carousels. Most other files are Meta's generic `string_map_data` records with
labels in the account's language, read by shape. Synced contacts are other people's phone numbers
and emails: reported as such, never as the person's own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.exif import photo_documents
from scanner.archives.formats.fields import by_shape, coordinates, from_epoch
from scanner.archives.formats.jsonstream import load_small, one_line
from scanner.archives.meta.text import (
    INFERENCE_FILES,
    html_documents,
    inference_documents,
    label_pairs,
    owner_names,
    record_documents,
    record_time,
    records,
    repaired,
    thread_documents,
    thread_paths,
)
from scanner.errors import ExposureError
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

SOURCE = "instagram"
Handler = Callable[[ArchiveTree, str, str], Iterator[Document]]

_MARKERS = re.compile(
    r"(?:^|/)(?:personal_information/(?:personal_information/)?personal_information\.(?:json|html)|"
    r"your_instagram_activity/|content/posts_\d+\.(?:json|html))"
)
_POSTS = re.compile(r"(?:^|/)content/(?:posts_\d+|stories|reels|igtv_videos|archived_posts)\.json$")
_COMMENTS = re.compile(r"(?:^|/)comments/(?:post|reels)_comments(?:_\d+)?\.json$")
_PERSONAL = re.compile(r"(?:^|/)personal_information/(?:personal_information/)?personal_information\.json$")
_CONTACTS = re.compile(r"(?:^|/)(?:synced_contacts|contacts)\.json$")
_POSSIBLE_EMAILS = re.compile(r"(?:^|/)possible_emails\.json$")
_RECORDS = re.compile(
    r"(?:^|/)(?:login_and_account_creation|personal_information|security_and_login_information)/"
    r"(?:.*/)?[^/]+\.json$"
)
_NAME_LABELS = {"name", "nom", "nombre", "nome", "naam", "imię", "isim"}
_COMMENT_LABELS = {"comment", "kommentar", "commentaire", "comentario", "commento", "comentário", "reactie"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InstagramReader:
    """Reads an Instagram data export (JSON; the HTML variant as page text)."""

    name = SOURCE

    def matches(self, tree: ArchiveTree) -> bool:
        return any(_MARKERS.search(path) for path in tree.paths())

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        paths = tree.paths()
        json_paths = [path for path in paths if path.endswith(".json")]
        if not json_paths:
            yield from html_documents(tree, [path for path in paths if path.endswith(".html")], SOURCE)
            return
        threads = set(thread_paths(json_paths))
        personal = next((path for path in json_paths if _PERSONAL.search(path)), None) if threads else None
        owner = owner_names(tree, personal, _personal_names)
        for path in json_paths:
            if path in threads:
                yield from thread_documents(tree, path, SOURCE, owner)
                continue
            read = _reader_for(path)
            if read is None:
                continue
            locator = tree.locator(path)
            try:
                yield from read(tree, path, locator)
            except ExposureError as error:
                yield Skipped(locator, str(error))
            except OSError as error:
                yield Skipped(locator, f"cannot read: {one_line(error)}")
        yield from photo_documents(tree, paths, SOURCE)


def _reader_for(path: str) -> Handler | None:
    if _POSTS.search(path):
        return _post_documents
    if _COMMENTS.search(path):
        return _comment_documents
    if _PERSONAL.search(path):
        return _personal_documents
    if _CONTACTS.search(path):
        return _contact_documents
    if _POSSIBLE_EMAILS.search(path):
        return _possible_email_documents
    if INFERENCE_FILES.search(path):
        return _inference_documents
    if _RECORDS.search(path):
        return _record_documents
    return None


def _record_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    return record_documents(tree, path, locator, SOURCE)


def _inference_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    return inference_documents(tree, path, locator, SOURCE)


def _media_geo(media: dict[str, Any]) -> list[StructuredValue]:
    found: list[StructuredValue] = []
    metadata = media.get("media_metadata")
    if not isinstance(metadata, dict):
        return found
    for kind in ("photo_metadata", "video_metadata"):
        section = metadata.get(kind)
        for exif in section.get("exif_data") or [] if isinstance(section, dict) else []:
            if isinstance(exif, dict):
                geo = coordinates(exif.get("latitude"), exif.get("longitude"), "post.media.exif")
                found += [geo] if geo else []
    return found


def _post_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, (_key, record) in enumerate(records(tree, path)):
        media = [item for item in record.get("media") or [record] if isinstance(item, dict)]
        captions = [record.get("title")] + [item.get("title") for item in media]
        text = list(dict.fromkeys(c for c in captions if isinstance(c, str) and c.strip()))
        structured = [geo for item in media for geo in _media_geo(item)]
        if not text and not structured:
            continue
        created = from_epoch(record.get("creation_timestamp")) or next(
            (t for item in media if (t := from_epoch(item.get("creation_timestamp")))), None
        )
        anchor = record.get("creation_timestamp") or (media[0].get("creation_timestamp") if media else None)
        yield Document(
            id=f"{locator}#{anchor or index}-{index}",
            text="\n".join(text),
            source=SOURCE,
            kind=DocumentKind.POST,
            created_at=created,
            visibility=Visibility.UNKNOWN,
            structured=tuple(dict.fromkeys(structured)),
        )


def _comment_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, (_key, record) in enumerate(records(tree, path)):
        pairs = list(label_pairs(record))
        chosen = [value for label, value in pairs if label.casefold() in _COMMENT_LABELS]
        if record.get("string_list_data"):
            chosen = [value for _label, value in pairs]
            owner = record.get("title")
        else:
            owner = next((v for label, v in pairs if "owner" in label.casefold()), None)
        text = chosen or [value for _label, value in pairs]
        if not text:
            continue
        yield Document(
            id=f"{locator}#{index}",
            text="\n".join(text),
            source=SOURCE,
            kind=DocumentKind.COMMENT,
            created_at=record_time(record),
            visibility=Visibility.UNKNOWN,
            metadata={"media_owner": owner} if isinstance(owner, str) and owner else {},
        )


def personal_values(pairs: list[tuple[str, str]]) -> list[StructuredValue]:
    """Stated facts among a profile's labelled values: email, phone, name, birth date."""
    found: list[StructuredValue] = []
    for label, value in pairs:
        field = f"personal_information.{label}"
        shaped = by_shape(value, field)
        if shaped:
            found.append(shaped)
        elif _DATE.match(value.strip()):
            found.append(StructuredValue("DATE_OF_BIRTH", value.strip(), field))
        elif label.casefold() in _NAME_LABELS:
            found.append(StructuredValue("PERSON", value, field))
    return found


def _personal_names(data: Any) -> list[str]:
    """The account's name and username: a thread's `sender_name` is one of them."""
    users = data.get("profile_user") if isinstance(data, dict) else data
    return [value for record in (users if isinstance(users, list) else [users]) if isinstance(record, dict)
            for label, value in label_pairs(record) if label.casefold() in _NAME_LABELS | {"username"}]


def _personal_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    loaded = load_small(tree, path)
    data = repaired(loaded.value)
    users = data.get("profile_user") if isinstance(data, dict) else data
    for index, record in enumerate(users if isinstance(users, list) else [users]):
        if not isinstance(record, dict):
            continue
        pairs = list(label_pairs(record))
        yield Document(
            id=f"{locator}#{index}",
            text="\n".join(f"{label}: {value}" for label, value in pairs),
            source=SOURCE,
            kind=DocumentKind.PROFILE,
            visibility=Visibility.UNKNOWN,
            structured=tuple(personal_values(pairs)),
        )
    loaded.settle()


def _contact_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    """Contacts uploaded from the person's phone: third-party names, numbers and emails."""
    for index, (_key, record) in enumerate(records(tree, path)):
        pairs = list(label_pairs(record))
        structured = [v for label, raw in pairs if (v := by_shape(raw, f"synced_contacts.{label}"))]
        name = " ".join(raw for _label, raw in pairs if not by_shape(raw, "")).strip()
        if name:
            structured.append(StructuredValue("PERSON", name, "synced_contacts.name"))
        if structured:
            yield Document(
                id=f"{locator}#{index}",
                text="",
                source=SOURCE,
                kind=DocumentKind.ACTIVITY,
                created_at=record_time(record),
                visibility=Visibility.PRIVATE,
                metadata={"third_party": "synced contact"},
                structured=tuple(structured),
            )


def _possible_email_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    emails = [
        StructuredValue("EMAIL_ADDRESS", value, "possible_emails")
        for _key, record in records(tree, path)
        for _label, value in label_pairs(record)
        if by_shape(value, "")
    ]
    if emails:
        yield Document(
            id=locator,
            text="",
            source=SOURCE,
            kind=DocumentKind.ACCOUNT,
            visibility=Visibility.PRIVATE,
            structured=tuple(emails),
        )
