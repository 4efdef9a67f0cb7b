"""Containers under hostile and broken input: every problem is one Skipped line or one ArchiveError."""

from __future__ import annotations

import contextlib
import io
import os
import tarfile
import zipfile
from pathlib import Path
from typing import IO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.archives.trees.limits import Budget, Limits, safe_path
from scanner.archives.trees.members import export_root, read_member
from scanner.archives.trees.open import MergedTree, expand, group_parts, open_input, open_inputs
from scanner.archives.trees.zip import ZipTree
from scanner.errors import ArchiveError, InputError
from scanner.models import Skipped

SMALL = Limits(ratio_floor=1 << 20, max_ratio=50)


def make_zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def read_all(stream: IO[bytes]) -> bytes:
    chunks = []
    while chunk := stream.read(1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def add_tar(archive: tarfile.TarFile, name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE) -> None:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        info.linkname = "/etc/passwd"
    archive.addfile(info, io.BytesIO(data) if data else None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("data/tweets.js", "data/tweets.js"),
        ("./data//tweets.js", "data/tweets.js"),
        ("data\\js\\tweets.js", "data/js/tweets.js"),
        ("../etc/passwd", None),
        ("data/../../x", None),
        ("/etc/passwd", None),
        ("C:/Windows/x", None),
        ("a\x00b", None),
        ("data/", "data"),
        ("", None),
    ],
)
def test_safe_path(raw: str, expected: str | None) -> None:
    assert safe_path(raw) == expected


def test_zip_members_are_listed_normalised_and_unsafe_ones_skipped(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "x.zip", {"data/a.txt": b"hello", "../evil.txt": b"x", "/abs.txt": b"y"})
    with zipfile.ZipFile(archive, "a") as handle:
        link = zipfile.ZipInfo("data/link")
        link.external_attr = 0o120777 << 16
        handle.writestr(link, "/etc/passwd")
    tree = open_input(archive)
    assert tree.paths() == ["data/a.txt"]
    assert tree.locator("data/a.txt") == "x.zip!data/a.txt"
    assert read_member(tree, "data/a.txt") == b"hello"
    reasons = {skip.where: skip.reason for skip in tree.skipped()}
    assert "path traversal" in reasons["x.zip!../evil.txt"]
    assert "path traversal" in reasons["x.zip!/abs.txt"]
    assert "symbolic link" in reasons["x.zip!data/link"]


def test_zip_bomb_stops_on_the_ratio_while_streaming(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.zip", {"bomb.txt": bytes(20 << 20), "ok.txt": b"fine"})
    tree = open_input(archive, SMALL)
    with tree.open("bomb.txt") as stream, pytest.raises(ArchiveError, match="ratio"):
        read_all(stream)
    assert read_member(tree, "ok.txt") == b"fine"


def test_total_budget_caps_everything_read_from_one_input(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "x.zip", {f"f{n}.txt": os.urandom(300_000) for n in range(4)})
    tree = open_input(archive, Limits(max_total_bytes=1_000_000), Budget(1_000_000))
    with pytest.raises(ArchiveError, match="uncompressed bytes"):
        for path in tree.paths():
            with tree.open(path) as stream:
                read_all(stream)


def test_lying_header_size_does_not_lift_the_member_cap(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "x.zip", {"big.bin": os.urandom(3 << 20)}, zipfile.ZIP_STORED)
    tree = open_input(archive, Limits(max_member_bytes=1 << 20))
    with tree.open("big.bin") as stream, pytest.raises(ArchiveError, match="larger than"):
        read_all(stream)


def test_truncated_zip_keeps_complete_members_and_says_so_once(tmp_path: Path) -> None:
    data = make_zip(
        tmp_path / "full.zip", {"a.txt": b"alpha " * 100, "b.txt": b"beta " * 100, "c.txt": os.urandom(5000)}
    ).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: data.find(b"PK\x03\x04", data.find(b"c.txt") - 40) + 2000])
    tree = open_input(cut)
    assert tree.paths() == ["a.txt", "b.txt"]
    assert read_member(tree, "a.txt") == b"alpha " * 100
    [skip] = tree.skipped()
    assert skip.where == "cut.zip" and "truncated" in skip.reason and "2 members recovered" in skip.reason


def test_garbage_named_zip_is_one_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(100))
    items = list(open_inputs([bad], Limits(), Budget(1 << 30)))
    assert len(items) == 1 and isinstance(items[0], Skipped) and "not a readable zip" in items[0].reason


def test_nested_zip_is_its_own_tree_with_a_bang_locator(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as handle:
        handle.writestr("data/in.txt", "inner text")
    archive = make_zip(
        tmp_path / "outer.zip",
        {"top.txt": b"t", "parts/inner.zip": inner.getvalue(), "parts/fake.zip": b"not a zip"},
    )
    limits = Limits()
    trees = list(expand(open_input(archive, limits), limits, Budget(1 << 30)))
    nested = [tree for tree in trees if not isinstance(tree, Skipped) and tree.name.endswith("inner.zip")]
    assert len(nested) == 1
    assert nested[0].locator("data/in.txt") == "outer.zip!parts/inner.zip!data/in.txt"
    assert read_member(nested[0], "data/in.txt") == b"inner text"
    assert any(isinstance(tree, Skipped) and tree.where == "outer.zip!parts/fake.zip" for tree in trees)


def test_nesting_depth_is_capped(tmp_path: Path) -> None:
    payload = b"deep"
    name = "x.txt"
    for level in range(4):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as handle:
            handle.writestr(name, payload)
        payload, name = buffer.getvalue(), f"level{level}.zip"
    archive = make_zip(tmp_path / "top.zip", {name: payload})
    limits = Limits(max_depth=2)
    items = list(expand(open_input(archive, limits), limits, Budget(1 << 30)))
    assert any(isinstance(item, Skipped) and "nested deeper" in item.reason for item in items)


def test_tar_gz_skips_links_devices_and_traversal(tmp_path: Path) -> None:
    path = tmp_path / "export.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        add_tar(archive, "./export/outbox.json", b'{"a": 1}')
        add_tar(archive, "export/link", kind=tarfile.SYMTYPE)
        add_tar(archive, "export/hard", kind=tarfile.LNKTYPE)
        add_tar(archive, "export/dev", kind=tarfile.CHRTYPE)
        add_tar(archive, "../up.txt", b"x")
    tree = open_input(path)
    assert tree.paths() == ["export/outbox.json"]
    assert read_member(tree, "export/outbox.json") == b'{"a": 1}'
    reasons = [skip.reason for skip in tree.skipped()]
    assert len(reasons) == 4
    assert sum("link in the tar" in reason for reason in reasons) == 2
    assert any("special file" in reason for reason in reasons)
    assert any("path traversal" in reason for reason in reasons)


def test_truncated_tar_gz_reads_what_it_can(tmp_path: Path) -> None:
    path = tmp_path / "full.tgz"
    with tarfile.open(path, "w:gz") as archive:
        add_tar(archive, "a.txt", b"alpha")
        add_tar(archive, "b.bin", os.urandom(200_000))
    cut = tmp_path / "cut.tgz"
    cut.write_bytes(path.read_bytes()[:100_000])
    tree = open_input(cut)
    assert "a.txt" in tree.paths()
    assert read_member(tree, "a.txt") == b"alpha"
    assert len(tree.skipped()) == 1 and "truncated" in tree.skipped()[0].reason


def test_tar_gz_bomb_stops_listing_before_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.tgz"
    with tarfile.open(path, "w:gz") as archive:
        add_tar(archive, "first.txt", b"ok")
        add_tar(archive, "zeros.bin", bytes(30 << 20))
        add_tar(archive, "after.txt", b"never listed")
    tree = open_input(path, SMALL)
    assert tree.paths() == ["first.txt"]
    assert "ratio" in tree.skipped()[0].reason


def test_folder_refuses_links_and_special_files(tmp_path: Path) -> None:
    root = tmp_path / "export"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.txt").write_text("hello")
    (root / "data" / "link.txt").symlink_to("/etc/hostname")
    (root / "linked-dir").symlink_to(tmp_path)
    os.mkfifo(root / "data" / "pipe")
    tree = open_input(root)
    assert tree.paths() == ["data/a.txt"]
    assert tree.locator("data/a.txt") == "export/data/a.txt"
    reasons = {skip.where: skip.reason for skip in tree.skipped()}
    assert "symbolic link" in reasons["export/data/link.txt"]
    assert "symbolic link" in reasons["export/linked-dir"]
    assert "special file" in reasons["export/data/pipe"]


def test_single_file_is_a_one_member_tree(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# hi")
    tree = open_input(path)
    assert tree.paths() == ["notes.md"] and tree.locator("notes.md") == "notes.md"
    with pytest.raises(ArchiveError):
        tree.open("other")


def test_missing_input_and_symlinked_input_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path)
    for path in (tmp_path / "missing.zip", tmp_path / "link"):
        with pytest.raises(InputError):
            open_input(path)


def test_split_parts_are_merged_into_one_tree(tmp_path: Path) -> None:
    one = make_zip(tmp_path / "takeout-20260101T000000Z-001.zip", {"Takeout/a.txt": b"a"})
    two = make_zip(
        tmp_path / "takeout-20260101T000000Z-002.zip", {"Takeout/b.txt": b"b", "Takeout/a.txt": b"z"}
    )
    other = make_zip(tmp_path / "twitter.zip", {"x.txt": b"x"})
    assert group_parts([one, other, two]) == [[one, two], [other]]
    trees = list(open_inputs([two, one], Limits(), Budget(1 << 30)))
    [merged] = trees
    assert isinstance(merged, MergedTree)
    assert merged.paths() == ["Takeout/a.txt", "Takeout/b.txt"]
    assert read_member(merged, "Takeout/a.txt") == b"a"
    assert merged.locator("Takeout/b.txt") == "takeout-20260101T000000Z-002.zip!Takeout/b.txt"


def test_export_root_finds_the_shallowest_top_folder() -> None:
    paths = ["twitter-2026-01-15-abc/data/manifest.js", "twitter-2026-01-15-abc/assets/data/manifest.js"]
    assert export_root(paths, "data/manifest.js") == "twitter-2026-01-15-abc/"
    assert export_root(["data/manifest.js"], "data/manifest.js") == ""
    assert export_root(["a/b/c/d/e/data/manifest.js"], "data/manifest.js") is None
    assert export_root(["mydata/manifest.js"], "data/manifest.js") is None


def _many(count: int) -> dict[str, bytes]:
    return {f"m/{n:05d}.txt": f"member {n}".encode() for n in range(count)}


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_zip_with_too_many_members_lists_the_first_ones_and_says_so_once(tmp_path: Path, method: int) -> None:
    archive = make_zip(tmp_path / "many.zip", {"m/dir/": b"", **_many(30)}, method)
    tree = open_input(archive, Limits(max_members=11))
    assert tree.paths() == [f"m/{n:05d}.txt" for n in range(10)]  # the folder entry counts as a member
    assert read_member(tree, "m/00007.txt") == b"member 7" and tree.size("m/00007.txt") == 8
    [skip] = tree.skipped()
    assert skip.where == "many.zip"
    assert skip.reason == "zip has more than 11 members (a denial of service?); only the first 11 were read"
    assert not open_input(archive, Limits(max_members=31)).skipped()


def test_member_cap_keeps_refusing_unsafe_members_and_finds_a_prepended_zip(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "x.zip", {"../evil.txt": b"x", "ok.txt": b"fine", **_many(5)})
    stub = tmp_path / "stub.zip"
    stub.write_bytes(b"#!/bin/sh\nexit 0\n" * 10 + archive.read_bytes())  # a self-extractor's stub in front
    tree = ZipTree("stub.zip", stub, Limits(max_members=3), Budget(1 << 30))
    assert tree.paths() == ["m/00000.txt", "ok.txt"]
    assert read_member(tree, "ok.txt") == b"fine"
    assert [skip.reason.split(";")[0] for skip in tree.skipped()] == [
        "absolute path or '..' in the member name", "zip has more than 3 members (a denial of service?)"]


def test_zip64_directory_past_the_cap_is_found(tmp_path: Path) -> None:
    archive = tmp_path / "zip64.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as handle:  # over 65,535 entries: zip64 records
        for n in range(66_000):
            handle.writestr(zipfile.ZipInfo(f"{n}", (2026, 1, 1, 0, 0, 0)), b"")
    assert b"PK\x06\x06" in archive.read_bytes()[-200:]
    tree = open_input(archive, Limits(max_members=5))
    assert tree.paths() == ["0", "1", "2", "3", "4"] and len(tree.skipped()) == 1


def test_truncated_zip_salvage_stops_at_the_member_cap(tmp_path: Path) -> None:
    data = make_zip(tmp_path / "full.zip", _many(20)).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: data.find(b"PK\x01\x02") - 3])
    tree = open_input(cut, Limits(max_members=4))
    assert len(tree.paths()) == 4
    [skip] = tree.skipped()
    assert "4 members recovered" in skip.reason and "more than 4 members" in skip.reason


def test_tar_with_too_many_members_lists_the_first_ones_and_says_so_once(tmp_path: Path) -> None:
    path = tmp_path / "many.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in _many(30).items():
            add_tar(archive, name, data)
    tree = open_input(path, Limits(max_members=12))
    assert tree.paths() == [f"m/{n:05d}.txt" for n in range(12)]
    assert read_member(tree, "m/00011.txt") == b"member 11"
    [skip] = tree.skipped()
    assert skip.reason == "tar has more than 12 members (a denial of service?); only the first 12 were read"


MANY_ZIP = io.BytesIO()
with zipfile.ZipFile(MANY_ZIP, "w", zipfile.ZIP_DEFLATED) as _handle:
    for _n in range(8):
        _handle.writestr(f"d/{_n}.txt", f"text {_n} " * 20)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), min_size=1, max_size=6))
def test_a_corrupt_directory_past_the_cap_costs_only_our_errors(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[int, int]]
) -> None:
    data = bytearray(MANY_ZIP.getvalue())
    directory = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))  # the last entry, then the end record
    for offset, value in changes:
        data[min(directory - 200 + offset, len(data) - 1)] = value
    path = tmp_path_factory.mktemp("zip") / "c.zip"
    path.write_bytes(bytes(data))
    try:
        tree = open_input(path, Limits(max_members=3))
        for member in tree.paths():
            with contextlib.suppress(ArchiveError):
                read_member(tree, member)
    except InputError:
        pass
