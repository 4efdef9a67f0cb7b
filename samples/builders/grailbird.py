"""The persona's pre-2018 ('Grailbird') Twitter archive: samples/twitter-grailbird-archive.zip.

The classic exporter wrote `Grailbird.data.tweets_YYYY_MM = [ ... ]` per month, escaped slashes and,
in real archives, a trailing comma before the closing bracket; the sample keeps all three quirks.
"""

from __future__ import annotations

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


def build(out_dir: Path) -> Path:
    return write_zip(out_dir / "twitter-grailbird-archive.zip", files())
