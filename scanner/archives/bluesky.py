"""Bluesky repository exports: a CARv1 file of DAG-CBOR blocks (the signed commit, MST nodes, records).

Record blocks do not carry their own key (`app.bsky.feed.post/<rkey>`): only the Merkle search tree
knows it. So the CAR is streamed twice, block by block: the first pass keeps the commit and the MST
nodes (small) and walks the tree from the commit to map each record's CID to its key; the second
decodes only the records we read. Memory stays at the size of the tree, not of the repository.

Read: posts (text and image alt texts; 'post', public, permalink https://bsky.app/profile/<did>/post/<rkey>)
and the profile (display name and description). Likes, reposts, follows, blocks and legacy votes
point at other people's content and hold no text of the person's, so they are not documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import libipld

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import parse_time
from scanner.archives.trees.members import head
from scanner.errors import InputError
from scanner.models import Document, DocumentKind, Skipped, Visibility

SOURCE = "bluesky"
MAX_BLOCK_BYTES = 8 << 20
"""A repository block is at most a few MB (records are capped at 1 MB); larger means a broken file."""
MAX_HEADER_BYTES = 1 << 16
POST, PROFILE = "app.bsky.feed.post", "app.bsky.actor.profile"
_DAG_CBOR = 0x71


def _varint(stream: IO[bytes]) -> int | None:
    """An unsigned LEB128 integer; None at a clean end of stream."""
    value = shift = 0
    while True:
        byte = stream.read(1)
        if not byte:
            if shift:
                raise InputError("CAR file cut off inside a length prefix")
            return None
        value |= (byte[0] & 0x7F) << shift
        if not byte[0] & 0x80:
            return value
        shift += 7
        if shift > 63:
            raise InputError("CAR length prefix is not a valid varint")


def _buffer_varint(data: bytes, offset: int) -> tuple[int, int]:
    value = shift = 0
    while offset < len(data):
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, offset
        shift += 7
    raise InputError("CAR block has a truncated CID")


def cid_length(section: bytes) -> int:
    """Length in bytes of the CID at the start of a CAR section (CIDv0 or CIDv1)."""
    if section[:2] == b"\x12\x20":
        return 34
    offset = 0
    for _ in range(3):  # version, codec, hash function
        _, offset = _buffer_varint(section, offset)
    digest, offset = _buffer_varint(section, offset)
    if offset + digest > len(section):
        raise InputError("CAR block has a truncated CID")
    return offset + digest


def _decode(data: bytes) -> Any:
    try:
        return libipld.decode_dag_cbor(data)
    except (ValueError, TypeError, OverflowError) as error:
        raise InputError(f"block is not valid DAG-CBOR ({error})") from error


def car_roots(stream: IO[bytes]) -> list[bytes]:
    """The CAR header's root CIDs; InputError when the stream is not a CARv1."""
    length = _varint(stream)
    if length is None or not 0 < length <= MAX_HEADER_BYTES:
        raise InputError("not a CAR file (no header)")
    header = _decode(stream.read(length))
    if (
        not isinstance(header, dict)
        or header.get("version") != 1
        or not isinstance(header.get("roots"), list)
    ):
        raise InputError("not a CARv1 file (header without version 1 and roots)")
    return [root for root in header["roots"] if isinstance(root, bytes)]


def car_blocks(stream: IO[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """(CID, block bytes) for every block after the header, in file order."""
    while (length := _varint(stream)) is not None:
        if length > MAX_BLOCK_BYTES:
            raise InputError(f"CAR block of {length:,} bytes is over the {MAX_BLOCK_BYTES:,}-byte limit")
        section = stream.read(length)
        if len(section) < length:
            raise InputError("CAR file cut off inside a block (truncated export)")
        split = cid_length(section)
        yield section[:split], section[split:]


@dataclass(frozen=True, slots=True)
class RepoIndex:
    """What the first pass learns: whose repository it is and the key of every record CID."""

    did: str
    keys: dict[bytes, list[str]]
    missing_nodes: int


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("e"), list) and "l" in value


def index_repo(stream: IO[bytes]) -> RepoIndex:
    """First pass: the commit and MST nodes, walked from the commit into record CID → keys."""
    roots = car_roots(stream)
    nodes: dict[bytes, dict[str, Any]] = {}
    commit: dict[str, Any] | None = None
    for cid, block in car_blocks(stream):
        if cid[1:2] != bytes([_DAG_CBOR]):
            continue
        value = _decode(block)
        if roots and cid == roots[0] and isinstance(value, dict):
            commit = value
        elif _is_node(value):
            nodes[cid] = value
    if commit is None or not isinstance(commit.get("data"), bytes) or not isinstance(commit.get("did"), str):
        raise InputError("not a repository export (the root is not a signed commit)")
    keys: dict[bytes, list[str]] = {}
    missing = 0
    pending = [commit["data"]]
    while pending:
        node = nodes.pop(pending.pop(), None)
        if node is None:
            missing += 1
            continue
        if isinstance(node.get("l"), bytes):
            pending.append(node["l"])
        previous = b""
        for entry in node["e"]:
            if not isinstance(entry, dict) or not isinstance(entry.get("k"), bytes):
                continue
            key = previous[: int(entry.get("p") or 0)] + entry["k"]
            previous = key
            if isinstance(entry.get("v"), bytes):
                keys.setdefault(entry["v"], []).append(key.decode("utf-8", errors="replace"))
            if isinstance(entry.get("t"), bytes):
                pending.append(entry["t"])
    return RepoIndex(commit["did"], keys, missing)


def _texts(record: dict[str, Any]) -> list[str]:
    """The post's text, then the alt texts the person wrote for its images."""
    texts = [record["text"]] if isinstance(record.get("text"), str) and record["text"].strip() else []
    embed = record.get("embed")
    for holder in (embed, embed.get("media") if isinstance(embed, dict) else None):
        images = holder.get("images") if isinstance(holder, dict) else None
        for image in images if isinstance(images, list) else []:
            if isinstance(image, dict) and isinstance(image.get("alt"), str) and image["alt"].strip():
                texts.append(image["alt"])
    return texts


def record_document(record: Any, key: str, did: str, locator: str) -> Document | None:
    """A post or the profile as a document; None for records that hold no text of the person's."""
    collection, _, rkey = key.partition("/")
    if not isinstance(record, dict):
        return None
    if collection == POST:
        metadata: dict[str, str] = {}
        if isinstance(record.get("langs"), list):
            metadata["langs"] = ",".join(str(lang) for lang in record["langs"])
        reply = record.get("reply")
        if isinstance(reply, dict) and isinstance(reply.get("parent"), dict):
            metadata["reply_to"] = str(reply["parent"].get("uri", ""))
        return Document(
            id=f"{locator}#{key}",
            text="\n".join(_texts(record)),
            source=SOURCE,
            kind=DocumentKind.POST,
            url=f"https://bsky.app/profile/{did}/post/{rkey}",
            created_at=parse_time(record.get("createdAt")),
            visibility=Visibility.PUBLIC,
            metadata=metadata,
        )
    if collection == PROFILE:
        parts = [record.get(name) for name in ("displayName", "description")]
        return Document(
            id=f"{locator}#{key}",
            text="\n".join(p for p in parts if isinstance(p, str) and p.strip()),
            source=SOURCE,
            kind=DocumentKind.PROFILE,
            url=f"https://bsky.app/profile/{did}",
            created_at=parse_time(record.get("createdAt")),
            visibility=Visibility.PUBLIC,
        )
    return None


def repo_documents(tree: ArchiveTree, path: str) -> Iterator[Document | Skipped]:
    """Second pass: decode only posts and the profile, in file order."""
    locator = tree.locator(path)
    with tree.open(path) as stream:
        index = index_repo(stream)
    if index.missing_nodes:
        yield Skipped(
            locator,
            f"partial repository: {index.missing_nodes} tree nodes missing; "
            "the records under them could not be named and were not read",
        )
    wanted = {
        cid: keys
        for cid, keys in index.keys.items()
        if any(key.startswith((POST + "/", PROFILE + "/")) for key in keys)
    }
    with tree.open(path) as stream:
        car_roots(stream)
        for cid, block in car_blocks(stream):
            keys = wanted.get(cid)
            if keys is None:
                continue
            record = _decode(block)
            for key in keys:
                document = record_document(record, key, index.did, locator)
                if document is not None:
                    yield document


def is_car(tree: ArchiveTree, path: str) -> bool:
    """Whether a member starts with a CARv1 header."""
    data = head(tree, path, MAX_HEADER_BYTES)
    try:
        length, offset = _buffer_varint(data, 0)
        if not 0 < length <= len(data) - offset:
            return False
        header = libipld.decode_dag_cbor(data[offset : offset + length])
    except (InputError, ValueError, TypeError, OverflowError):
        return False
    return isinstance(header, dict) and header.get("version") == 1 and isinstance(header.get("roots"), list)


def car_members(tree: ArchiveTree) -> list[str]:
    """The member of a one-member tree (a .car given on its own, or found in a folder or zip) if a CAR."""
    paths = tree.paths()
    return paths if len(paths) == 1 and is_car(tree, paths[0]) else []


class BlueskyReader:
    """Bluesky 'Export my data' / com.atproto.sync.getRepo CAR files."""

    name = SOURCE

    def matches(self, tree: ArchiveTree) -> bool:
        return bool(car_members(tree))

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        for path in car_members(tree):
            try:
                yield from repo_documents(tree, path)
            except InputError as error:
                yield Skipped(tree.locator(path), str(error))
