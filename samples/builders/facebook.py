"""The persona's Facebook "Download Your Information" export (JSON), with Meta's mojibake.

`files()` is the 2019-2022 layout under a top folder; `files(layout="2024")` the
`your_facebook_activity/` layout with localised (German) `label_values` records.
`write_export(folder, posts)` writes an export of any size for the archive benchmark.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from samples.builders import write_zip
from samples.builders.photo import gps_jpeg

TOP = "facebook-rowanhale-2024-06-02"
BASE = 1717200000  # 2024-06-01T00:00:00Z
NAME = "Rowan Delacroix-Hale"


def mojibake(value: Any) -> Any:
    """Meta's encoding bug: UTF-8 bytes written as Latin-1 code points, then JSON-escaped."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [mojibake(item) for item in value]
    if isinstance(value, dict):
        return {mojibake(key): mojibake(item) for key, item in value.items()}
    return value


def meta_json(value: Any) -> bytes:
    return json.dumps(mojibake(value), indent=2).encode("ascii")


def _posts() -> list[dict[str, Any]]:
    return [
        {
            "timestamp": BASE + 3600,
            "data": [
                {"post": "Maisie starts kindergarten tomorrow! Café breakfast with Jonas first ☕ 👏"},
                {"update_timestamp": BASE + 3700},
            ],
            "title": f"{NAME} updated her status.",
        },
        {
            "timestamp": BASE + 7200,
            "data": [{"post": "Sunset walk up the hill, knee finally fine after the surgery"}],
            "title": f"{NAME} checked in at Mount Tabor Park.",
            "attachments": [
                {
                    "data": [
                        {
                            "place": {
                                "name": "Mount Tabor Park",
                                "coordinate": {"latitude": 45.5118, "longitude": -122.5941},
                                "address": "SE 60th Ave & Salmon St, Portland, OR 97215",
                                "url": "https://www.facebook.com/pages/Mount-Tabor-Park/1",
                            }
                        }
                    ]
                }
            ],
        },
        {
            "timestamp": BASE + 10800,
            "data": [{"post": "New pump site, new me. Type 1 diabetes life."}],
            "title": f"{NAME} added a new photo.",
            "attachments": [
                {
                    "data": [
                        {
                            "media": {
                                "uri": "posts/media/Timeline photos/pump.jpg",
                                "creation_timestamp": BASE + 10800,
                                "title": "Timeline photos",
                                "description": "Call me at 503-555-0142 if you find my pump clip",
                                "media_metadata": {
                                    "photo_metadata": {
                                        "exif_data": [
                                            {
                                                "upload_ip": "203.0.113.42",
                                                "taken_timestamp": BASE + 10000,
                                                "latitude": 45.5118,
                                                "longitude": -122.5941,
                                            }
                                        ]
                                    }
                                },
                            }
                        }
                    ]
                }
            ],
        },
    ]


def _profile() -> dict[str, Any]:
    return {
        "profile_v2": {
            "name": {
                "full_name": NAME,
                "first_name": "Rowan",
                "middle_name": "",
                "last_name": "Delacroix-Hale",
            },
            "emails": {
                "emails": ["rowan.hale@example.org"],
                "previous_emails": ["ro.delacroix@example.com"],
                "pending_emails": [],
                "ad_account_emails": [],
            },
            "birthday": {"year": 1988, "month": 3, "day": 14},
            "gender": {"gender_option": "FEMALE"},
            "current_city": {"name": "Portland, Oregon", "timestamp": BASE - 86400 * 400},
            "hometown": {"name": "Eugene, Oregon", "timestamp": 0},
            "relationship": {
                "status": "In a relationship",
                "partner": "Jonas Berg",
                "timestamp": BASE - 86400 * 900,
            },
            "family_members": [
                {"name": "Maisie Hale", "relation": "Daughter", "timestamp": BASE - 86400 * 1500}
            ],
            "education_experiences": [{"name": "Portland State University", "graduated": True}],
            "work_experiences": [{"employer": "Fernwood Analytics", "title": "Data Engineer"}],
            "phone_numbers": [{"phone_type": "Mobile", "phone_number": "+1 503-555-0142", "verified": True}],
            "previous_names": [{"name": "Rowan Delacroix", "timestamp": BASE - 86400 * 2000}],
            "username": "rowan.hale",
            "profile_uri": "https://www.facebook.com/rowan.hale",
            "registration_timestamp": 1262304000,
        }
    }


def _thread() -> dict[str, Any]:
    return {
        "participants": [{"name": "Jonas Berg"}, {"name": NAME}],
        "messages": [
            {
                "sender_name": NAME,
                "timestamp_ms": (BASE + 5000) * 1000,
                "content": "Endo moved my appointment to Thursday, insulin pump check at 1427 Alder "
                "Street? No, "
                "the clinic. I'll text from +1 503-555-0142.",
                "type": "Generic",
                "is_unsent": False,
            },
            {
                "sender_name": "Jonas Berg",
                "timestamp_ms": (BASE + 4000) * 1000,
                "content": "Tjek 👏 tænkt på dig",
                "type": "Generic",
                "is_unsent": False,
            },
            {
                "sender_name": "Jonas Berg",
                "timestamp_ms": (BASE + 3000) * 1000,
                "type": "Share",
                "share": {"link": "https://example.com/quaker-meeting"},
                "is_unsent": False,
            },
        ],
        "title": "Jonas Berg",
        "is_still_participant": True,
        "thread_type": "Regular",
        "thread_path": "inbox/jonasberg_10158",
    }


def _logins() -> dict[str, Any]:
    return {
        "account_activity_v2": [
            {
                "action": "Login",
                "timestamp": BASE + 100,
                "ip_address": "203.0.113.42",
                "user_agent": "Mozilla/5.0",
                "datr_cookie": "abc",
                "city": "Portland",
                "region": "Oregon",
                "country": "US",
                "site_name": "www.facebook.com",
            },
            {
                "action": "Login",
                "timestamp": BASE + 200,
                "ip_address": "203.0.113.42",
                "user_agent": "Mozilla/5.0",
                "datr_cookie": "abc",
                "city": "Portland",
                "region": "Oregon",
                "country": "US",
            },
            {
                "action": "Session updated",
                "timestamp": BASE + 300,
                "ip_address": "198.51.100.7",
                "user_agent": "Mozilla/5.0",
                "datr_cookie": "abc",
                "city": "Seattle",
                "region": "Washington",
                "country": "US",
            },
        ]
    }


def files(layout: str = "2022", top: str = TOP) -> dict[str, bytes]:
    """The export's members, path -> bytes."""
    prefix = f"{top}/" if top else ""
    if layout == "2024":
        return _files_2024(prefix)
    return {
        f"{prefix}posts/your_posts_1.json": meta_json(_posts()),
        f"{prefix}posts/media/Timeline photos/pump.jpg": gps_jpeg(),
        f"{prefix}comments_and_reactions/comments.json": meta_json(
            {
                "comments_v2": [
                    {
                        "timestamp": BASE + 20000,
                        "title": f"{NAME} commented on Jonas Berg's post.",
                        "data": [
                            {
                                "comment": {
                                    "timestamp": BASE + 20000,
                                    "comment": "Proud of our Quaker meeting's garden!",
                                    "author": NAME,
                                }
                            }
                        ],
                    },
                    {
                        "timestamp": BASE + 21000,
                        "title": f"{NAME} commented on a post in a group.",
                        "data": [
                            {
                                "comment": {
                                    "timestamp": BASE + 21000,
                                    "author": NAME,
                                    "group": "T1D Portland",
                                    "comment": "Anxiety before endo visits is real, you're not alone",
                                }
                            }
                        ],
                    },
                ]
            }
        ),
        f"{prefix}messages/inbox/jonasberg_10158/message_1.json": meta_json(_thread()),
        f"{prefix}profile_information/profile_information.json": meta_json(_profile()),
        f"{prefix}friends_and_followers/friends.json": meta_json(
            {
                "friends_v2": [
                    {"name": "Jonas Berg", "timestamp": BASE - 86400 * 900},
                    {"name": "Søren Ødegaard", "timestamp": BASE - 86400 * 30},
                ]
            }
        ),
        f"{prefix}security_and_login_information/account_activity.json": meta_json(_logins()),
    }


def _files_2024(prefix: str) -> dict[str, bytes]:
    activity = f"{prefix}your_facebook_activity/"
    return {
        f"{activity}posts/your_posts__check_ins__photos_and_videos_1.json": meta_json(_posts()),
        f"{activity}comments_and_reactions/comments.json": meta_json(
            {
                "comments_v2": [
                    {
                        "timestamp": BASE + 20000,
                        "title": "Kommentar",
                        "data": [
                            {
                                "comment": {
                                    "timestamp": BASE + 20000,
                                    "comment": "Grüße aus Portland!",
                                    "author": NAME,
                                }
                            }
                        ],
                    }
                ]
            }
        ),
        f"{activity}messages/inbox/jonasberg_10158/message_1.json": meta_json(_thread()),
        f"{prefix}personal_information/profile_information/profile_information.json": meta_json(_profile()),
        f"{prefix}connections/friends/your_friends.json": meta_json(
            {"friends_v2": [{"name": "Jonas Berg", "timestamp": BASE - 86400 * 900}]}
        ),
        f"{prefix}security_and_login_information/logins_and_logouts.json": meta_json(
            {
                "account_accesses_v2": [
                    {
                        "action": "Anmeldung",
                        "timestamp": BASE + 100,
                        "site": "www.facebook.com",
                        "ip_address": "203.0.113.42",
                    }
                ]
            }
        ),
        f"{prefix}logged_information/search/your_search_history.json": meta_json(
            {
                "searches_v2": [
                    {
                        "timestamp": BASE + 400,
                        "data": [{"text": "Hilfe bei Insulinpumpe"}],
                        "label_values": [{"label": "Suche", "value": "Hilfe bei Insulinpumpe"}],
                    }
                ]
            }
        ),
        f"{prefix}logged_information/location/your_places.json": meta_json(
            {
                "your_places_v2": [
                    {
                        "name": "Zuhause",
                        "address": "1427 Alder Street, Portland, OR 97205",
                        "coordinate": {"latitude": 45.5225, "longitude": -122.684},
                        "create_timestamp": BASE,
                    }
                ]
            }
        ),
        f"{prefix}logged_information/other_logged_information/ads_interests.json": meta_json(
            {"label_values": [], "topics_v2": []}
        ),
        f"{prefix}personal_information/other_personal_information/your_address_books.json": meta_json(
            {
                "address_books_v2": [
                    {
                        "timestamp": BASE,
                        "fbid": "1",
                        "media": [],
                        "label_values": [
                            {"label": "Name", "value": "Rowan (Arbeit)"},
                            {
                                "label": "Kontaktinformationen",
                                "dict": [
                                    {"label": "E-Mail-Adresse", "value": "ro.delacroix@example.com"},
                                    {"label": "Telefonnummer", "value": "+1 503-555-0142"},
                                ],
                            },
                        ],
                    }
                ]
            }
        ),
    }


def write_export(folder: Path, posts: int) -> Path:
    """A 2019-2022-layout export with `posts` posts (and the rest of the sample) in `folder`.

    Used by the archive speed benchmark.
    """
    for path, data in files(top="").items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    template = _posts()
    with (folder / "posts" / "your_posts_1.json").open("w", encoding="ascii") as out:
        out.write("[")
        for index in range(posts):
            record = dict(template[index % len(template)], timestamp=BASE + index)
            # every post a distinct text, as in a real export: the detectors' cache of identical texts
            # must not make detection look cheaper than it is next to reading
            record["data"] = [dict(item, post=f"{item['post']} #{index}") if "post" in item else item
                              for item in record["data"]]
            out.write(("," if index else "") + json.dumps(mojibake(record)))
        out.write("]")
    return folder


def build(samples: Path) -> Path:
    """samples/facebook-export.zip."""
    target = samples / "facebook-export.zip"
    write_zip(target, files())
    return target
