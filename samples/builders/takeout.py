"""The persona's Google Takeout: English product folders mixed with German-localised ones.

Real Takeouts are in one language; this sample mixes both on purpose, to show that parts are
recognised by content, not by name: YouTube comments in `YouTube und YouTube Music/Kommentare/`
(old column order, German header), My Activity in `Meine Aktivitäten/`, Gmail's German mbox name,
next to English Location History, Keep, Chrome, Profile and a Google Photos picture with EXIF GPS.
My Activity also comes as HTML (Takeout's default), Keep notes as HTML (one with a JSON twin, one
without), with Contacts (vCard 3.0 and a quoted-printable 2.1 card), Calendar, Google Chat and
Maps reviews (newer keys in English, older keys in German `Maps (Meine Orte)/Bewertungen.json`).
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


_CELL = (
    '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid">'
    '<div class="header-cell mdl-cell mdl-cell--12-col">'
    '<p class="mdl-typography--title">{header}<br></p></div>'
    '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">{body}</div>'
    '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right">'
    "</div>"
    '<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption">{caption}</div>'
    "</div></div>"
)
_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
    "<title>My Activity</title>"
    "<style>.mdl-grid{{display:flex}}.header-cell{{padding:8px}}.content-cell{{padding:8px}}</style></head>"
    '<body><div class="mdl-grid">{cells}</div></body></html>'
)


def _my_activity_html() -> str:
    """Takeout's default My Activity page: a search with an approximate location, a visit, a YouTube view."""
    cells = [
        _CELL.format(
            header="Search",
            body='Searched for&nbsp;<a href="https://www.google.com/search?q=therapist+for+anxiety+Portland">'
            "therapist for anxiety Portland</a><br>Nov 3, 2024, 10:12:01\u202fAM PST",
            caption="<b>Products:</b><br>&emsp;Search<br><b>Locations:</b><br>&emsp;At "
            '<a href="https://www.google.com/maps/@?api=1&amp;map_action=map&amp;center=45.5118,-122.5941'
            '&amp;zoom=12">this general area</a> - From your device<br>'
            "<b>Why is this here?</b><br>&emsp;This activity was saved to your Google Account<br>",
        ),
        _CELL.format(
            header="Search",
            body='Visited <a href="https://www.google.com/url?q=https://kneeclinic.example/rehab">'
            "Knee surgery rehab plan &amp; exercises</a><br>3 Nov 2024, 10:15:40 PST",
            caption="<b>Products:</b><br>&emsp;Search<br>",
        ),
        _CELL.format(
            header="YouTube",
            body='Watched <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">'
            'Living with type 1 diabetes</a><br><a href="https://www.youtube.com/channel/UC1">T1D Stories</a>'
            "<br>Nov 4, 2024, 8:00:00\u202fPM PST",
            caption="<b>Products:</b><br>&emsp;YouTube<br>",
        ),
    ]
    return _PAGE.format(cells="".join(cells))


def _keep_html(title: str, body: str, when: str) -> str:
    return (
        f"<html><head><title>{title}</title><style>.note .heading{{color:grey}}</style></head><body>"
        f'<div class="note DEFAULT"><div class="heading"><div class="meta-icons"></div>\n{when}</div>'
        f'<div class="title">{title}</div><div class="content">{body}</div></div></body></html>'
    )


CONTACTS = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Jonas Berg\r\n"
    "N:Berg;Jonas;;;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:jonas.berg@example.com\r\n"
    "TEL;TYPE=CELL:+1 503-555-0177\r\n"
    "ADR;TYPE=HOME:;;1427 Alder Street;Portland;OR;97205;USA\r\n"
    "BDAY:1986-09-02\r\n"
    "ORG:Fernwood Analytics\r\n"
    "NOTE:Partner. Emergency contact for Rowan's insulin pump\\, knows the\r\n"
    "  pump PIN.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Okafor;=C3=89mile;;Dr.;\r\n"
    "TEL;WORK;VOICE:+1 503-555-0199\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Endocrinologist =E2=80=93 Rowan's diabetes check =\r\n"
    "every 3 months\r\n"
    "END:VCARD\r\n"
)
CALENDAR = (
    "BEGIN:VCALENDAR\r\n"
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
    "VERSION:2.0\r\n"
    "X-WR-CALNAME:rowan.hale@example.org\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:America/Los_Angeles\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19701101T020000\r\n"
    "TZNAME:PST\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "DTSTART;TZID=America/Los_Angeles:20240611T093000\r\n"
    "DTEND;TZID=America/Los_Angeles:20240611T103000\r\n"
    "UID:endo-2024-06@google.com\r\n"
    "SUMMARY:Endocrinology appointment (insulin pump review)\r\n"
    "LOCATION:Riverside Diabetes Clinic\\, 2200 NW Everett St\\, Portland\\, OR 97210\r\n"
    "DESCRIPTION:Bring the pump log. If late call +1 503-555-0142 or mail rowan.h\r\n"
    " ale@example.org\\nAsk about the anxiety meds.\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "DTSTART;VALUE=DATE:20240917\r\n"
    "UID:maisie-birthday@google.com\r\n"
    "SUMMARY:Maisie's 7th birthday\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "DTSTART:20240620T160000Z\r\n"
    "UID:empty@google.com\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def _chat() -> dict[str, Any]:
    return {
        "messages": [
            {
                "creator": {
                    "name": "Rowan Delacroix-Hale",
                    "email": "rowan.hale@example.org",
                    "user_type": "Human",
                },
                "created_date": "Monday, November 4, 2024 at 3:15:22\u202fPM UTC",
                "text": "Can you pick up Maisie? My new number is +1 503-555-0142",
                "topic_id": "t1",
                "message_id": "DM1/t1/m1",
            },
            {
                "creator": {"name": "Jonas Berg", "email": "jonas.berg@example.com", "user_type": "Human"},
                "created_date": "Monday, November 4, 2024 at 3:17:05\u202fPM UTC",
                "text": "Sure, after the union meeting",
                "topic_id": "t2",
                "message_id": "DM1/t2/m2",
            },
            {
                "creator": {"name": "Jonas Berg", "email": "jonas.berg@example.com", "user_type": "Human"},
                "created_date": "Monday, November 4, 2024 at 3:18:00\u202fPM UTC",
                "attached_files": [{"original_name": "photo.jpg"}],
                "topic_id": "t3",
                "message_id": "DM1/t3/m3",
            },
        ]
    }


def _reviews_new() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "geometry": {"coordinates": [-122.6841, 45.5258], "type": "Point"},
                "properties": {
                    "date": "2024-07-02T18:20:31.412Z",
                    "five_star_rating_published": 5,
                    "google_maps_url": "http://maps.google.com/?cid=1111",
                    "location": {
                        "address": "2200 NW Everett St, Portland, OR 97210, USA",
                        "country_code": "US",
                        "name": "Riverside Diabetes Clinic",
                    },
                    "review_text_published": "They set up my insulin pump in one visit. Ask for Dr. Okafor, "
                    "he even remembered my daughter Maisie.",
                },
                "type": "Feature",
            },
            {
                "geometry": {"coordinates": [-122.6, 45.5], "type": "Point"},
                "properties": {
                    "date": "2024-07-05T10:00:00Z",
                    "five_star_rating_published": 4,
                    "location": {"address": "1 Main St", "name": "Corner Cafe"},
                },
                "type": "Feature",
            },
        ],
    }


def _reviews_old() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "geometry": {"coordinates": [-122.59, 45.51], "type": "Point"},
                "properties": {
                    "Google Maps URL": "http://maps.google.com/?cid=2222",
                    "Location": {
                        "Address": "5500 SE Division St, Portland, OR 97206, USA",
                        "Business Name": "Mount Tabor Physio",
                        "Country Code": "US",
                    },
                    "Published": "2023-10-01T09:00:00Z",
                    "Review Comment": "Great rehab after my knee surgery, "
                    "I live around the corner on Alder Street.",
                    "Star Rating": 5,
                },
                "type": "Feature",
            }
        ],
    }


def _saved_places() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "geometry": {"coordinates": [-122.59, 45.51], "type": "Point"},
                "properties": {
                    "date": "2024-01-01T00:00:00Z",
                    "google_maps_url": "http://maps.google.com/?cid=3333",
                    "location": {"address": "Mount Tabor Park", "name": "Mount Tabor"},
                    "Comment": "No location information is available for this saved place",
                },
                "type": "Feature",
            }
        ],
    }


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
        "My Activity/Search/MyActivity.html": _my_activity_html(),
        "Keep/Pump supplies.html": _keep_html(
            "Pump supplies", "Order infusion sets, call pharmacy at 503-555-0142", "Jun 1, 2024, 12:00:00 AM"
        ),
        "Keep/Therapy.html": _keep_html(
            "Therapy",
            "Tuesday session with Dr. Lind about my anxiety<br>Co-pay &amp; receipt for HSA",
            "Jun 4, 2024, 6:30:00 PM",
        ),
        "Contacts/My Contacts/My Contacts.vcf": CONTACTS,
        "Calendar/Personal.ics": CALENDAR,
        "Google Chat/Groups/DM 8ZrRGQAAAAE/messages.json": json.dumps(_chat(), ensure_ascii=False, indent=2),
        "Google Chat/Groups/DM 8ZrRGQAAAAE/group_info.json": json.dumps(
            {"members": [{"name": "Jonas Berg", "email": "jonas.berg@example.com", "user_type": "Human"}]}
        ),
        "Maps (your places)/Reviews.json": json.dumps(_reviews_new(), indent=2),
        "Maps (your places)/Saved Places.json": json.dumps(_saved_places(), indent=2),
        "Maps (Meine Orte)/Bewertungen.json": json.dumps(_reviews_old(), ensure_ascii=False, indent=2),
    }
    return {root + path: data if isinstance(data, bytes) else data.encode() for path, data in members.items()}


def build(samples: Path) -> Path:
    """samples/takeout.zip."""
    target = samples / "takeout.zip"
    write_zip(target, files())
    return target
