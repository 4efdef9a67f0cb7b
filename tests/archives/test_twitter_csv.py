"""The classic X archive's tweets.csv: the persona's CSV-only sample, both column orders, bad rows."""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.archives.detect import detect
from scanner.archives.trees.open import open_input
from scanner.archives.twitter import TwitterReader
from scanner.models import Document, DocumentKind, Skipped, Visibility
from tests.archives.twitter_reading import READER, documents, read, rezip

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "twitter-classic-csv-archive.zip"


def grailbird() -> ModuleType:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("samples.builders.grailbird")


@pytest.fixture(scope="module")
def sample() -> dict[str, Document]:
    tree = open_input(SAMPLE)
    assert isinstance(detect(tree), TwitterReader)
    items = list(READER.documents(tree))
    assert not [item for item in items if isinstance(item, Skipped)]
    return documents(items)


def test_sample_counts_by_kind(sample: dict[str, Document]) -> None:
    assert Counter(document.kind for document in sample.values()) == {
        DocumentKind.POST: 4,
        DocumentKind.COMMENT: 1,  # the reply
        DocumentKind.ACTIVITY: 1,  # the retweet
    }
    assert all(document.source == "twitter" and document.visibility == Visibility.PUBLIC
               for document in sample.values())


def test_ids_permalinks_and_aware_timestamps(sample: dict[str, Document]) -> None:
    tweet = sample["twitter-classic-csv-archive.zip!tweets.csv#345678901234567890"]
    assert tweet.url == "https://x.com/i/web/status/345678901234567890"  # no screen name in a lone CSV
    assert tweet.created_at is not None and tweet.created_at.isoformat() == "2013-06-14T09:12:44+00:00"
    assert all(document.created_at is not None and document.created_at.utcoffset() is not None
               for document in sample.values())


def test_html_entities_are_unescaped_and_multiline_text_kept(sample: dict[str, Document]) -> None:
    first = sample["twitter-classic-csv-archive.zip!tweets.csv#201234567890123456"]
    assert first.text == "New job at Fernwood Analytics & a new desk by the window <3"
    multiline = sample["twitter-classic-csv-archive.zip!tweets.csv#287654321098765432"]
    assert multiline.text.splitlines() == [
        'Jonas says "write it down", so:', "Maisie's first word today, then a nap.", "Best day, really."
    ]


def test_reply_is_a_comment_and_retweet_is_marked(sample: dict[str, Document]) -> None:
    reply = sample["twitter-classic-csv-archive.zip!tweets.csv#398765432109876543"]
    assert reply.kind == DocumentKind.COMMENT and "503-555-0142" in reply.text
    retweet = sample["twitter-classic-csv-archive.zip!tweets.csv#512345678901234567"]
    assert retweet.kind == DocumentKind.ACTIVITY and retweet.metadata["retweet"] == "true"


def test_user_details_kept_beside_the_csv_gives_the_screen_name(tmp_path: Path) -> None:
    members = {
        "tweets-2014/tweets.csv": grailbird().csv_files()["tweets.csv"],
        "tweets-2014/data/js/user_details.js": grailbird().files()["data/js/user_details.js"],
    }
    found = documents(read(rezip(tmp_path / "kept.zip", members)))
    tweet = found["kept.zip!tweets-2014/tweets.csv#432109876543210987"]
    assert tweet.url == "https://x.com/rowan_dh/status/432109876543210987"
    assert found["kept.zip!tweets-2014/data/js/user_details.js"].kind == DocumentKind.BIO


def test_with_the_monthly_files_only_the_months_are_read(tmp_path: Path) -> None:
    members = {**grailbird().files(), "tweets.csv": grailbird().csv_files()["tweets.csv"]}
    found = documents(read(rezip(tmp_path / "both.zip", members)))
    assert not [key for key in found if "tweets.csv" in key]
    assert "both.zip!data/js/tweets/2014_02.js#432109876543210987" in found


def test_2012_column_order_is_read_by_name(tmp_path: Path) -> None:
    columns = ("tweet_id", "in_reply_to_status_id", "in_reply_to_user_id", "retweeted_status_id",
               "retweeted_status_user_id", "timestamp", "source", "text", "expanded_urls")
    data = grailbird().csv_text(grailbird().CSV_TWEETS, columns)
    found = documents(read(rezip(tmp_path / "old.zip", {"tweets.csv": data})))
    assert len(found) == 6
    retweet = found["old.zip!tweets.csv#512345678901234567"]
    assert retweet.kind == DocumentKind.ACTIVITY
    assert retweet.created_at is not None and retweet.created_at.isoformat() == "2014-09-17T12:00:00+00:00"


def test_a_broken_row_is_one_skip_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = grailbird().csv_files()["tweets.csv"].decode().split("\n")
    lines.insert(2, '"2099","","","2012-06-01 10:00:00 +0000","web","Secret 555-0199 text cut short"')
    lines.insert(3, '"not-an-id","","","2012-06-01 10:00:00 +0000","web","Call 555-0188","","","",""')
    found = read(rezip(tmp_path / "broken.zip", {"tweets.csv": "\n".join(lines).encode()}))
    skips = [item for item in found if isinstance(item, Skipped)]
    assert [(skip.where, skip.reason) for skip in skips] == [
        ("broken.zip!tweets.csv", "row 3: 6 cells where the header has 10; row not read"),
        ("broken.zip!tweets.csv", "row 4: tweet_id is not a number; row not read"),
    ]
    assert len(documents(found)) == 6


def test_a_lone_csv_passed_as_a_file_is_read_under_any_name(tmp_path: Path) -> None:
    path = tmp_path / "my old tweets.csv"
    path.write_bytes(grailbird().csv_files()["tweets.csv"])
    tree = open_input(path)
    assert isinstance(detect(tree), TwitterReader)
    found = documents(list(READER.documents(tree)))
    assert len(found) == 6 and "my old tweets.csv#432109876543210987" in found


def test_other_csvs_are_not_twitter(tmp_path: Path) -> None:
    other = rezip(tmp_path / "reddit.zip", {"tweets.csv": b"id,permalink,date,body\n1,/r/x,2020,hi\n"})
    assert not READER.matches(open_input(other))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("csv") / "tweets.csv"


@settings(max_examples=150, deadline=None)
@given(body=st.text(alphabet='"\n\r,ab01 \x00é-:+', max_size=300))
def test_any_rows_give_documents_or_skips_never_foreign_errors(scratch: Path, body: str) -> None:
    scratch.write_text(grailbird().csv_text([]).decode() + body, encoding="utf-8")
    for item in READER.documents(open_input(scratch)):
        assert isinstance(item, Document | Skipped)
