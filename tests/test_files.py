"""Text-like files as documents: per row/line/element, encodings, binary content, size caps, links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner import files
from scanner.csvfield import FIELD_BYTES
from scanner.files import decode, documents_from_bytes, file_documents, looks_binary
from scanner.models import Document, Skipped


def split(items: list[Document | Skipped]) -> tuple[dict[str, str], dict[str, str]]:
    documents = {item.id: item.text for item in items if isinstance(item, Document)}
    skipped = {item.where: item.reason for item in items if isinstance(item, Skipped)}
    return documents, skipped


def test_csv_rows_jsonl_lines_and_json_elements_are_documents() -> None:
    rows = b"name,email\nAnn,a@x.org\n,\nBob,b@x.org\n"
    documents, skipped = split(list(documents_from_bytes(rows, "p.csv", ".csv")))
    assert documents == {"p.csv#L2": "Ann\na@x.org", "p.csv#L4": "Bob\nb@x.org"} and not skipped
    lines = b'{"text": "hi"}\n\n{oops\n{"a": ["x", {"b": "y"}]}\n'
    documents, skipped = split(list(documents_from_bytes(lines, "p.jsonl", ".jsonl")))
    assert documents == {"p.jsonl#L1": "hi", "p.jsonl#L4": "x\ny"}
    assert list(skipped) == ["p.jsonl#L3"]
    documents, _ = split(list(documents_from_bytes(b'[{"t": "one"}, {"t": "two"}, 3]', "a.json", ".json")))
    assert documents == {"a.json#1": "one", "a.json#2": "two"}
    documents, _ = split(list(documents_from_bytes(b'{"bio": "me", "n": 1}', "o.json", ".json")))
    assert documents == {"o.json": "me"}


def test_a_csv_that_breaks_keeps_the_rows_before() -> None:
    huge_cell = b'"' + b"x" * (FIELD_BYTES + 1) + b'"'
    items = list(documents_from_bytes(b"a,b\n1,2\n" + huge_cell + b",3\n4,5\n", "big.csv", ".csv"))
    documents, skipped = split(items)
    assert documents == {"big.csv#L2": "1\n2"}
    assert list(skipped) == ["big.csv#L3"]


def test_html_is_text_without_markup() -> None:
    documents, _ = split(list(documents_from_bytes(b"<p>Hi <b>there</b></p><script>var x;</script>", "a.html",
                                                   ".html")))
    assert "Hi" in documents["a.html"] and "var x" not in documents["a.html"]


def test_decoding_never_fails_and_keeps_mostly_utf8_text() -> None:
    assert decode("café".encode() + b" \xff " + "naïve".encode() * 100, "x").startswith("café \ufffd naïve")
    assert decode("café".encode("cp1252"), "x") == "café"
    assert decode("€".encode("cp1252"), "x") == "€"
    assert decode("hello".encode("utf-16"), "x") == "hello"
    assert decode(b"\xef\xbb\xbfhello", "x") == "hello"


def test_binary_content_is_recognised() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(bytes(range(1, 32)) * 20)
    assert not looks_binary(b"plain text, tabs\tand\nnewlines\r\n")
    assert not looks_binary("\ufeffutf-16 text".encode("utf-16"))
    assert split(list(documents_from_bytes(b"GIF89a\x01\x00\x00", "img.txt", ".txt")))[1] == {
        "img.txt": "binary content in a text file"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(sorted(files.TEXT_SUFFIXES)))
def test_any_bytes_give_documents_or_skips(data: bytes, suffix: str) -> None:
    for item in documents_from_bytes(data, "f" + suffix, suffix):
        assert isinstance(item, Document | Skipped)


def test_walk_keeps_text_files_in_order_and_skips_links_and_big_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "c.exe").write_bytes(b"MZ")
    (tmp_path / "big.txt").write_text("x" * 100)
    os.symlink(tmp_path / "a.txt", tmp_path / "link.txt")
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 50)
    items = list(file_documents([tmp_path, tmp_path / "link.txt", tmp_path / "missing.txt"]))
    documents, skipped = split(items)
    assert list(documents) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "two.md")]
    assert "over the 50-byte limit" in skipped[str(tmp_path / "big.txt")]
    assert skipped[str(tmp_path / "link.txt")] == "symbolic link not followed"
    assert skipped[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert all(item.created_at is not None for item in items if isinstance(item, Document))
