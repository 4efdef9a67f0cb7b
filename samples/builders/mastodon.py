"""The persona's Mastodon account export (@rowan@mastodon.example) as the tar.gz Mastodon hands out."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path
from typing import Any

ACTOR = "https://mastodon.example/users/rowan"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    {"ostatus": "http://ostatus.org#", "sensitive": "as:sensitive"},
]


def _note(number: int, html: str, to: list[str], cc: list[str], **extra: Any) -> dict[str, Any]:
    status = f"{ACTOR}/statuses/11234567890{number}"
    return {
        "id": f"{status}/activity",
        "type": "Create",
        "actor": ACTOR,
        "published": f"2024-05-0{number}T10:00:00Z",
        "to": to,
        "cc": cc,
        "object": {
            "id": status,
            "type": "Note",
            "summary": None,
            "inReplyTo": None,
            "published": f"2024-05-0{number}T10:00:00Z",
            "url": f"https://mastodon.example/@rowan/11234567890{number}",
            "attributedTo": ACTOR,
            "to": to,
            "cc": cc,
            "sensitive": False,
            "conversation": "tag:x",
            "content": html,
            "contentMap": {"en": html},
            "attachment": [],
            "tag": [],
            **extra,
        },
    }


def outbox() -> dict[str, Any]:
    followers = f"{ACTOR}/followers"
    items = [
        _note(
            1,
            '<p>Knee surgery recovery day 30: walked all of Mount Tabor! Thanks <span class="h-card">'
            '<a href="https://mastodon.example/@jonas" class="u-url mention">@<span>jonas</span></a>'
            "</span></p>",
            [PUBLIC],
            [followers],
        ),
        _note(2, "<p>Unlisted musing: Quaker meeting was so quiet today.</p>", [followers], [PUBLIC]),
        _note(3, "<p>Followers only: the union local voted yes!</p>", [followers], []),
        _note(
            4,
            '<p><span class="h-card"><a href="https://mastodon.example/@jonas">@jonas</a></span> call me on '
            "+1 503-555-0142 when you land</p>",
            ["https://mastodon.example/users/jonas"],
            [],
        ),
        _note(
            5,
            "<p>Low blood sugar at work again, managers never get it</p>",
            [PUBLIC],
            [followers],
            summary="diabetes, health",
            attachment=[
                {
                    "type": "Document",
                    "mediaType": "image/jpeg",
                    "url": "/media_attachments/files/112/345/original/a1.jpg",
                    "name": "My insulin pump and CGM on the desk at Fernwood Analytics",
                }
            ],
        ),
        {
            "id": f"{ACTOR}/statuses/1129/activity",
            "type": "Announce",
            "actor": ACTOR,
            "published": "2024-05-06T10:00:00Z",
            "to": [PUBLIC],
            "cc": [followers],
            "object": "https://other.example/users/someone/statuses/1",
        },
        {
            "id": f"{ACTOR}/statuses/1130/activity",
            "type": "Create",
            "actor": ACTOR,
            "published": "2024-05-07T10:00:00Z",
            "to": [PUBLIC],
            "cc": [followers],
            "object": {
                "id": f"{ACTOR}/statuses/1130",
                "type": "Question",
                "published": "2024-05-07T10:00:00Z",
                "url": "https://mastodon.example/@rowan/1130",
                "to": [PUBLIC],
                "cc": [followers],
                "content": "<p>Best park in Portland?</p>",
                "oneOf": [
                    {"type": "Note", "name": "Mount Tabor", "replies": {"totalItems": 3}},
                    {"type": "Note", "name": "Forest Park", "replies": {"totalItems": 1}},
                ],
            },
        },
    ]
    return {
        "@context": CONTEXT,
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": 6,
        "orderedItems": items,
    }


def actor() -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": ACTOR,
        "type": "Person",
        "preferredUsername": "rowan",
        "name": "Ro Hale",
        "summary": "<p>Data engineer in Portland. T1D, she/they, Quaker. Formerly @rowanhale@old.example</p>",
        "url": "https://mastodon.example/@rowan",
        "published": "2022-11-05T00:00:00Z",
        "attachment": [
            {"type": "PropertyValue", "name": "Email", "value": "rowan.hale@example.org"},
            {
                "type": "PropertyValue",
                "name": "Web",
                "value": '<a href="https://rowanhale.example.org" rel="me">rowanhale.example.org</a>',
            },
        ],
        "alsoKnownAs": ["https://old.example/users/rowanhale"],
        "icon": {"type": "Image", "mediaType": "image/png", "url": "avatar.png"},
        "publicKey": {
            "id": f"{ACTOR}#main-key",
            "owner": ACTOR,
            "publicKeyPem": "-----BEGIN PUBLIC KEY-----\n...",
        },
    }


def files() -> dict[str, bytes]:
    """The export's members, path -> bytes (outbox.json on one compact line, as Mastodon writes it)."""
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    return {
        "outbox.json": json.dumps(outbox(), **compact).encode(),  # type: ignore[arg-type]
        "actor.json": json.dumps(actor(), indent=2).encode(),
        "likes.json": json.dumps(
            {
                "@context": CONTEXT,
                "id": "likes.json",
                "type": "OrderedCollection",
                "orderedItems": ["https://other.example/users/x/statuses/9"],
            }
        ).encode(),
        "bookmarks.json": json.dumps(
            {"@context": CONTEXT, "id": "bookmarks.json", "type": "OrderedCollection", "orderedItems": []}
        ).encode(),
        "media_attachments/files/112/345/original/a1.jpg": b"\xff\xd8\xff\xd9",
    }


def build(samples: Path) -> Path:
    """samples/mastodon-archive.tar.gz (deterministic: fixed times and owners, no gzip timestamp)."""
    target = samples / "mastodon-archive.tar.gz"
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path, data in sorted(files().items()):
            info = tarfile.TarInfo(path)
            info.size, info.mtime, info.mode = len(data), 1717329600, 0o600
            archive.addfile(info, io.BytesIO(data))
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
        packed.write(tar_bytes.getvalue())
    return target
