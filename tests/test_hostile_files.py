"""Broken bytes and odd shapes in export data files, through the real CLI: each is read completely or is one
skip line (exit 3) naming the member, the byte offset and the kind of error, never the text around it.

A tweets.js with one invalid UTF-8 byte was dropped whole with a line quoting the tweet; random bytes,
junk after the array and a second concatenated part passed in silence with exit 0 (issue 14).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from detectors.engine import DetectionEngine
from samples.builders import grailbird as grailbird_builder
from samples.builders import mastodon as mastodon_builder
from samples.builders import reddit as reddit_builder
from samples.builders import twitter as twitter_builder
from samples.builders import write_zip
from scanner.cli import app
from scanner.skips import SKIP_LINES, reason_kind
from tests.privacy_search import leaks

TWEETS = "data/tweets.js"
BROKEN_AT = "503-555-0142"
"""The bad byte goes just before this phone number: what a message quoting the input would leak."""


def archive(tmp_path: Path, name: str, members: dict[str, bytes]) -> Result:
    target = write_zip(tmp_path / name, members)
    return CliRunner().invoke(app, ["archive", str(target), "--workers", "1", "--no-store", "-f", "json"])


def payload(result: Result) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def tweet_ids(result: Result) -> set[str]:
    return {finding["document_id"].rsplit("#", 1)[1] for finding in payload(result)["findings"]
            if "!data/tweets.js#" in finding["document_id"]}


def skips(result: Result) -> list[tuple[str, str]]:
    return [(skip["where"].rsplit("!", 1)[-1], skip["reason"]) for skip in payload(result)["skipped"]]


def assert_quotes_nothing(result: Result) -> None:
    assert "Traceback" not in result.output
    assert leaks([], [result.stderr, json.dumps(payload(result)["skipped"])]) == []


def records(data: bytes) -> list[dict[str, Any]]:
    text = data.decode("utf-8-sig")
    parsed: list[dict[str, Any]] = json.loads(text[text.index("=") + 1:])
    return parsed


@pytest.fixture(scope="module")
def intact(engine: DetectionEngine, tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Ids of the sample's tweets that have findings, from the archive as built."""
    result = archive(tmp_path_factory.mktemp("intact"), "x.zip", twitter_builder.files())
    assert result.exit_code == 0, result.output
    return tweet_ids(result)


def test_one_invalid_utf8_byte_costs_no_tweet(intact: set[str], tmp_path: Path) -> None:
    members = twitter_builder.files()
    data = members[TWEETS]
    at = data.index(BROKEN_AT.encode())
    members[TWEETS] = data[:at] + b"\xff" + data[at:]
    result = archive(tmp_path, "x.zip", members)
    assert result.exit_code == 3, result.output
    assert skips(result) == [(TWEETS, f"invalid UTF-8 from byte {at}: 1 byte sequence(s) replaced by U+FFFD, "
                                      "1 record(s) repaired, the rest read as is")]
    assert tweet_ids(result) == intact
    assert_quotes_nothing(result)


def utf16(data: bytes, bad_unit_before: str | None = None) -> bytes:
    """UTF-16LE with a byte-order mark, optionally with a lone surrogate (an invalid unit) inserted."""
    text = data.decode("utf-8")
    if bad_unit_before is None:
        return b"\xff\xfe" + text.encode("utf-16-le")
    at = text.index(bad_unit_before)
    return b"\xff\xfe" + text[:at].encode("utf-16-le") + b"\x00\xd8" + text[at:].encode("utf-16-le")


def test_utf16_tweets_are_read_and_one_bad_unit_costs_no_tweet(intact: set[str], tmp_path: Path) -> None:
    members = twitter_builder.files()
    members[TWEETS] = utf16(twitter_builder.files()[TWEETS])
    result = archive(tmp_path, "clean.zip", members)
    assert result.exit_code == 0, result.output
    assert tweet_ids(result) == intact

    members[TWEETS] = utf16(twitter_builder.files()[TWEETS], BROKEN_AT)
    at = members[TWEETS].index(b"\x00\xd8")
    result = archive(tmp_path, "broken.zip", members)
    assert result.exit_code == 3, result.output
    assert skips(result) == [(TWEETS, f"invalid UTF-16 from byte {at}: 1 byte sequence(s) replaced by "
                                      "U+FFFD, 1 record(s) repaired, the rest read as is")]
    assert tweet_ids(result) == intact
    assert_quotes_nothing(result)


def test_a_utf16_outbox_with_a_bad_unit_costs_one_post(engine: DetectionEngine, tmp_path: Path) -> None:
    members = mastodon_builder.files()
    whole = archive(tmp_path, "m.zip", members)
    assert whole.exit_code == 0, whole.output
    members["outbox.json"] = utf16(members["outbox.json"], "rowan")
    result = archive(tmp_path, "broken.zip", members)
    assert result.exit_code == 3, result.output
    ((where, reason),) = skips(result)
    assert where == "outbox.json" and reason.startswith("invalid UTF-16 from byte ")
    assert reason.endswith("1 record(s) repaired, the rest read as is")
    assert payload(result)["documents"] == payload(whole)["documents"]
    assert_quotes_nothing(result)


def documents_found(result: Result) -> set[str]:
    """The members (and records) that have findings."""
    return {finding["document_id"].rsplit("!", 1)[-1] for finding in payload(result)["findings"]}


def with_bad_byte(data: bytes, before: bytes) -> tuple[bytes, int]:
    at = data.index(before)
    return data[:at] + b"\xff" + data[at:], at


def repair_line(at: int) -> str:
    return (f"invalid UTF-8 from byte {at}: 1 byte sequence(s) replaced by U+FFFD, 1 record(s) repaired, "
            "the rest read as is")


@pytest.mark.parametrize(("member", "before"), [("data/js/tweets/2013_06.js", b"Housewarming"),
                                                ("data/js/user_details.js", b"Data nerd")])
def test_one_bad_byte_in_a_grailbird_file_costs_no_record(engine: DetectionEngine, tmp_path: Path,
                                                            member: str, before: bytes) -> None:
    """A classic data file is parsed whole: one bad byte dropped the month (or the profile) with it."""
    members = grailbird_builder.files()
    whole = archive(tmp_path, "whole.zip", members)
    assert whole.exit_code == 0, whole.output
    members[member], at = with_bad_byte(members[member], before)
    result = archive(tmp_path, "broken.zip", members)
    assert result.exit_code == 3, result.output
    assert skips(result) == [(member, repair_line(at))]
    assert documents_found(result) == documents_found(whole)
    assert_quotes_nothing(result)


def test_one_bad_byte_in_a_small_json_member_costs_that_string(engine: DetectionEngine,
                                                              tmp_path: Path) -> None:
    """Members read whole (a Mastodon actor.json here, as Takeout and Meta profiles) repair, not drop."""
    members = mastodon_builder.files()
    whole = archive(tmp_path, "whole.zip", members)
    members["actor.json"], at = with_bad_byte(members["actor.json"], b"Data engineer")
    result = archive(tmp_path, "broken.zip", members)
    assert result.exit_code == 3, result.output
    assert skips(result) == [("actor.json", repair_line(at))]
    assert documents_found(result) == documents_found(whole)
    assert "actor.json" in documents_found(result)
    assert_quotes_nothing(result)


def test_one_bad_byte_in_a_csv_costs_no_row(engine: DetectionEngine, tmp_path: Path) -> None:
    """CSV members were decoded with every bad byte replaced in silence; now the rows are counted."""
    members = reddit_builder.files()
    whole = archive(tmp_path, "whole.zip", members)
    assert whole.exit_code == 0, whole.output
    members["comments.csv"], at = with_bad_byte(members["comments.csv"], b"Our meeting")
    result = archive(tmp_path, "broken.zip", members)
    assert result.exit_code == 3, result.output
    assert skips(result) == [("comments.csv", repair_line(at))]
    assert documents_found(result) == documents_found(whole)
    assert_quotes_nothing(result)


def test_random_bytes_in_tweets_js_are_a_skip_line(engine: DetectionEngine, tmp_path: Path) -> None:
    noise = random.Random(14)
    for name, data in (("noise.zip", bytes(noise.randrange(256) for _ in range(20_000))),
                       ("number.zip", b"window.YTD.tweets.part0 = 7" + os.urandom(64).hex().encode())):
        members = twitter_builder.files()
        members[TWEETS] = data
        result = archive(tmp_path, name, members)
        assert result.exit_code == 3, result.output
        assert [where for where, _ in skips(result)] == [TWEETS]
        assert_quotes_nothing(result)


def test_junk_after_the_array_is_a_skip_line_after_its_tweets(intact: set[str], tmp_path: Path) -> None:
    members = twitter_builder.files()
    size = len(members[TWEETS])
    members[TWEETS] += b"\n{ note: 'write to rowan.hale@example.org' }\n"
    result = archive(tmp_path, "x.zip", members)
    assert result.exit_code == 3, result.output
    assert skips(result) == [(TWEETS, "unexpected text after the array of part 0 of the data file "
                                      f"(byte {len(members[TWEETS])} read)")]
    assert size < len(members[TWEETS])
    assert tweet_ids(result) == intact
    assert_quotes_nothing(result)


def test_every_concatenated_part_is_read(intact: set[str], tmp_path: Path) -> None:
    members = twitter_builder.files()
    second = [{"tweet": dict(record["tweet"], id_str=f"99{record['tweet']['id_str']}",
                             id=f"99{record['tweet']['id_str']}")} for record in records(members[TWEETS])]
    for separator in (b"\n", b""):
        joined = dict(members)
        joined[TWEETS] = (members[TWEETS].rstrip() + separator + b"window.YTD.tweets.part1 = "
                          + json.dumps(second, indent=2).encode() + b";\n")
        result = archive(tmp_path, f"joined{len(separator)}.zip", joined)
        assert result.exit_code == 0, result.output
        assert tweet_ids(result) == intact | {f"99{key}" for key in intact}


def test_skip_lines_past_the_cap_are_counted_per_reason(engine: DetectionEngine, tmp_path: Path) -> None:
    """A 78 KB zip of nested zips printed 65,537 skip lines (17 MB); past 50 they are counted."""
    members = {f"broken/{number:03}.json": b'{"note": "rowan.hale@example.org", ' for number in range(120)}
    members["note.txt"] = b"Write to rowan.hale@example.org about the refund."
    result = archive(tmp_path, "many.zip", members)
    assert result.exit_code == 3, result.output
    report = payload(result)
    assert len(report["skipped"]) == SKIP_LINES
    reason = reason_kind(report["skipped"][0]["reason"])
    assert report["skipped_beyond_cap"] == {"total": 70, "by_reason": {reason: 70}}
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(lines) == SKIP_LINES + 1
    assert lines[-1] == f"skipped 70 more (only the first {SKIP_LINES} are listed): 70 × {reason}"
    assert f"skipped: 120 × {reason}" in result.stderr
    assert_quotes_nothing(result)
