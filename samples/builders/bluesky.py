"""The persona's Bluesky repository export: samples/bluesky-repo.car (CARv1, DAG-CBOR, a real MST).

Blocks are encoded here (a ~40-line DAG-CBOR encoder: canonical map key order, CID links as tag 42),
CIDs are CIDv1 dag-cbor over sha256, and the records are arranged in a Merkle search tree with the
atproto layering rule (leading zero bits of sha256(key), two per layer), so any atproto tool can
walk it. The commit's signature is 64 zero bytes: the sample is not signed by a real key.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DID = "did:plc:rowanhale5ampl3xyzexample"
LEGACY_DID = "did:plc:jonasbfriendexample00000"


@dataclass(frozen=True)
class Link:
    """A CID link inside a block (encoded as CBOR tag 42)."""

    cid: bytes


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for size, code, form in ((0xFF, 24, ">B"), (0xFFFF, 25, ">H"), (0xFFFFFFFF, 26, ">I")):
        if value <= size:
            return bytes([major << 5 | code]) + struct.pack(form, value)
    return bytes([major << 5 | 27]) + struct.pack(">Q", value)


def encode(value: Any) -> bytes:
    """DAG-CBOR: canonical (shortest heads, map keys sorted by length then bytes), links as tag 42."""
    if value is None:
        return b"\xf6"
    if value is True or value is False:
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode()
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: (len(key.encode()), key.encode()))
        return _head(5, len(keys)) + b"".join(encode(key) + encode(value[key]) for key in keys)
    if isinstance(value, Link):
        return b"\xd8\x2a" + encode(b"\x00" + value.cid)
    raise TypeError(f"cannot encode {type(value).__name__}")


def cid_of(block: bytes) -> bytes:
    """CIDv1, dag-cbor (0x71), sha2-256 multihash."""
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _layer(key: str) -> int:
    digest = hashlib.sha256(key.encode()).digest()
    zeros = 0
    for byte in digest:
        if byte == 0:
            zeros += 8
            continue
        zeros += 8 - byte.bit_length()
        break
    return zeros // 2


class Repo:
    """Blocks in insertion order, addressed by CID."""

    def __init__(self) -> None:
        self.blocks: dict[bytes, bytes] = {}

    def put(self, value: Any) -> bytes:
        block = encode(value)
        cid = cid_of(block)
        self.blocks.setdefault(cid, block)
        return cid

    def tree(self, entries: list[tuple[str, bytes]], layer: int) -> bytes | None:
        """An MST node for sorted (key, record CID) pairs at `layer`; lower-layer keys go into subtrees."""
        if not entries:
            return None
        here = [index for index, (key, _) in enumerate(entries) if _layer(key) >= layer]
        if layer == 0 or not here:
            if layer == 0:
                here = list(range(len(entries)))
            else:
                return self._node(self.tree(entries, layer - 1), [])
        left = self.tree(entries[: here[0]], layer - 1)
        items: list[dict[str, Any]] = []
        previous = b""
        for position, index in enumerate(here):
            key = entries[index][0].encode()
            shared = 0
            while shared < min(len(key), len(previous)) and key[shared] == previous[shared]:
                shared += 1
            end = here[position + 1] if position + 1 < len(here) else len(entries)
            subtree = self.tree(entries[index + 1 : end], layer - 1)
            items.append(
                {
                    "p": shared,
                    "k": key[shared:],
                    "v": Link(entries[index][1]),
                    "t": Link(subtree) if subtree else None,
                }
            )
            previous = key
        return self._node(left, items)

    def _node(self, left: bytes | None, items: list[dict[str, Any]]) -> bytes:
        return self.put({"l": Link(left) if left else None, "e": items})


def _post(text: str, created: str, **extra: Any) -> dict[str, Any]:
    return {"$type": "app.bsky.feed.post", "text": text, "createdAt": created, "langs": ["en"], **extra}


RECORDS: list[tuple[str, dict[str, Any]]] = [
    (
        "app.bsky.actor.profile/self",
        {
            "$type": "app.bsky.actor.profile",
            "displayName": "Ro Hale",
            "description": "Portland. Data engineer at Fernwood Analytics. "
            "Parent, Quaker, union member. rowan.hale@example.org",
        },
    ),
    (
        "app.bsky.feed.post/3kq2a4bcd2k2a",
        _post(
            "First post here! Still in Portland, still on an insulin pump.", "2024-02-10T09:30:00.000-08:00"
        ),
    ),
    (
        "app.bsky.feed.post/3kq7xyzab3s2b",
        _post(
            "Knee is finally healed after last year's surgery, walked all of Mount Tabor today",
            "2024-03-02T17:45:10.000-08:00",
            embed={
                "$type": "app.bsky.embed.images",
                "images": [
                    {
                        "alt": "Rowan and Maisie at the Mount Tabor reservoir, 45.5118, -122.5941",
                        "image": {
                            "$type": "blob",
                            "mimeType": "image/jpeg",
                            "size": 123456,
                            "ref": Link(b"\x01\x55\x12\x20" + hashlib.sha256(b"photo").digest()),
                        },
                    }
                ],
            },
        ),
    ),
    (
        "app.bsky.feed.post/3kr5mnop42c2c",
        _post(
            "@jonas.example yes, call me on 503-555-0142 when you land",
            "2024-04-18T21:03:00.000Z",
            reply={
                "root": {
                    "uri": f"at://{LEGACY_DID}/app.bsky.feed.post/3kr5aaaaaaa2a",
                    "cid": "bafyreiexample",
                },
                "parent": {
                    "uri": f"at://{LEGACY_DID}/app.bsky.feed.post/3kr5aaaaaaa2a",
                    "cid": "bafyreiexample",
                },
            },
        ),
    ),
    (
        "app.bsky.feed.like/3kr6likeaaa2d",
        {
            "$type": "app.bsky.feed.like",
            "createdAt": "2024-04-19T10:00:00.000Z",
            "subject": {
                "uri": f"at://{LEGACY_DID}/app.bsky.feed.post/3kr5aaaaaaa2a",
                "cid": "bafyreiexample",
            },
        },
    ),
    (
        "app.bsky.feed.repost/3kr6rpstaaa2e",
        {
            "$type": "app.bsky.feed.repost",
            "createdAt": "2024-04-19T10:01:00.000Z",
            "subject": {
                "uri": f"at://{LEGACY_DID}/app.bsky.feed.post/3kr5aaaaaaa2a",
                "cid": "bafyreiexample",
            },
        },
    ),
    (
        "app.bsky.graph.follow/3kq2follwaa2f",
        {"$type": "app.bsky.graph.follow", "subject": LEGACY_DID, "createdAt": "2024-02-10T09:31:00.000Z"},
    ),
]
"""(collection/rkey, record): profile, three posts (image alt text, a reply), a like, a repost, a follow."""


def car_bytes(records: list[tuple[str, dict[str, Any]]] = RECORDS, did: str = DID) -> bytes:
    """A complete repository CAR: header, commit, MST nodes and records."""
    repo = Repo()
    entries = sorted((key, repo.put(record)) for key, record in records)
    top = max((_layer(key) for key, _ in entries), default=0)
    root = repo.tree(entries, top) or repo.put({"l": None, "e": []})
    commit = repo.put(
        {"did": did, "version": 3, "data": Link(root), "rev": "3kr7revaaaa2a", "prev": None, "sig": bytes(64)}
    )
    header = encode({"version": 1, "roots": [Link(commit)]})
    ordered = [commit, *[cid for cid in repo.blocks if cid != commit]]
    body = b"".join(_varint(len(cid) + len(repo.blocks[cid])) + cid + repo.blocks[cid] for cid in ordered)
    return _varint(len(header)) + header + body


def build(out_dir: Path) -> Path:
    target = out_dir / "bluesky-repo.car"
    target.write_bytes(car_bytes())
    return target
