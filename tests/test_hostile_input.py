"""Hostile input through the real CLI: one clear line naming where, the rest goes on, exit 3, no
traceback, and no personal value in the message.

Zip bombs, traversal members, tar links, truncated archives, huge bodies and 429 storms are covered
where they are handled (tests/archives/test_tree.py, tests/crawl/test_fetch.py); this module adds
what those do not reach: JSON nested deeper than Python's recursion limit in every whole-document
JSON reader, deep JSON in streamed members (ijson is quadratic in depth), runs of brackets that made
spaCy's tokenizer quadratic, a reader meeting an odd record, and error messages that quoted the
input they failed on.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner, Result

from detectors.engine import DetectionEngine
from detectors.segmentation import TOKEN_RUN_CHARS, tokenizable
from samples.builders import facebook as facebook_builder
from samples.builders import twitter as twitter_builder
from samples.builders import write_zip
from scanner.archives.base import ArchiveReader
from scanner.archives.meta.facebook import FacebookReader
from scanner.archives.trees.open import open_input
from scanner.archives.twitter import TwitterReader
from scanner.cli import app
from scanner.errors import InputError
from scanner.models import Document, Skipped
from scanner.redact import error_line
from scanner.safejson import MAX_DEPTH, DepthGuard, loads
from tests.privacy_search import leaks

DEPTH = 3_000
"""Deeper than CPython's recursion limit, and small enough to scan as text in a moment."""
NOTE = "Write to rowan.hale@example.org about the refund."


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, [*args, "--workers", "1", "--no-store", "-f", "json"], input=stdin)


def report(result: Result) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def assert_partial(result: Result) -> None:
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert leaks([], [result.stderr, json.dumps(report(result)["skipped"])]) == []


@pytest.mark.parametrize(("message", "kept"), [
    ("invalid literal for int() with base 10: '14th'", "invalid literal for int() with base 10: '…'"),
    ("illegal status line: bytearray(b'Hi rowan.hale@example.org')", "illegal status line: bytearray('…')"),
    ("lexical error: invalid char in json text.\n   rowan.hale@example.org\n   (right here) ---^",
     "lexical error: invalid char in json text."),
    ("doesn't match 'Rowan's pump'", "doesn't match '…'"),
    ("closed (received 22 bytes, expected 50)", "closed (received 22 bytes, expected 50)"),
])
def test_error_lines_keep_what_went_wrong_not_the_input(message: str, kept: str) -> None:
    assert error_line(ValueError(message)) == kept


def test_nesting_beyond_the_limit_is_a_decode_error_not_a_recursion_error() -> None:
    with pytest.raises(json.JSONDecodeError, match="nested"):
        loads("[" * DEPTH + "]" * DEPTH)
    with pytest.raises(json.JSONDecodeError, match="nested"):
        loads(b'{"a":' * (MAX_DEPTH + 1) + b"1" + b"}" * (MAX_DEPTH + 1))
    assert loads(b'{"a":' * MAX_DEPTH + b"1" + b"}" * MAX_DEPTH) is not None
    assert loads('[[1, 2], {"a": [3]}]') == [[1, 2], {"a": [3]}]


def test_long_bracket_runs_reach_spacy_broken_at_the_same_length() -> None:
    text = "x " + "[" * 100 + " rowan.hale@example.org " + "}" * 40
    seen = tokenizable(text)
    assert len(seen) == len(text) and seen.count("[") + seen.count("]") < 100
    assert max(len(run) for run in re.findall(r"[^\w\s]+", seen)) < TOKEN_RUN_CHARS
    assert tokenizable("a normal sentence, (with) brackets!") == "a normal sentence, (with) brackets!"


def test_values_beside_a_bracket_run_are_still_found(engine: DetectionEngine) -> None:
    text = "[" * 500 + " I am Rowan Delacroix-Hale, mail rowan.hale@example.org " + "]" * 500
    found = {(span.entity, text[span.start:span.end]) for span in engine.analyze(text)}
    assert ("EMAIL_ADDRESS", "rowan.hale@example.org") in found


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * DEPTH + "]" * DEPTH, encoding="utf-8")
    (folder / "lines.jsonl").write_text("[" * DEPTH + "]" * DEPTH + '\n{"text": "ok"}\n', encoding="utf-8")
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    return folder


def test_scan_files_goes_on_past_deep_json(engine: DetectionEngine, hostile_folder: Path) -> None:
    result = invoke("scan-files", str(hostile_folder))
    assert_partial(result)
    payload = report(result)
    skipped = {skip["where"]: skip["reason"] for skip in payload["skipped"]}
    assert "nested" in skipped[str(hostile_folder / "deep.json")]
    assert str(hostile_folder / "lines.jsonl") + "#L1" in skipped
    assert "EMAIL_ADDRESS" in {finding["entity"] for finding in payload["findings"]}


def test_archive_generic_reader_goes_on_past_deep_json(engine: DetectionEngine, hostile_folder: Path) -> None:
    result = invoke("archive", str(hostile_folder))
    assert_partial(result)
    payload = report(result)
    assert any(skip["where"].endswith("deep.json") for skip in payload["skipped"])
    assert "EMAIL_ADDRESS" in {finding["entity"] for finding in payload["findings"]}


def test_detect_goes_on_past_a_deep_json_line(engine: DetectionEngine) -> None:
    lines = json.dumps({"id": "a", "text": NOTE}) + "\n" + "[" * DEPTH + "]" * DEPTH + "\n"
    result = CliRunner().invoke(app, ["detect", "-", "-f", "jsonl", "--workers", "1"], input=lines)
    assert result.exit_code == 3, result.output
    assert "-:2" in result.stderr and "Traceback" not in result.output


DEEP_STREAM = 100_000
"""200 KB of brackets: ijson builds every event's path from all the levels above it, so streaming this
took minutes (40,000 levels: 10 s); the guard stops it at MAX_DEPTH in milliseconds."""


def _timed_read(reader: ArchiveReader, target: Path) -> tuple[list[Document | Skipped], float]:
    start = time.perf_counter()
    items = list(reader.documents(open_input(target)))
    return items, time.perf_counter() - start


def test_deep_json_in_a_streamed_tweets_file_is_one_skip_in_a_moment(tmp_path: Path) -> None:
    members = twitter_builder.files()
    members["data/tweets-part1.js"] = (b"window.YTD.tweets.part1 = [" + b"[" * DEEP_STREAM
                                       + b"]" * (DEEP_STREAM + 1))
    items, seconds = _timed_read(TwitterReader(), write_zip(tmp_path / "x.zip", members))
    skips = [(item.where, item.reason) for item in items if isinstance(item, Skipped)]
    reason = f"JSON nested deeper than {MAX_DEPTH} levels; not read further"
    assert skips == [("x.zip!data/tweets-part1.js", reason)]
    found = {item.id for item in items if isinstance(item, Document)}
    assert "x.zip!data/tweets.js#1130000000000000001" in found
    assert seconds < 1, f"{seconds:.1f} s"


def test_deep_json_in_a_streamed_facebook_member_is_one_skip_in_a_moment(tmp_path: Path) -> None:
    members = facebook_builder.files()
    posts = next(path for path in members if path.endswith("your_posts_1.json"))
    good = json.loads(members[posts])
    members[posts] = (json.dumps(good)[:-1] + ", " + '{"data": ' * DEEP_STREAM + "1" + "}" * DEEP_STREAM
                      + "]").encode()
    items, seconds = _timed_read(FacebookReader(), write_zip(tmp_path / "f.zip", members))
    (skip,) = [item for item in items if isinstance(item, Skipped)]
    assert skip.where.endswith("your_posts_1.json") and skip.reason.startswith("JSON nested deeper than")
    assert sum(isinstance(item, Document) and "your_posts_1.json" in item.id for item in items) == len(good)
    assert seconds < 1, f"{seconds:.1f} s"


def _too_deep_at(data: bytes, limit: int) -> int | None:
    """Where nesting first passes `limit`, by the plain byte-by-byte walk the guard must agree with."""
    depth, in_string, escaped = 0, False, False
    for index, byte in enumerate(data):
        if in_string:
            escaped, in_string = (False, True) if escaped else (byte == 0x5C, byte != 0x22)
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            if depth > limit:
                return index
        elif byte in b"]}":
            depth -= 1
    return None


TEXT_WITH_BRACKETS = st.text(alphabet='[]{}"\\/bnu\n\té\u2028x', max_size=8)
NESTED = st.recursive(
    st.none() | st.integers() | TEXT_WITH_BRACKETS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT_WITH_BRACKETS, inner, max_size=3),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(NESTED, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9), st.booleans())
def test_depth_guard_agrees_with_a_plain_walk_whatever_the_chunks(
    value: object, limit: int, chunk: int, ascii_only: bool
) -> None:
    data = json.dumps(value, ensure_ascii=ascii_only).encode()
    guard, read = DepthGuard(io.BytesIO(data), limit), b""
    with contextlib.suppress(InputError):
        while piece := guard.read(chunk):
            read += piece
        assert _too_deep_at(data, limit) is None and read == data
        return
    cut = _too_deep_at(data, limit)
    assert cut is not None and read == data[:cut], "handed over up to the bracket too deep, then refused"


def test_an_odd_facebook_record_costs_one_member(engine: DetectionEngine, tmp_path: Path) -> None:
    """A birthday month of '14th' made int() fail: the reader stopped, the message quoted the value."""
    members = facebook_builder.files()
    profile_path = next(path for path in members if path.endswith("profile_information.json"))
    profile = json.loads(members[profile_path])
    profile["profile_v2"]["birthday"] = {"year": 1988, "month": "March", "day": "14th"}
    members[profile_path] = json.dumps(profile).encode()
    result = invoke("archive", str(write_zip(tmp_path / "facebook.zip", members)))
    assert_partial(result)
    payload = report(result)
    (skip,) = payload["skipped"]
    assert skip["where"].endswith("profile_information.json") and "14th" not in skip["reason"]
    assert payload["documents"]["by_source"]["facebook"] > 5


@pytest.fixture
def garbage_server() -> Iterator[str]:
    """A server that answers with the text of a page instead of an HTTP status line."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(10)

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(b"Hello, I am rowan.hale@example.org, call +1 503-555-0142\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()


def test_a_server_speaking_garbage_is_one_line_without_its_text(
    engine: DetectionEngine, garbage_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPOSURE_PER_HOST_DELAY", "0")
    result = invoke("scan", garbage_server, "--own-site", "127.0.0.1")
    assert_partial(result)
    skipped = report(result)["skipped"]
    assert any("illegal status line" in skip["reason"] for skip in skipped)


def test_a_deeply_nested_api_answer_is_skipped(
    engine: DetectionEngine, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPOSURE_PER_HOST_DELAY", "0")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    for path in ("/.well-known/tdmrep.json", "/ai.txt"):
        httpserver.expect_request(path).respond_with_data("", status=404)
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_data(
        "[" * DEPTH + "]" * DEPTH, content_type="application/json")
    result = invoke("scan", httpserver.url_for("/@rowan"))
    assert_partial(result)
    assert any("nested" in skip["reason"] or "not valid JSON" in skip["reason"]
               for skip in report(result)["skipped"])


def test_a_member_named_with_personal_data_is_a_locator(engine: DetectionEngine, tmp_path: Path) -> None:
    """Member names are locators and may be shown; the text inside them is still masked."""
    target = tmp_path / "named.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("letters/to rowan.hale@example.org.txt", NOTE)
        archive.writestr("../escape rowan.hale@example.org.txt", NOTE)
    result = invoke("archive", str(target))
    assert result.exit_code == 3, result.output
    assert "Write to [r******@example.org]" in result.stdout and NOTE not in result.stdout
