"""The persona's Google Takeout: English product folders mixed with German-localised ones.

Real Takeouts are in one language; this sample mixes both on purpose, to show that parts are
recognised by content, not by name: YouTube comments in `YouTube und YouTube Music/Kommentare/`
(old column order, German header), My Activity in `Meine Aktivitäten/`, Gmail's German mbox name,
next to English Location History, Keep, Chrome, Profile and a Google Photos picture with EXIF GPS.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from samples.builders import write_zip
from samples.builders.photo import gps_jpeg

YOUTUBE_NEW = (
    "Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,Video ID,Comment Text\n"
    "UCrowanhaleXXXXXXXXXXXXX,2024-06-01T17:39:35.956042+00:00,0,UgyRowanComment1AaABAg,,dQw4w9WgXcQ,"
    '"{""text"":""Great video! My daughter Maisie loved it""},{""text"":""\\n""},'
    '{""text"":""we watched it after her appointment at the T1D clinic""}"\n'
)
YOUTUBE_OLD_DE = (
    "Kommentar-ID,Kanal-ID,Zeitstempel der Kommentarerstellung,Preis,ID des übergeordneten Kommentars,"
    "Video-ID,"
    "Kommentartext\n"
    "UgxRowanKommentar2AaABAg,UCrowanhaleXXXXXXXXXXXXX,2023-09-19T17:42:53.434647+00:00,0,,WtOskFeLmr4,"
    '"{""takeoutSegments"":[{""text"":""Writing from Portland, mail me at rowan.hale@example.org""}]}"\n'
)
LIVE_CHAT_NO_HEADER = (
    "UgwsRowanChat3_h6F5vZ4AaABDqgB5OC1kgI,UCrowanhaleXXXXXXXXXXXXX,2024-02-02T05:16:35.510381+00:00,0,"
    'abcdefghijk,"{""takeoutSegments"":[{""text"":""\\""knee surgery next week\\"" wish me luck""}]}"\n'
)


def _activity() -> list[dict[str, Any]]:
    return [
        {
            "header": "Suche",
            "title": "Gesucht nach insulin pump rash remedies",
            "titleUrl": "https://www.google.com/search?q=insulin+pump+rash+remedies",
            "time": "2024-06-01T08:00:00.000Z",
            "products": ["Suche"],
            "locationInfos": [
                {
                    "name": "In diesem allgemeinen Bereich",
                    "url": "https://www.google.com/maps/@?api=1&map_action=map&center=45.512,-122.594&zoom=12",
                    "source": "Aus deinem Standortverlauf",
                }
            ],
        },
        {
            "header": "Suche",
            "title": "1427 Alder Street Portland besucht",
            "titleUrl": "https://www.google.com/maps/place/1427+Alder+St",
            "time": "2024-06-01T09:00:00.000Z",
            "products": ["Suche"],
        },
    ]


def _records() -> dict[str, Any]:
    return {
        "locations": [
            {
                "latitudeE7": 455118000,
                "longitudeE7": -1225941000,
                "accuracy": 10,
                "source": "WIFI",
                "timestamp": "2024-06-01T17:04:05.000Z",
            },
            {
                "latitudeE7": 455118200,
                "longitudeE7": -1225941300,
                "accuracy": 12,
                "source": "GPS",
                "timestamp": "2024-06-01T17:09:05.000Z",
            },
            {
                "timestampMs": "1717264800000",
                "latitudeE7": 455225000,
                "longitudeE7": -1226840000,
                "accuracy": 20,
            },
        ]
    }


def _semantic() -> dict[str, Any]:
    return {
        "timelineObjects": [
            {
                "placeVisit": {
                    "location": {
                        "latitudeE7": 455225000,
                        "longitudeE7": -1226840000,
                        "placeId": "ChIJ1",
                        "address": "1427 Alder Street, Portland, OR 97205, USA",
                        "name": "Home",
                    },
                    "duration": {
                        "startTimestamp": "2024-06-01T18:00:00Z",
                        "endTimestamp": "2024-06-02T08:00:00Z",
                    },
                }
            },
            {
                "activitySegment": {
                    "startLocation": {"latitudeE7": 455118000, "longitudeE7": -1225941000},
                    "endLocation": {"latitudeE7": 455225000, "longitudeE7": -1226840000},
                    "duration": {"startTimestamp": "2024-06-01T17:30:00Z"},
                    "activityType": "CYCLING",
                }
            },
        ]
    }


MBOX = (
    "From 1800000000000000001@xxx Sat Jun 01 10:00:00 +0000 2024\n"
    "X-GM-THRID: 1800000000000000001\n"
    "X-Gmail-Labels: Sent,Opened\n"
    "Message-ID: <a1@mail.example.org>\n"
    "Date: Sat, 01 Jun 2024 10:00:00 -0700\n"
    "From: Rowan Delacroix-Hale <rowan.hale@example.org>\n"
    "To: Clinic <front-desk@clinic.example>\n"
    "Subject: Rescheduling my endocrinology appointment\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "Hello, this is Rowan (DOB 03/14/1988). I need to move my insulin pump review.\n"
    ">From now on please call +1 503-555-0142.\n"
    "\n"
    "From 1800000000000000002@xxx Sun Jun 02 09:00:00 +0000 2024\n"
    "X-Gmail-Labels: Inbox,Category Updates\n"
    "Message-ID: <b2@news.example>\n"
    "Date: Sun, 02 Jun 2024 09:00:00 +0000\n"
    "From: Union Local 555 <news@union.example>\n"
    "To: rowan.hale@example.org\n"
    "Subject: =?utf-8?q?Meeting_minutes_=E2=80=93_June?=\n"
    "MIME-Version: 1.0\n"
    'Content-Type: multipart/alternative; boundary="b"\n'
    "\n"
    "--b\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<html><body><p>Dear member Rowan,</p><p>Dues for 1427 Alder Street household received.</p>"
    "</body></html>\n"
    "--b--\n"
    "\n"
    "From 1800000000000000003@xxx Mon Jun 03 09:00:00 +0000 2024\n"
    "X-Gmail-Labels: Spam\n"
    "Subject: You won\n"
    "\n"
    "Claim your prize now\n"
)


def files() -> dict[str, bytes]:
    """The export's members, path -> bytes."""
    root = "Takeout/"
    members: dict[str, Any] = {
        "archive_browser.html": "<html><body><h1>Archive browser</h1></body></html>",
        "YouTube and YouTube Music/comments/comments.csv": YOUTUBE_NEW,
        "YouTube und YouTube Music/Kommentare/Kommentare.csv": YOUTUBE_OLD_DE,
        "YouTube und YouTube Music/Livechats/Livechats.csv": LIVE_CHAT_NO_HEADER,
        "YouTube und YouTube Music/Abos/Abos.csv": "Kanal-ID,Kanal-URL,Kanaltitel\nUC1,https://youtube.com/c/x,X\n",
        "Meine Aktivitäten/Suche/MeineAktivitäten.json": json.dumps(_activity(), ensure_ascii=False),
        "Location History/Records.json": json.dumps(_records()),
        "Location History/Semantic Location History/2024/2024_JUNE.json": json.dumps(_semantic()),
        "Chrome/BrowserHistory.json": json.dumps(
            {
                "Browser History": [
                    {
                        "page_transition": "LINK",
                        "title": "Fernwood Analytics careers",
                        "url": "https://fernwood.example/jobs",
                        "client_id": "abc==",
                        "time_usec": 1717264800123456,
                    }
                ]
            }
        ),
        "Keep/Pump supplies.json": json.dumps(
            {
                "color": "DEFAULT",
                "isTrashed": False,
                "isPinned": True,
                "isArchived": False,
                "title": "Pump supplies",
                "textContent": "Order infusion sets, call pharmacy at 503-555-0142",
                "listContent": [{"text": "CGM sensors", "isChecked": False}],
                "sharees": [
                    {"isOwner": True, "type": "WRITER", "email": "rowan.hale@example.org"},
                    {"isOwner": False, "type": "WRITER", "email": "jonas.berg@example.com"},
                ],
                "userEditedTimestampUsec": 1717264800000000,
                "createdTimestampUsec": 1717200000000000,
            }
        ),
        "Profile/Profile.json": json.dumps(
            {
                "name": {
                    "givenName": "Rowan",
                    "familyName": "Delacroix-Hale",
                    "formattedName": "Rowan Delacroix-Hale",
                },
                "displayName": "Ro Hale",
                "emails": [{"value": "rowan.hale@example.org"}],
                "birthday": "1988-03-14",
                "gender": {"type": "female"},
            }
        ),
        "Google Photos/Photos from 2024/IMG_20240601.jpg": gps_jpeg(),
        "Google Photos/Photos from 2024/IMG_20240601.jpg.json": json.dumps(
            {
                "title": "IMG_20240601.jpg",
                "description": "Maisie at Mount Tabor",
                "photoTakenTime": {"timestamp": "1717261445", "formatted": "01.06.2024, 17:04:05 UTC"},
                "geoData": {"latitude": 45.5118, "longitude": -122.5941, "altitude": 0.0},
                "people": [{"name": "Maisie Hale"}],
            }
        ),
        "Mail/Alle E-Mails einschließlich Spam-Nachrichten und E.mbox": MBOX,
    }
    return {root + path: data if isinstance(data, bytes) else data.encode() for path, data in members.items()}


def build(samples: Path) -> Path:
    """samples/takeout.zip."""
    target = samples / "takeout.zip"
    write_zip(target, files())
    return target
