"""Facebook "Download Your Information" exports in JSON (2019-2022 layout and the 2023+ one).

The 2023+ layout moved everything under `your_facebook_activity/`, `personal_information/`,
`connections/` and `logged_information/`, and describes many records generically with localised
`label_values`; files are therefore recognised by their folder and file name patterns wherever they
sit, and generic records by their shape. Posts, comments and Messenger threads are the person's
text; the profile, logins, friends and places are stated facts (structured values).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from typing import Any

from scanner.archives.base import ArchiveTree, MemberReader, member_documents
from scanner.archives.formats.exif import photo_documents
from scanner.archives.formats.fields import coordinates, from_epoch, is_ip
from scanner.archives.formats.jsonstream import load_small
from scanner.archives.meta.text import (
    INFERENCE_FILES,
    html_documents,
    inference_documents,
    label_pairs,
    owner_names,
    place_values,
    record_documents,
    record_time,
    records,
    repaired,
    thread_documents,
    thread_paths,
)
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

SOURCE = "facebook"
Handler = MemberReader
_ODD_DATA = (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError)

_POSTS = re.compile(
    r"(?:^|/)(?:posts|groups)/(?:your_posts[^/]*|[^/]*check_ins[^/]*|[^/]*group_posts[^/]*)\.json$"
)
_COMMENTS = re.compile(r"(?:^|/)comments(?:_and_reactions)?/comments(?:_\d+)?\.json$")
_PROFILE = re.compile(r"(?:^|/)profile_information/profile_information\.json$")
_FRIENDS = re.compile(r"(?:^|/)(?:friends_and_followers|friends)/(?:your_)?friends(?:_\d+)?\.json$")
_RECORDS = re.compile(
    r"(?:^|/)(?:security_and_login_information|logged_information|location|"
    r"personal_information)/(?:.*/)?[^/]+\.json$"
)
_MARKERS = re.compile(
    r"(?:^|/)(?:profile_information/profile_information\.(?:json|html)|posts/your_posts_\d+\."
    r"(?:json|html)|your_facebook_activity/)"
)


class FacebookReader:
    """Reads a Facebook DYI export (JSON; the HTML variant as page text)."""

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
        profile = next((path for path in json_paths if _PROFILE.search(path)), None) if threads else None
        owner = owner_names(tree, profile, _profile_names)
        for path in json_paths:
            if path in threads:
                yield from thread_documents(tree, path, SOURCE, owner)
            elif _PROFILE.search(path):
                yield from _guarded(tree, path, _profile_documents)
            elif _POSTS.search(path):
                yield from _guarded(tree, path, _post_documents)
            elif _COMMENTS.search(path):
                yield from _guarded(tree, path, _comment_documents)
            elif _FRIENDS.search(path):
                yield from _guarded(tree, path, _friend_documents)
            elif INFERENCE_FILES.search(path):
                yield from _guarded(tree, path, _inference_documents)
            elif _RECORDS.search(path):
                yield from _guarded(tree, path, _record_documents)
        yield from photo_documents(tree, paths, SOURCE)


def _guarded(tree: ArchiveTree, path: str, read: Handler) -> Iterator[Document | Skipped]:
    """One member's documents; odd data in one record costs that member, not the export."""
    return member_documents(tree, path, read, _ODD_DATA)


def _record_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    return record_documents(tree, path, locator, SOURCE)


def _inference_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    return inference_documents(tree, path, locator, SOURCE)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value.strip():
        yield value


def post_parts(record: dict[str, Any], label: str) -> tuple[list[str], list[StructuredValue]]:
    """The person's text in a post or check-in and the places and photo metadata it states."""
    text: list[str] = []
    structured: list[StructuredValue] = []
    for entry in record.get("data") or []:
        if isinstance(entry, dict):
            text += _strings(entry.get("post"))
    for attachment in record.get("attachments") or []:
        for entry in (attachment or {}).get("data") or [] if isinstance(attachment, dict) else []:
            if not isinstance(entry, dict):
                continue
            media = entry.get("media")
            if isinstance(media, dict):
                text += _strings(media.get("description"))
                structured += _photo_metadata(media, label)
            place = entry.get("place")
            if isinstance(place, dict):
                text += _strings(place.get("name"))
                structured += place_values(place, f"{label}.place")
            for key in ("event", "note"):
                item = entry.get(key)
                if isinstance(item, dict):
                    text += [value for field in ("name", "text") for value in _strings(item.get(field))]
            text += _strings(entry.get("text"))
    for pair_label, value in label_pairs(record):
        text.append(f"{pair_label}: {value}")
    return text, structured


def _photo_metadata(media: dict[str, Any], label: str) -> list[StructuredValue]:
    found: list[StructuredValue] = []
    metadata = media.get("media_metadata") or {}
    for kind in ("photo_metadata", "video_metadata"):
        for exif in (metadata.get(kind) or {}).get("exif_data") or [] if isinstance(metadata, dict) else []:
            if not isinstance(exif, dict):
                continue
            geo = coordinates(exif.get("latitude"), exif.get("longitude"), f"{label}.media.exif")
            found += [geo] if geo else []
            ip = exif.get("upload_ip")
            if isinstance(ip, str) and is_ip(ip):
                found.append(StructuredValue("IP_ADDRESS", ip, f"{label}.media.upload_ip"))
    return found


def _post_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, (_key, record) in enumerate(records(tree, path)):
        text, structured = post_parts(record, "post")
        if not text and not structured:
            continue
        yield Document(
            id=f"{locator}#{record.get('timestamp') or index}-{index}",
            text="\n".join(text),
            source=SOURCE,
            kind=DocumentKind.POST,
            created_at=record_time(record),
            visibility=Visibility.UNKNOWN,
            structured=tuple(structured),
        )


def _comment_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    for index, (_key, record) in enumerate(records(tree, path, ("comments_v2.item", "comments.item"))):
        text: list[str] = []
        metadata: dict[str, str] = {}
        created = record_time(record)
        for entry in record.get("data") or []:
            comment = entry.get("comment") if isinstance(entry, dict) else None
            if isinstance(comment, dict):
                text += _strings(comment.get("comment"))
                created = created or from_epoch(comment.get("timestamp"))
                if isinstance(comment.get("group"), str):
                    metadata["group"] = comment["group"]
        text += [f"{label}: {value}" for label, value in label_pairs(record)]
        if text:
            yield Document(
                id=f"{locator}#{record.get('timestamp') or index}-{index}",
                text="\n".join(text),
                source=SOURCE,
                kind=DocumentKind.COMMENT,
                created_at=created,
                visibility=Visibility.UNKNOWN,
                metadata=metadata,
            )


def _friend_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    """Friends are other people: their names are stated, never scanned as the person's own text."""
    names = [
        StructuredValue("PERSON", record["name"], "friends.name")
        for _key, record in records(tree, path)
        if isinstance(record.get("name"), str)
    ]
    if names:
        yield Document(
            id=locator,
            text="",
            source=SOURCE,
            kind=DocumentKind.ACCOUNT,
            visibility=Visibility.UNKNOWN,
            metadata={"friends": str(len(names)), "third_party": "friends"},
            structured=tuple(names),
        )


def _profile_names(data: Any) -> list[str]:
    """The profile's full name, as Messenger writes it in `sender_name`."""
    profile = (data.get("profile_v2") or data.get("profile") or data) if isinstance(data, dict) else None
    name = profile.get("name") if isinstance(profile, dict) else None
    full = name.get("full_name") if isinstance(name, dict) else name
    return [full] if isinstance(full, str) else []


def _profile_documents(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    loaded = load_small(tree, path)
    data = repaired(loaded.value)
    profile = data.get("profile_v2") or data.get("profile") or data if isinstance(data, dict) else {}
    if not isinstance(profile, dict):
        return
    structured = profile_values(profile)
    text = [
        value
        for key in ("about_me", "intro_bio", "bio", "favorite_quotes")
        for value in _strings(_text_of(profile.get(key)))
    ]
    yield Document(
        id=locator,
        text="\n".join(text),
        source=SOURCE,
        kind=DocumentKind.PROFILE,
        url=profile.get("profile_uri") if isinstance(profile.get("profile_uri"), str) else None,
        created_at=from_epoch(profile.get("registration_timestamp")),
        visibility=Visibility.UNKNOWN,
        structured=tuple(structured),
    )
    loaded.settle()


def _text_of(value: Any) -> Any:
    return value.get("bio") or value.get("value") if isinstance(value, dict) else value


Stated = tuple[str, Any, str]
"""An entity, the value a profile field holds (any JSON, kept only if it is text) and its label."""


def profile_values(profile: dict[str, Any]) -> list[StructuredValue]:
    """Stated facts in profile_information: names, emails, phones, birthday, places, family, work."""
    stated = chain(_contacts(profile), _birthday(profile), _places_and_people(profile),
                   _address_and_work(profile))
    return [StructuredValue(entity, value.strip(), label)
            for entity, value, label in stated if isinstance(value, str) and value.strip()]


def _contacts(profile: dict[str, Any]) -> Iterator[Stated]:
    name = profile.get("name") or {}
    yield "PERSON", name.get("full_name") if isinstance(name, dict) else name, "profile.name"
    emails = profile.get("emails") or {}
    for key in ("emails", "previous_emails", "pending_emails", "ad_account_emails"):
        for email in emails.get(key) or [] if isinstance(emails, dict) else []:
            yield "EMAIL_ADDRESS", email, f"profile.{key}"
    for phone in profile.get("phone_numbers") or []:
        number = phone.get("phone_number") if isinstance(phone, dict) else phone
        yield "PHONE_NUMBER", number, "profile.phone_numbers"


def _birthday(profile: dict[str, Any]) -> Iterator[Stated]:
    birthday = profile.get("birthday")
    if isinstance(birthday, dict) and birthday.get("month") and birthday.get("day"):
        year = f"{int(birthday['year']):04d}-" if birthday.get("year") else ""
        yield ("DATE_OF_BIRTH", f"{year}{int(birthday['month']):02d}-{int(birthday['day']):02d}",
               "profile.birthday")


def _places_and_people(profile: dict[str, Any]) -> Iterator[Stated]:
    for key in ("current_city", "hometown"):
        place = profile.get(key)
        yield "LOCATION", place.get("name") if isinstance(place, dict) else place, f"profile.{key}"
    for member in profile.get("family_members") or []:
        if isinstance(member, dict):
            yield ("FAMILY_MEMBER", member.get("name"),
                   f"profile.family_members ({member.get('relation') or 'family'})")
    relationship = profile.get("relationship")
    if isinstance(relationship, dict):
        yield "FAMILY_MEMBER", relationship.get("partner"), "profile.relationship.partner"
    for key in ("previous_names", "other_names"):
        for old in profile.get(key) or []:
            yield "PERSON", old.get("name") if isinstance(old, dict) else old, f"profile.{key}"


def _address_and_work(profile: dict[str, Any]) -> Iterator[Stated]:
    address = profile.get("address")
    if isinstance(address, dict):
        parts = [str(part) for part in address.values() if isinstance(part, str) and part]
        yield "STREET_ADDRESS", ", ".join(parts), "profile.address"
    for job in profile.get("work_experiences") or []:
        if isinstance(job, dict):
            yield "ORGANIZATION", job.get("employer"), "profile.work_experiences"
    for school in profile.get("education_experiences") or []:
        if isinstance(school, dict):
            yield "ORGANIZATION", school.get("name"), "profile.education_experiences"
    yield "USERNAME", profile.get("username"), "profile.username"
