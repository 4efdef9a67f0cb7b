"""The Bluesky CAR reader over real repository exports and the persona's sample."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import io
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import libipld
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.archives.bluesky import BlueskyReader, car_blocks, car_roots, index_repo
from scanner.archives.run import ArchiveRun
from scanner.archives.trees.open import open_input
from scanner.errors import ExposureError
from scanner.models import Document, DocumentKind, Skipped, Visibility

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "bluesky-repo.car"
READER = BlueskyReader()


def builder() -> ModuleType:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("samples.builders.bluesky")


def read(path: Path) -> list[Document | Skipped]:
    tree = open_input(path)
    assert READER.matches(tree)
    return list(READER.documents(tree))


def test_real_staging_repo_has_101_posts_and_a_profile(shared: Path) -> None:
    items = read(shared / "fixtures" / "bluesky_car" / "paul_staging.repo.car")
    assert not [item for item in items if isinstance(item, Skipped)]
    documents = [item for item in items if isinstance(item, Document)]
    assert Counter(document.kind for document in documents) == {
        DocumentKind.POST: 101,
        DocumentKind.PROFILE: 1,
    }
    did = "did:plc:cmpvykrzb2l22kj4ojlv3ox4"
    post = next(document for document in documents if document.kind == DocumentKind.POST)
    rkey = post.id.rsplit("/", 1)[1]
    assert post.id == f"paul_staging.repo.car#app.bsky.feed.post/{rkey}"
    assert post.url == f"https://bsky.app/profile/{did}/post/{rkey}"
    assert all(
        document.created_at and document.created_at.utcoffset() is not None
        for document in documents
        if document.kind == DocumentKind.POST
    )
    assert all(document.visibility == Visibility.PUBLIC for document in documents)


def test_synthetic_repo_with_local_offsets(shared: Path) -> None:
    documents = [
        item
        for item in read(shared / "fixtures" / "bluesky_car" / "fakermaker.repo.car")
        if isinstance(item, Document)
    ]
    assert Counter(document.kind for document in documents) == {
        DocumentKind.POST: 26,
        DocumentKind.PROFILE: 1,
    }


def test_partial_repo_is_one_skip_and_the_rest(shared: Path) -> None:
    items = read(shared / "fixtures" / "bluesky_car" / "repo_slice.car")
    skips = [item for item in items if isinstance(item, Skipped)]
    assert len(skips) == 1 and "partial repository" in skips[0].reason


def test_sample_posts_alt_text_reply_and_profile() -> None:
    documents = {item.id: item for item in read(SAMPLE) if isinstance(item, Document)}
    assert Counter(document.kind for document in documents.values()) == {
        DocumentKind.POST: 3,
        DocumentKind.PROFILE: 1,
    }
    photo = documents["bluesky-repo.car#app.bsky.feed.post/3kq7xyzab3s2b"]
    assert "Mount Tabor reservoir" in photo.text  # the alt text the person wrote
    assert photo.created_at is not None and photo.created_at.isoformat() == "2024-03-02T17:45:10-08:00"
    reply = documents["bluesky-repo.car#app.bsky.feed.post/3kr5mnop42c2c"]
    assert reply.metadata["reply_to"].startswith("at://") and reply.metadata["langs"] == "en"
    profile = documents["bluesky-repo.car#app.bsky.actor.profile/self"]
    assert "Ro Hale" in profile.text and "rowan.hale@example.org" in profile.text
    assert not any("like" in key or "follow" in key or "repost" in key for key in documents)


def test_sample_blocks_are_real_dag_cbor_with_proper_cids() -> None:
    header, blocks = libipld.decode_car(SAMPLE.read_bytes())
    assert header["version"] == 1 and len(blocks) == 11
    with SAMPLE.open("rb") as stream:
        car_roots(stream)
        for cid, block in car_blocks(stream):
            assert cid == b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()
    encode = builder().encode
    for value in ({"b": 1, "aa": [True, None, "x"], "c": b"\x00"}, {"text": "é" * 30, "n": -500}):
        assert encode(value) == libipld.encode_dag_cbor(value)
    assert index_repo(io.BytesIO(SAMPLE.read_bytes())).did == builder().DID


def test_car_inside_a_zip_is_its_own_tree_found_by_content(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bluesky/repo.car", SAMPLE.read_bytes())
        archive.writestr("bluesky/fake.car", b"not a car at all")
        archive.writestr("README.txt", "my exports")
    items = list(ArchiveRun().items([path]))
    documents = [item for item in items if isinstance(item, Document)]
    assert sum(document.source == "bluesky" for document in documents) == 4
    assert documents[-1].id.startswith("export.zip!bluesky/repo.car#app.bsky.")
    assert [document.id for document in documents if document.source == "files"] == ["export.zip!README.txt"]
    assert not READER.matches(open_input(path))


def test_truncated_car_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "cut.car"
    path.write_bytes(SAMPLE.read_bytes()[:-40])
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Skipped) and "cut off" in items[0].reason


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_car_parsing_never_raises_foreign_errors(data: bytes) -> None:
    with contextlib.suppress(ExposureError):
        index_repo(io.BytesIO(data))
    with contextlib.suppress(ExposureError):
        index_repo(io.BytesIO(SAMPLE.read_bytes()[:60] + data))
