"""Mastodon account exports (`archive-<date>-<hash>.tar.gz`): outbox.json and actor.json.

outbox.json is one compact line holding every post ever made, so it is streamed item by item.
The export does not say who could read a post: visibility is derived from the ActivityPub
addressing (Public in `to` = public, in `cc` = unlisted, only the followers collection =
followers-only, only people = a direct message). Boosts (`Announce`) are other people's posts and
are not read. Content and bios are HTML; profile fields may state an email or a phone number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import by_shape, parse_time
from scanner.archives.formats.jsonstream import elements, load_small, one_line, sniff
from scanner.errors import ExposureError
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

SOURCE = "mastodon"
PUBLIC_ADDRESSES = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
_NOTES = {"Note", "Question", "Article", "Page"}


def _addresses(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def visibility(to: Any, cc: Any) -> Visibility:
    """Who could read a status, from its ActivityPub addressing."""
    to_list, cc_list = _addresses(to), _addresses(cc)
    if PUBLIC_ADDRESSES & set(to_list):
        return Visibility.PUBLIC
    if PUBLIC_ADDRESSES & set(cc_list):
        return Visibility.UNLISTED
    if any(address.endswith("/followers") for address in to_list + cc_list):
        return Visibility.FOLLOWERS
    return Visibility.DIRECT


def status_text(note: dict[str, Any]) -> str:
    """What the person wrote in a status: content warning, text, poll options and image descriptions."""
    parts: list[str] = []
    if isinstance(note.get("summary"), str):
        parts.append(note["summary"])
    content = note.get("content")
    if not isinstance(content, str):
        content_map = note.get("contentMap")
        content = (
            next(iter(content_map.values()), "") if isinstance(content_map, dict) and content_map else ""
        )
    if isinstance(content, str):
        parts.append(html_to_text(content))
    for key in ("oneOf", "anyOf"):
        parts += [
            option["name"]
            for option in note.get(key) or []
            if isinstance(option, dict) and isinstance(option.get("name"), str)
        ]
    parts += [
        item["name"]
        for item in note.get("attachment") or []
        if isinstance(item, dict) and isinstance(item.get("name"), str)
    ]
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] + "/" if "/" in path else ""


class MastodonReader:
    """Reads a Mastodon account export."""

    name = SOURCE

    def matches(self, tree: ArchiveTree) -> bool:
        paths = set(tree.paths())
        for path in paths:
            if path.endswith("outbox.json") and f"{_folder(path)}actor.json" in paths:
                try:
                    head = sniff(tree, f"{_folder(path)}actor.json", 2048)
                except (ExposureError, OSError):
                    return False
                return "activitystreams" in head or "preferredUsername" in head
        return False

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        for path in tree.paths():
            name = path.rsplit("/", 1)[-1]
            if name not in ("actor.json", "outbox.json"):
                continue
            locator = tree.locator(path)
            try:
                yield from (_actor if name == "actor.json" else _outbox)(tree, path, locator)
            except ExposureError as error:
                yield Skipped(locator, str(error))
            except OSError as error:
                yield Skipped(locator, f"cannot read: {one_line(error)}")


def _outbox(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    with tree.open(path) as stream:
        for index, (key, item) in enumerate(elements(stream, ("orderedItems.item",))):
            if key != "orderedItems" or not isinstance(item, dict) or item.get("type") != "Create":
                continue
            note = item.get("object")
            if not isinstance(note, dict) or note.get("type") not in _NOTES:
                continue
            text = status_text(note)
            if not text:
                continue
            url = note.get("url") or note.get("id")
            content_map = note.get("contentMap")
            metadata = {"sensitive": "yes"} if note.get("sensitive") else {}
            if isinstance(content_map, dict) and content_map:
                metadata["language"] = str(next(iter(content_map)))
            if note.get("inReplyTo"):
                metadata["reply"] = "yes"
            audience = visibility(note.get("to", item.get("to")), note.get("cc", item.get("cc")))
            yield Document(
                id=f"{locator}#{note.get('id') or index}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.MESSAGE if audience is Visibility.DIRECT else DocumentKind.POST,
                url=url if isinstance(url, str) else None,
                created_at=parse_time(note.get("published") or item.get("published")),
                visibility=audience,
                metadata=metadata,
            )


def profile_values(actor: dict[str, Any]) -> list[StructuredValue]:
    """Handles, former accounts and contact details stated in profile fields."""
    found: list[StructuredValue] = []
    if isinstance(actor.get("preferredUsername"), str):
        found.append(StructuredValue("USERNAME", actor["preferredUsername"], "actor.preferredUsername"))
    for alias in _addresses(actor.get("alsoKnownAs")) + _addresses(actor.get("movedTo")):
        found.append(StructuredValue("URL", alias, "actor.alsoKnownAs"))
    for field in actor.get("attachment") or []:
        if (
            isinstance(field, dict)
            and field.get("type") == "PropertyValue"
            and isinstance(field.get("value"), str)
        ):
            shaped = by_shape(
                html_to_text(field["value"]).removeprefix("mailto:").removeprefix("tel:"),
                f"actor.fields.{field.get('name') or 'value'}",
            )
            found += [shaped] if shaped else []
    return found


def _actor(tree: ArchiveTree, path: str, locator: str) -> Iterator[Document]:
    loaded = load_small(tree, path)
    actor = loaded.value
    if not isinstance(actor, dict):
        return
    parts = [
        actor.get("name"),
        html_to_text(actor["summary"]) if isinstance(actor.get("summary"), str) else None,
    ]
    for field in actor.get("attachment") or []:
        if isinstance(field, dict) and isinstance(field.get("value"), str):
            parts.append(f"{field.get('name') or ''}: {html_to_text(field['value'])}")
    url = actor.get("url") or actor.get("id")
    yield Document(
        id=locator,
        text="\n".join(part for part in parts if isinstance(part, str) and part.strip()),
        source=SOURCE,
        kind=DocumentKind.PROFILE,
        url=url if isinstance(url, str) else None,
        created_at=parse_time(actor.get("published")),
        visibility=Visibility.PUBLIC,
        structured=tuple(profile_values(actor)),
    )
    loaded.settle()
