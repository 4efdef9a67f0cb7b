"""The persona's X/Twitter archive in the modern `window.YTD` layout: samples/twitter-archive.zip.

Planted: an address, health disclosures, a phone number, a geotagged tweet, a card number in a sent
DM, the account email, birth date, login IPs, an old handle, ad targeting and X's inferences. A
received DM (someone else's text) and a like are there to show they are not read as the person's.
`write_archive(target, tweets)` writes an archive of any size for the benchmark, streamed.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from samples.builders import FIXED_TIME, write_zip

ACCOUNT_ID = "1490000000000000001"
FRIEND_ID = "1490000000000000777"
SCREEN_NAME = "rowanhale"
START = datetime(2019, 5, 4, 16, 20, tzinfo=UTC)


def tweet_time(moment: datetime) -> str:
    return moment.strftime("%a %b %d %H:%M:%S +0000 %Y")


def ytd(kind: str, records: list[Any], part: int = 0) -> bytes:
    """A data file as X writes it: `window.YTD.<kind>.partN = [ ... ]`, every number a string."""
    return f"window.YTD.{kind}.part{part} = {json.dumps(records, indent=2, ensure_ascii=False)}".encode()


def tweet(tweet_id: int, moment: datetime, text: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id_str": str(tweet_id),
        "id": str(tweet_id),
        "created_at": tweet_time(moment),
        "full_text": text,
        "lang": "en",
        "favorite_count": "0",
        "retweet_count": "0",
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
    }
    body.update(extra)
    return {"tweet": body}


TWEETS: list[tuple[timedelta, str, dict[str, Any]]] = [
    (
        timedelta(days=0),
        "Moved into the new place at 1427 Alder Street, Portland, OR 97205 &amp; the cat approves",
        {},
    ),
    (
        timedelta(days=30),
        "Ten years since I was diagnosed with type 1 diabetes. The insulin pump changed everything.",
        {},
    ),
    (
        timedelta(days=400),
        "Sunset on Mount Tabor with Maisie",
        {
            "geo": {"type": "Point", "coordinates": ["45.5118", "-122.5941"]},
            "coordinates": {"type": "Point", "coordinates": ["-122.5941", "45.5118"]},
            "place": {"full_name": "Portland, OR", "country": "United States"},
        },
    ),
    (
        timedelta(days=800),
        "Potluck after Quaker meeting on Sunday, text me at 503-555-0142 if you can bring bread",
        {},
    ),
    (timedelta(days=1300), "Knee surgery went fine. Back at Fernwood Analytics on Monday, slowly.", {}),
    (
        timedelta(days=1500),
        "RT @jonas_b: Happy birthday to my partner Rowan Delacroix-Hale, born 14 March 1988!",
        {},
    ),
    (
        timedelta(days=1600),
        "@mira_k yes, our union local meets Thursdays, come along",
        {"in_reply_to_screen_name": "mira_k"},
    ),
]
"""(offset from START, text, extra fields) of the persona's tweets; the first is HTML-escaped as X does."""


def _tweets() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    records = [
        tweet(1130000000000000001 + number, START + offset, text, **extra)
        for number, (offset, text, extra) in enumerate(TWEETS)
    ]
    return records[:4], records[4:]


def _messages() -> list[dict[str, Any]]:
    sent = {
        "messageCreate": {
            "recipientId": FRIEND_ID,
            "reactions": [],
            "urls": [],
            "mediaUrls": [],
            "text": "Card for the festival tickets is 4111 1111 1111 1111, exp 09/27",
            "senderId": ACCOUNT_ID,
            "id": "1200000000000000001",
            "createdAt": "2021-07-02T18:04:11.000Z",
        }
    }
    received = {
        "messageCreate": {
            "recipientId": ACCOUNT_ID,
            "reactions": [],
            "urls": [],
            "mediaUrls": [],
            "text": "Sure, my IBAN is GB82 WEST 1234 5698 7654 32",
            "senderId": FRIEND_ID,
            "id": "1200000000000000002",
            "createdAt": "2021-07-02T18:09:40.000Z",
        }
    }
    return [{"dmConversation": {"conversationId": f"{ACCOUNT_ID}-{FRIEND_ID}", "messages": [received, sent]}}]


def _group_messages() -> list[dict[str, Any]]:
    sent = {
        "messageCreate": {
            "reactions": [],
            "urls": [],
            "mediaUrls": [],
            "senderId": ACCOUNT_ID,
            "text": "Maisie's school pickup moved to 3pm, I'm on insulin pump duty tonight",
            "id": "1300000000000000001",
            "createdAt": "2022-09-12T07:30:00.000Z",
        }
    }
    joined = {
        "joinConversation": {
            "initiatingUserId": FRIEND_ID,
            "participantsSnapshot": [ACCOUNT_ID],
            "createdAt": "2022-09-01T10:00:00.000Z",
        }
    }
    return [{"dmConversation": {"conversationId": "1300000000000000000", "messages": [sent, joined]}}]


def _account_files() -> dict[str, bytes]:
    return {
        "account.js": ytd(
            "account",
            [
                {
                    "account": {
                        "email": "rowan.hale@example.org",
                        "createdVia": "web",
                        "username": SCREEN_NAME,
                        "accountId": ACCOUNT_ID,
                        "createdAt": "2012-02-20T09:15:00.000Z",
                        "accountDisplayName": "Ro Hale",
                    }
                }
            ],
        ),
        "profile.js": ytd(
            "profile",
            [
                {
                    "profile": {
                        "description": {
                            "bio": "Data engineer at Fernwood Analytics. Parent to Maisie. Quaker, unionist.",
                            "website": "https://t.co/abc123",
                            "location": "Portland, Oregon",
                        },
                        "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/avatar.jpg",
                    }
                }
            ],
        ),
        "ageinfo.js": ytd("ageinfo", [{"ageMeta": {"ageInfo": {"age": ["38"], "birthDate": "1988-03-14"}}}]),
        "ip-audit.js": ytd(
            "ip_audit",
            [
                {
                    "ipAudit": {
                        "accountId": ACCOUNT_ID,
                        "createdAt": "2025-11-01T08:00:00.000Z",
                        "loginIp": "203.0.113.42",
                        "loginPortNumber": "51234",
                    }
                },
                {
                    "ipAudit": {
                        "accountId": ACCOUNT_ID,
                        "createdAt": "2025-12-24T20:30:00.000Z",
                        "loginIp": "198.51.100.7",
                        "loginPortNumber": "40110",
                    }
                },
                {
                    "ipAudit": {
                        "accountId": ACCOUNT_ID,
                        "createdAt": "2026-01-10T07:45:00.000Z",
                        "loginIp": "203.0.113.42",
                        "loginPortNumber": "51999",
                    }
                },
            ],
        ),
        "account-creation-ip.js": ytd(
            "account_creation_ip",
            [{"accountCreationIp": {"accountId": ACCOUNT_ID, "userCreationIp": "203.0.113.42"}}],
        ),
        "email-address-change.js": ytd(
            "email_address_change",
            [
                {
                    "emailAddressChange": {
                        "accountId": ACCOUNT_ID,
                        "emailChange": {
                            "changedAt": "2018-06-01T12:00:00.000Z",
                            "changedFrom": "ro.delacroix@example.com",
                            "changedTo": "rowan.hale@example.org",
                        },
                    }
                }
            ],
        ),
        "screen-name-change.js": ytd(
            "screen_name_change",
            [
                {
                    "screenNameChange": {
                        "accountId": ACCOUNT_ID,
                        "screenNameChange": {
                            "changedAt": "2015-03-03T10:00:00.000Z",
                            "changedFrom": "rowan_dh",
                            "changedTo": SCREEN_NAME,
                        },
                    }
                }
            ],
        ),
        "phone-number.js": ytd("phone_number", [{"device": {"phoneNumber": "+15035550142"}}]),
        "protected-history.js": ytd("protected_history", []),
        "ad-engagements.js": ytd(
            "ad_engagements",
            [
                {
                    "ad": {
                        "adsUserData": {
                            "adEngagements": {
                                "engagements": [
                                    {
                                        "impressionAttributes": {
                                            "deviceInfo": {"osType": "Desktop"},
                                            "displayLocation": "TimelineHome",
                                            "promotedTweetInfo": {
                                                "tweetId": "1",
                                                "tweetText": "Advertiser text, not the person's",
                                            },
                                            "advertiserInfo": {
                                                "advertiserName": "Glucose Gadgets",
                                                "screenName": "@glucosegadgets",
                                            },
                                            "matchedTargetingCriteria": [
                                                {
                                                    "targetingType": "Locations",
                                                    "targetingValue": "Portland, OR, US",
                                                },
                                                {"targetingType": "Age", "targetingValue": "35 to 54"},
                                                {
                                                    "targetingType": "Keywords",
                                                    "targetingValue": "type 1 diabetes",
                                                },
                                            ],
                                            "impressionTime": "2025-10-10 10:10:10",
                                        },
                                        "engagementAttributes": [
                                            {
                                                "engagementTime": "2025-10-10 10:10:30",
                                                "engagementType": "Detail",
                                            }
                                        ],
                                    }
                                ]
                            }
                        }
                    }
                }
            ],
        ),
        "personalization.js": ytd(
            "personalization",
            [
                {
                    "p13nData": {
                        "demographics": {
                            "languages": [{"language": "English", "isDisabled": False}],
                            "genderInfo": {"gender": "female"},
                        },
                        "interests": {
                            "interests": [
                                {"name": "Diabetes", "isDisabled": False},
                                {"name": "Labor unions", "isDisabled": False},
                            ],
                            "partnerInterests": [],
                            "audienceAndAdvertisers": {"numAudiences": "3"},
                        },
                        "locationHistory": ["Portland, OR, US"],
                        "inferredAgeInfo": {"age": ["35-54"], "birthDate": ""},
                    }
                }
            ],
        ),
        "like.js": ytd(
            "like",
            [
                {
                    "like": {
                        "tweetId": "999",
                        "fullText": "Someone else's tweet about their address",
                        "expandedUrl": "https://twitter.com/i/web/status/999",
                    }
                }
            ],
        ),
    }


def files() -> dict[str, bytes]:
    """Every member of the sample archive (path → bytes), as X lays them out."""
    first, second = _tweets()
    deleted = tweet(
        1140000000000000001,
        START + timedelta(days=200),
        "New email is rowan.hale@example.org if the school form breaks again",
        deleted_at=tweet_time(START + timedelta(days=201)),
    )
    note = {
        "noteTweet": {
            "noteTweetId": "1150000000000000001",
            "createdAt": "2024-05-01T17:00:00.000Z",
            "updatedAt": "2024-05-01T17:00:00.000Z",
            "core": {
                "text": "Long one. Coming out as bi at 30 was the best thing I did; the anxiety "
                "meds helped too. Grateful to the union folks who showed up. I was born 14 March 1988 "
                "and this was my best year.",
                "urls": [],
                "mentions": [],
                "hashtags": [],
                "cashtags": [],
            },
        }
    }
    data = {
        "tweets.js": ytd("tweets", first),
        "tweets-part1.js": ytd("tweets", second, part=1),
        "deleted-tweets.js": ytd("deleted_tweets", [deleted]),
        "note-tweet.js": ytd("note_tweet", [note]),
        "direct-messages.js": ytd("direct_messages", _messages()),
        "direct-messages-group.js": ytd("direct_messages_group", _group_messages()),
        **_account_files(),
    }
    manifest = {
        "userInfo": {"accountId": ACCOUNT_ID, "userName": SCREEN_NAME, "displayName": "Ro Hale"},
        "archiveInfo": {
            "sizeBytes": "12345",
            "generationDate": "2026-01-15T12:00:00.000Z",
            "isPartialArchive": False,
            "maxPartSizeBytes": "53687091200",
        },
        "dataTypes": {
            "tweets": {
                "files": [
                    {"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": str(len(first))}
                ]
            }
        },
    }
    members = {f"data/{name}": content for name, content in data.items()}
    members["data/manifest.js"] = f"window.__THAR_CONFIG = {json.dumps(manifest, indent=2)}".encode()
    members["Your archive.html"] = b"<!DOCTYPE html><html><body>Your archive</body></html>"
    members["data/README.txt"] = b"Twitter archive README (abridged)."
    return members


def build(out_dir: Path) -> Path:
    return write_zip(out_dir / "twitter-archive.zip", files())


SENTENCES = (
    "Coffee at the usual place on Alder Street before work",
    "Long day at Fernwood Analytics, the pipeline finally ran",
    "Maisie lost her first tooth today!",
    "Blood sugar behaving today, pump site change went fine",
    "Anyone in Portland selling a used bike trailer? DM me",
    "Reading group tonight, bring snacks",
)


def _bulk_tweets(count: int) -> Iterator[bytes]:
    yield b"window.YTD.tweets.part0 = [\n"
    for number in range(count):
        moment = START + timedelta(minutes=37 * number)
        text = f"{SENTENCES[number % len(SENTENCES)]} #{number}"
        record = json.dumps(tweet(1160000000000000000 + number, moment, text), ensure_ascii=False)
        yield (record + (",\n" if number < count - 1 else "\n")).encode()
    yield b"]\n"


def write_archive(target: Path, tweets: int) -> Path:
    """An archive with `tweets` generated tweets plus the persona's account files (for the benchmark)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(_account_files().items()):
            archive.writestr(zipfile.ZipInfo(f"data/{name}", FIXED_TIME), content)
        info = zipfile.ZipInfo("data/tweets.js", FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            for chunk in _bulk_tweets(tweets):
                stream.write(chunk)
    return target
