"""The persona's pre-2018 ('Grailbird') Twitter archives: samples/twitter-grailbird-archive.zip and
samples/twitter-classic-csv-archive.zip.

The classic exporter wrote `Grailbird.data.tweets_YYYY_MM = [ ... ]` per month, escaped slashes and,
in real archives, a trailing comma before the closing bracket; the first sample keeps all three
quirks. The same archives carried `tweets.csv` at the root, every field quoted, the text
HTML-escaped; the second sample is that CSV alone, as some people kept it: a reply, a retweet, a
multi-line tweet with quotes and commas, planted address, phone, email, health and family details.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from samples.builders import write_zip

USER = {
    "id": "28193746",
    "id_str": "28193746",
    "screen_name": "rowan_dh",
    "full_name": "Rowan Delacroix-Hale",
    "bio": "Data nerd in Portland. Quaker. Type 1 since 2009.",
    "location": "Portland, OR",
    "created_at": "2009-04-01 18:22:03 +0000",
    "expanded_url": "http://rowan.example.org/",
    "url": "http://t.co/abcDEF",
    "display_url": "rowan.example.org",
}


def _tweet(tweet_id: str, created_at: str, text: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "web",
        "entities": {"user_mentions": [], "media": [], "hashtags": [], "urls": []},
        "geo": {},
        "id_str": tweet_id,
        "text": text,
        "id": int(tweet_id),
        "created_at": created_at,
        "user": {
            "name": USER["full_name"],
            "screen_name": USER["screen_name"],
            "protected": False,
            "id_str": USER["id"],
            "id": int(USER["id"]),
            "verified": False,
            "profile_image_url_https": "https://pbs.twimg.com/profile_images/1/rowan_normal.png",
        },
    }
    body.update(extra)
    return body


MONTHS = {
    "2013_06": [
        _tweet(
            "345678901234567890",
            "2013-06-14 09:12:44 +0000",
            "Happy to share: we bought our first home, 1427 Alder Street! Housewarming soon &amp; all come",
        ),
        _tweet(
            "345678901234567999",
            "2013-06-20 19:40:02 +0000",
            "Evening at Mount Tabor",
            geo={"type": "Point", "coordinates": [45.5118, -122.5941]},
        ),
    ],
    "2014_02": [
        _tweet(
            "432109876543210987",
            "2014-02-03 08:00:00 +0000",
            "Endo appointment went well, A1C down. Email me at ro.delacroix@example.com for the recipe",
        ),
    ],
}


def _script(assignment: str, value: Any) -> bytes:
    """How the classic exporter wrote a file: escaped slashes and a trailing comma in arrays."""
    text = json.dumps(value, indent=2).replace("/", "\\/")
    if isinstance(value, list) and value:
        text = text[: text.rstrip().rfind("]")].rstrip() + ", ]"
    return f"{assignment} = \n{text}".encode()


def files() -> dict[str, bytes]:
    members = {
        f"data/js/tweets/{month}.js": _script(f"Grailbird.data.tweets_{month}", tweets)
        for month, tweets in MONTHS.items()
    }
    index = [
        {
            "file_name": f"data/js/tweets/{month}.js",
            "year": int(month[:4]),
            "var_name": f"tweets_{month}",
            "tweet_count": len(tweets),
            "month": int(month[5:]),
        }
        for month, tweets in sorted(MONTHS.items())
    ]
    members["data/js/tweet_index.js"] = _script("var tweet_index", index)
    members["data/js/user_details.js"] = _script("var user_details", USER)
    members["data/js/payload_details.js"] = _script(
        "var payload_details", {"tweets": 3, "created_at": "2014-03-01 10:00:00 +0000", "lang": "en"}
    )
    members["index.html"] = b"<!DOCTYPE html><html><body>Your Twitter archive</body></html>"
    return members


CSV_COLUMNS = (
    "tweet_id",
    "in_reply_to_status_id",
    "in_reply_to_user_id",
    "timestamp",
    "source",
    "text",
    "retweeted_status_id",
    "retweeted_status_user_id",
    "retweeted_status_timestamp",
    "expanded_urls",
)
"""The 2013–2018 column order (2012 files put the two retweet ids before `timestamp`)."""
_WEB = '<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>'
_PHONE = '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>'

CSV_TWEETS: list[dict[str, str]] = [
    {
        "tweet_id": "201234567890123456",
        "timestamp": "2012-05-14 07:45:10 +0000",
        "source": _WEB,
        "text": "New job at Fernwood Analytics &amp; a new desk by the window &lt;3",
    },
    {
        "tweet_id": "287654321098765432",
        "timestamp": "2012-12-30 22:05:51 +0000",
        "source": _PHONE,
        "text": 'Jonas says "write it down", so:\nMaisie\'s first word today, then a nap.\nBest day, really.',
    },
    {
        "tweet_id": "345678901234567890",
        "timestamp": "2013-06-14 09:12:44 +0000",
        "source": _WEB,
        "text": "We bought our first home, 1427 Alder Street! Housewarming soon &amp; all come",
        "expanded_urls": "http://rowan.example.org/house",
    },
    {
        "tweet_id": "398765432109876543",
        "in_reply_to_status_id": "398765000000000001",
        "in_reply_to_user_id": "19283746",
        "timestamp": "2013-11-08 18:30:00 +0000",
        "source": _PHONE,
        "text": "@mira_k sure, call me on 503-555-0142 after the endo appointment",
    },
    {
        "tweet_id": "432109876543210987",
        "timestamp": "2014-02-03 08:00:00 +0000",
        "source": _WEB,
        "text": "Five years of type 1 diabetes &amp; A1C down. Email ro.delacroix@example.com for the recipe",
    },
    {
        "tweet_id": "512345678901234567",
        "timestamp": "2014-09-17 12:00:00 +0000",
        "source": _WEB,
        "text": "RT @jonas_b: Proud of Rowan for speaking at the union local tonight",
        "retweeted_status_id": "512345000000000009",
        "retweeted_status_user_id": "48291034",
        "retweeted_status_timestamp": "2014-09-17 11:58:00 +0000",
    },
]
"""The persona's tweets as the classic tweets.csv holds them (text HTML-escaped, as the exporter wrote it)."""


def csv_text(tweets: list[dict[str, str]], columns: tuple[str, ...] = CSV_COLUMNS) -> bytes:
    """A tweets.csv as the classic exporter wrote it: every field quoted, LF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(columns)
    for tweet in tweets:
        writer.writerow([tweet.get(column, "") for column in columns])
    return out.getvalue().encode()


def csv_files() -> dict[str, bytes]:
    """The classic archive reduced to its tweets.csv."""
    return {"tweets.csv": csv_text(CSV_TWEETS)}


def build(out_dir: Path) -> Path:
    """Both classic samples; the Grailbird one is the path named."""
    write_zip(out_dir / "twitter-classic-csv-archive.zip", csv_files())
    return write_zip(out_dir / "twitter-grailbird-archive.zip", files())
