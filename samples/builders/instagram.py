"""The persona's Instagram export: the 2022 JSON layout (the sample), the 2024 one, the HTML variant."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samples.builders import write_zip
from samples.builders.facebook import meta_json
from samples.builders.photo import gps_jpeg

TOP = "instagram-rowanhale-20240602"
BASE = 1717200000


def _string_map(**fields: str) -> dict[str, Any]:
    return {
        "string_map_data": {
            label.replace("_", " "): {"href": "", "value": value, "timestamp": 0}
            for label, value in fields.items()
        }
    }


def _posts() -> list[dict[str, Any]]:
    return [
        {
            "media": [
                {
                    "uri": "media/posts/202406/sunset.jpg",
                    "creation_timestamp": BASE + 600,
                    "title": "Mount Tabor sunset with Maisie 🌅 #portland",
                    "media_metadata": {
                        "photo_metadata": {
                            "exif_data": [
                                {
                                    "latitude": 45.5118,
                                    "longitude": -122.5941,
                                    "iso": 50,
                                    "device_id": "android-1",
                                }
                            ]
                        }
                    },
                    "cross_post_source": {"source_app": "FB"},
                }
            ]
        },
        {
            "title": "Three years with my pump. Type 1 diabetes doesn't stop our Quaker potluck, "
            "café au lait!",
            "creation_timestamp": BASE + 1200,
            "media": [
                {"uri": "media/posts/202406/a.jpg", "creation_timestamp": BASE + 1200, "title": ""},
                {"uri": "media/posts/202406/b.jpg", "creation_timestamp": BASE + 1200, "title": ""},
            ],
        },
    ]


def _personal() -> dict[str, Any]:
    user = _string_map(
        Email="rowan.hale@example.org",
        Phone_Number="+15035550142",
        Username="rowanhale",
        Name="Rowan Delacroix-Hale",
        Bio="Data engineer @ Fernwood. Bi, Quaker, T1D. PDX.",
        Gender="female",
        Date_of_birth="1988-03-14",
        Private_Account="False",
    )
    return {"profile_user": [{"media_map_data": {}, "title": "", **user}]}


def _thread() -> dict[str, Any]:
    return {
        "participants": [{"name": "jonas.berg"}, {"name": "rowanhale"}],
        "messages": [
            {
                "sender_name": "rowanhale",
                "timestamp_ms": (BASE + 900) * 1000,
                "content": "my new number is 503-555-0142, old one is dead 😅",
                "is_geoblocked_for_viewer": False,
            }
        ],
        "title": "jonas.berg",
        "is_still_participant": True,
        "thread_path": "inbox/jonasberg_17843",
    }


def files(layout: str = "2022", top: str = TOP) -> dict[str, bytes]:
    """The export's members, path -> bytes."""
    prefix = f"{top}/" if top else ""
    if layout == "html":
        return {
            f"{prefix}index.html": b"<html><body><a href='content/posts_1.html'>Posts</a></body></html>",
            f"{prefix}content/posts_1.html": "<html><body><div><h2>Posts</h2><p>Mount Tabor sunset "
            "with Maisie 🌅"
            "</p><p>Jun 1, 2024 1:10 am</p></div></body></html>".encode(),
            f"{prefix}personal_information/personal_information.html": b"<html><body><table><tr>"
            b"<td>Email</td>"
            b"<td>rowan.hale@example.org</td></tr></table></body></html>",
        }
    if layout == "2024":
        activity = f"{prefix}your_instagram_activity/"
        return {
            f"{activity}content/posts_1.json": meta_json(_posts()),
            f"{activity}comments/post_comments_1.json": meta_json(
                [
                    {
                        "media_list_data": [{"uri": ""}],
                        "string_map_data": {
                            "Comment": {"value": "so proud of you Jonas ❤️"},
                            "Media Owner": {"value": "jonas.berg"},
                            "Time": {"timestamp": BASE + 3000},
                        },
                    }
                ]
            ),
            f"{activity}messages/inbox/jonasberg_17843/message_1.json": meta_json(_thread()),
            f"{prefix}personal_information/personal_information/personal_information.json": meta_json(
                _personal()
            ),
            f"{prefix}security_and_login_information/login_and_account_creation/"
            "login_activity.json": meta_json(
                {
                    "account_history_login_history": [
                        {
                            "title": "2024-06-01T00:10:00+00:00",
                            **_string_map(
                                IP_Address="203.0.113.42",
                                Language_Code="en",
                                User_Agent="Instagram 300.0 Android",
                            ),
                        }
                    ]
                }
            ),
        }
    return {
        f"{prefix}content/posts_1.json": meta_json(_posts()),
        f"{prefix}media/posts/202406/sunset.jpg": gps_jpeg(),
        f"{prefix}comments/post_comments.json": meta_json(
            {
                "comments_media_comments": [
                    {
                        "title": "jonas.berg",
                        "string_list_data": [{"value": "Grüße an Maisie! 👋", "timestamp": BASE + 3000}],
                    }
                ]
            }
        ),
        f"{prefix}messages/inbox/jonasberg_17843/message_1.json": meta_json(_thread()),
        f"{prefix}personal_information/personal_information.json": meta_json(_personal()),
        f"{prefix}login_and_account_creation/login_activity.json": meta_json(
            {
                "account_history_login_history": [
                    {
                        "title": "2024-06-01T00:10:00+00:00",
                        **_string_map(IP_Address="203.0.113.42", Language_Code="en"),
                    },
                    {
                        "title": "2024-06-01T08:10:00+00:00",
                        **_string_map(IP_Address="203.0.113.42", Language_Code="en"),
                    },
                ]
            }
        ),
        f"{prefix}login_and_account_creation/signup_information.json": meta_json(
            {
                "account_history_registration_info": [
                    _string_map(
                        Username="rowanhale", IP_Address="203.0.113.42", Email="ro.delacroix@example.com"
                    )
                ]
            }
        ),
        f"{prefix}contacts/synced_contacts.json": meta_json(
            {
                "contacts_contact_info": [
                    _string_map(First_Name="Jonas", Last_Name="Berg", Contact_Information="+15035550199")
                ]
            }
        ),
        f"{prefix}information_about_you/possible_emails.json": meta_json(
            {
                "inferred_data_inferred_emails": [
                    {"title": "", "string_list_data": [{"value": "ro.delacroix@example.com"}]}
                ]
            }
        ),
    }


def build(samples: Path) -> Path:
    """samples/instagram-export.zip."""
    target = samples / "instagram-export.zip"
    write_zip(target, files())
    return target
