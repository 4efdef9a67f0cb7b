"""The X/Twitter reader: the persona's sample, layout variants, broken files, the real Grailbird sample."""

from __future__ import annotations

import contextlib
import importlib
import io
import shutil
import sys
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.archives.trees.open import open_input
from scanner.archives.twitter.jsfiles import script_value, stream_records
from scanner.errors import ExposureError, InputError
from scanner.models import Document, DocumentKind, Skipped, Visibility
from tests.archives.twitter_reading import READER, documents, read, rezip

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "twitter-archive.zip"


def builder(name: str) -> ModuleType:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module(f"samples.builders.{name}")


@pytest.fixture(scope="module")
def sample() -> dict[str, Document]:
    items = read(SAMPLE)
    assert not [item for item in items if isinstance(item, Skipped)]
    return documents(items)


def test_sample_counts_by_kind(sample: dict[str, Document]) -> None:
    assert Counter(document.kind for document in sample.values()) == {
        DocumentKind.POST: 7,  # 6 tweets over two parts, a deleted tweet, a note tweet, less the reply
        DocumentKind.COMMENT: 1,  # the reply
        DocumentKind.ACTIVITY: 2,  # a retweet, login IPs
        DocumentKind.INFERENCE: 2,  # ad targeting, X's inferences
        DocumentKind.ACCOUNT: 7,
        DocumentKind.MESSAGE: 2,  # sent ones only
        DocumentKind.BIO: 1,
    }


def test_tweets_have_permalinks_aware_times_and_visibility(sample: dict[str, Document]) -> None:
    tweet = sample["twitter-archive.zip!data/tweets.js#1130000000000000001"]
    assert tweet.url == "https://x.com/rowanhale/status/1130000000000000001"
    assert tweet.created_at is not None and tweet.created_at.utcoffset() is not None
    assert tweet.created_at.isoformat() == "2019-05-04T16:20:00+00:00"
    assert tweet.visibility == Visibility.PUBLIC and tweet.source == "twitter"
    assert "1427 Alder Street" in tweet.text and "&amp;" not in tweet.text
    split = sample["twitter-archive.zip!data/tweets-part1.js#1130000000000000005"]
    assert "Knee surgery" in split.text


def test_retweets_are_activity_and_deleted_tweets_say_so(sample: dict[str, Document]) -> None:
    retweet = sample["twitter-archive.zip!data/tweets-part1.js#1130000000000000006"]
    assert retweet.kind == DocumentKind.ACTIVITY and retweet.metadata["retweet"] == "true"
    deleted = sample["twitter-archive.zip!data/deleted-tweets.js#1140000000000000001"]
    assert "deleted_at" in deleted.metadata and deleted.kind == DocumentKind.POST


def test_geotag_is_a_structured_value(sample: dict[str, Document]) -> None:
    tweet = sample["twitter-archive.zip!data/tweets.js#1130000000000000003"]
    values = {(value.entity, value.value) for value in tweet.structured}
    assert ("GEO_COORDINATES", "45.5118, -122.5941") in values
    assert ("LOCATION", "Portland, OR") in values


def test_only_sent_messages_are_read(sample: dict[str, Document]) -> None:
    messages = [document for document in sample.values() if document.kind == DocumentKind.MESSAGE]
    assert all(document.visibility == Visibility.DIRECT for document in messages)
    texts = " ".join(document.text for document in messages)
    assert "4111 1111 1111 1111" in texts and "Maisie" in texts
    assert "GB82" not in texts  # the friend's received message is their text, not the person's


def test_likes_are_not_read(sample: dict[str, Document]) -> None:
    assert not any("like.js" in key for key in sample)


def test_account_files_state_values(sample: dict[str, Document]) -> None:
    stated = {(value.entity, value.value) for document in sample.values() for value in document.structured}
    for expected in [
        ("EMAIL_ADDRESS", "rowan.hale@example.org"),
        ("EMAIL_ADDRESS", "ro.delacroix@example.com"),
        ("PHONE_NUMBER", "+15035550142"),
        ("DATE_OF_BIRTH", "1988-03-14"),
        ("IP_ADDRESS", "203.0.113.42"),
        ("IP_ADDRESS", "198.51.100.7"),
        ("USERNAME", "rowan_dh"),
        ("USERNAME", "rowanhale"),
    ]:
        assert expected in stated
    email = sample["twitter-archive.zip!data/account.js#1490000000000000001"]
    assert email.visibility == Visibility.PRIVATE and email.kind == DocumentKind.ACCOUNT
    logins = sample["twitter-archive.zip!data/ip-audit.js"]
    assert len(logins.structured) == 2 and logins.created_at is not None


def test_ads_and_inferences_are_private_and_leave_advertiser_text_out(sample: dict[str, Document]) -> None:
    ads = sample["twitter-archive.zip!data/ad-engagements.js"]
    assert ads.visibility == Visibility.PRIVATE
    assert "Locations: Portland, OR, US" in ads.text and "Advertiser text" not in ads.text
    inferred = sample["twitter-archive.zip!data/personalization.js#0"]
    assert "Interests: Diabetes, Labor unions" in inferred.text


def test_top_folder_and_2020_naming_are_recognised(tmp_path: Path) -> None:
    members = builder("twitter").files()
    moved = {f"twitter-2020-05-01-abc/{name}": data for name, data in members.items()}
    tweets = moved.pop("twitter-2020-05-01-abc/data/tweets.js").replace(b"YTD.tweets.", b"YTD.tweet.")
    moved["twitter-2020-05-01-abc/data/tweet.js"] = tweets.replace(b"= [\n  {", b"= [ {")
    path = rezip(tmp_path / "renamed.zip", moved)
    assert READER.matches(open_input(path))
    found = documents(read(path))
    assert "renamed.zip!twitter-2020-05-01-abc/data/tweet.js#1130000000000000001" in found
    assert len(found) == 22


def test_protected_account_makes_tweets_followers_only(tmp_path: Path) -> None:
    members = builder("twitter").files()
    ytd = builder("twitter").ytd
    members["data/protected-history.js"] = ytd(
        "protected_history",
        [{"protectedHistory": {"protectedAt": "2019-01-01T00:00:00.000Z", "action": "Protect"}}],
    )
    found = documents(read(rezip(tmp_path / "p.zip", members)))
    assert found["p.zip!data/tweets.js#1130000000000000001"].visibility == Visibility.FOLLOWERS


def test_a_broken_file_is_one_skip_and_the_rest_is_read(tmp_path: Path) -> None:
    members = builder("twitter").files()
    members["data/tweets.js"] = members["data/tweets.js"][:-200]  # cut inside the last tweet
    members["data/ageinfo.js"] = b"\xff\xfe garbage"
    items = read(rezip(tmp_path / "b.zip", members))
    skips = {item.where: item.reason for item in items if isinstance(item, Skipped)}
    assert set(skips) == {"b.zip!data/tweets.js", "b.zip!data/ageinfo.js"}
    found = documents(items)
    assert "b.zip!data/tweets.js#1130000000000000001" in found  # before the cut
    assert "b.zip!data/tweets-part1.js#1130000000000000005" in found


def test_layout_without_ytd_prefix_is_not_twitter(tmp_path: Path) -> None:
    path = rezip(tmp_path / "twitter.zip", {"data/account.js": b"console.log('hi')", "data/tweets.js": b"x"})
    assert not READER.matches(open_input(path))


def _peak_while_reading(path: Path) -> int:
    tree = open_input(path)
    tracemalloc.start()
    count = sum(1 for item in READER.documents(tree) if isinstance(item, Document))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count > 0
    return peak


def test_tweets_file_is_streamed_so_memory_does_not_grow_with_it(tmp_path: Path) -> None:
    write = builder("twitter").write_archive
    small = _peak_while_reading(write(tmp_path / "small.zip", tweets=2_000))
    large = _peak_while_reading(write(tmp_path / "large.zip", tweets=6_000))  # ~2 MB more of tweets.js
    assert large - small < 1 << 20, f"peak grew from {small:,} to {large:,} bytes: tweets.js is not streamed"


def test_real_grailbird_sample(shared: Path, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    for source in (shared / "fixtures" / "twitter" / "classic_grailbird_2014").glob("data__*"):
        target = root / source.name.replace("__", "/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    tree = open_input(root)
    assert READER.matches(tree)
    found = documents(list(READER.documents(tree)))
    tweet = found["archive/data/js/tweets/2013_11.js#406054311244746752"]
    assert tweet.text == "This is a test tweet in a test archieve file"
    assert tweet.created_at is not None and tweet.created_at.isoformat() == "2013-11-28T13:37:46+00:00"
    assert tweet.url == "https://x.com/glennjones/status/406054311244746752"
    profile = found["archive/data/js/user_details.js"]
    assert profile.kind == DocumentKind.BIO and "Brighton" in profile.text


def test_grailbird_sample_with_geotag_and_trailing_commas() -> None:
    found = documents(read(ROOT / "samples" / "twitter-grailbird-archive.zip"))
    assert Counter(document.kind for document in found.values()) == {
        DocumentKind.POST: 3,
        DocumentKind.BIO: 1,
    }
    geo = found["twitter-grailbird-archive.zip!data/js/tweets/2013_06.js#345678901234567999"]
    assert [value.value for value in geo.structured] == ["45.5118, -122.5941"]


def test_grailbird_reply_is_a_comment_as_in_tweets_csv(tmp_path: Path) -> None:
    members = builder("grailbird").files()
    members["data/js/tweets/2014_03.js"] = (
        b'Grailbird.data.tweets_2014_03 = [ {"id_str": "440000000000000001", "text": "@mira_k see you",'
        b' "in_reply_to_status_id": 439999999999999999, "created_at": "2014-03-01 10:00:00 +0000"}, ]'
    )
    found = documents(read(rezip(tmp_path / "g.zip", members)))
    assert found["g.zip!data/js/tweets/2014_03.js#440000000000000001"].kind == DocumentKind.COMMENT


def test_stream_records_accepts_trailing_semicolon_and_bom() -> None:
    data = b'\xef\xbb\xbfwindow.YTD.tweets.part0 = [ {"a": "1"}, {"b": "2"} ];\n'
    assert list(stream_records(io.BytesIO(data))) == [{"a": "1"}, {"b": "2"}]


def test_script_value_is_lenient_about_trailing_commas_only_outside_strings() -> None:
    assert script_value(b'var x = [ {"t": "a, ]", "u": [1, 2, ], }, ]').value == [{"t": "a, ]", "u": [1, 2]}]
    with pytest.raises(InputError):
        script_value(b"no assignment here")


def _only_our_errors(call: Callable[[], object]) -> None:
    with contextlib.suppress(ExposureError):
        call()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_stream_records_never_raises_foreign_errors(data: bytes) -> None:
    _only_our_errors(lambda: list(stream_records(io.BytesIO(b"window.YTD.tweets.part0 = " + data))))
    _only_our_errors(lambda: list(stream_records(io.BytesIO(data))))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='[]{},:"\\ 01aé=;\n', max_size=200))
def test_script_value_never_raises_foreign_errors(text: str) -> None:
    _only_our_errors(lambda: script_value(("Grailbird.data.tweets_2013_11 = " + text).encode()))
    _only_our_errors(lambda: script_value(text.encode("utf-8")))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "tweet",
                    "account",
                    "profile",
                    "description",
                    "ageMeta",
                    "ageInfo",
                    "ipAudit",
                    "loginIp",
                    "createdAt",
                    "created_at",
                    "id_str",
                    "full_text",
                    "geo",
                    "coordinates",
                    "place",
                    "full_name",
                    "dmConversation",
                    "messages",
                    "messageCreate",
                    "text",
                    "senderId",
                    "noteTweet",
                    "core",
                    "p13nData",
                    "demographics",
                    "interests",
                    "matchedTargetingCriteria",
                    "targetingValue",
                    "emailChange",
                    "screenNameChange",
                    "device",
                    "phoneNumber",
                    "age",
                    "birthDate",
                    "accountCreationIp",
                    "userCreationIp",
                    "emailAddressChange",
                    "user",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(JSON, max_size=4))
def test_record_handlers_survive_any_json_shape(records: list[object]) -> None:
    from scanner.archives.twitter import message_documents, note_documents, tweet_documents
    from scanner.archives.twitter.account import HANDLERS, Account

    account = Account("1", "me")
    for handler in (*HANDLERS.values(), tweet_documents, message_documents, note_documents):
        for document in handler(iter(records), "x.zip!data/f.js", account):
            assert isinstance(document, Document)


def test_retweets_carry_no_text_and_quote_tweets_only_the_persons_words(
        sample: dict[str, Document], tmp_path: Path) -> None:
    """A retweet is the other account's words; a quote tweet keeps only the person's words."""
    retweet = sample["twitter-archive.zip!data/tweets-part1.js#1130000000000000006"]
    assert retweet.text == ""
    twitter = builder("twitter")
    quote = twitter.tweet(
        1130000000000000099, twitter.START, "So proud of this crew https://t.co/AbCdEf1234",
        entities={"hashtags": [], "user_mentions": [], "urls": [{
            "url": "https://t.co/AbCdEf1234",
            "expanded_url": "https://twitter.com/jonas_b/status/1129999999999999999",
            "display_url": "twitter.com/jonas_b/statu…", "indices": ["22", "45"]}]},
    )
    members = twitter.files()
    members["data/tweets.js"] = twitter.ytd("tweets", [quote])
    found = documents(read(rezip(tmp_path / "q.zip", members)))
    quoted = found["q.zip!data/tweets.js#1130000000000000099"]
    assert quoted.text == "So proud of this crew" and quoted.metadata["quote"] == "true"
    assert quoted.kind == DocumentKind.POST


def test_ad_targeting_and_personalization_are_xs_inferences(sample: dict[str, Document]) -> None:
    """What X targets ads by and guesses about the person is 'inference', not the person's own words."""
    targeting = sample["twitter-archive.zip!data/ad-engagements.js"]
    inferred = sample["twitter-archive.zip!data/personalization.js#0"]
    assert targeting.kind == inferred.kind == DocumentKind.INFERENCE
    assert "Age: 35 to 54" in targeting.text and "Advertiser text" not in targeting.text
    assert [value.label for value in inferred.structured] == ["personalization.locationHistory"]
