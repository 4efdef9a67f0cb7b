"""Times as Takeout prints them for people: 'Nov 3, 2024, 10:12:01 AM CET', '3 Nov 2024, 10:12:01 CET'.

HTML pages (My Activity, Keep) and Google Chat's JSON write times in the account's locale, with a
zone abbreviation rather than an offset. English forms (US and UK order, short or long month names,
a leading weekday, 'at' before the time) and the numeric German form are read; zones from a table of
common abbreviations, 'GMT+1'/'UTC-07:00' offsets, or UTC when none is written (older exports).
Anything else, including an abbreviation not in the table, gives None rather than a wrong time.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "MEZ": 60,
    "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "IST": 330, "SGT": 480, "HKT": 480, "AWST": 480,
    "JST": 540, "KST": 540, "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "HST": -600, "AKST": -540, "AKDT": -480, "PST": -480, "PDT": -420, "MST": -420, "MDT": -360,
    "CST": -360, "CDT": -300, "EST": -300, "EDT": -240, "AST": -240, "ADT": -180, "NST": -210,
    "NDT": -150,
}  # fmt: skip
"""Minutes east of UTC for the abbreviations Google writes in English locales (CST is US Central)."""
_OFFSET = re.compile(r"^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$")
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?: ?(?P<half>[AaPp])\.? ?[Mm]\.?)?"
_ZONE = r"(?: (?P<zone>[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?))?"
_FORMS = tuple(
    re.compile(f"^{date},? {_CLOCK}{_ZONE}$")
    for date in (
        r"(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})",
        r"(?P<day>\d{1,2})\.? (?P<month>[A-Za-z]{3,9})\.? (?P<year>\d{4})",
        r"(?P<day>\d{1,2})\.(?P<number>\d{1,2})\.(?P<year>\d{4})",
    )
)
_WEEKDAY = re.compile(r"^[A-Za-z]+day, ", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
MAX_CHARS = 80
"""Longer strings are not a printed time; they are not looked at."""


def zone_of(name: str | None) -> timezone | None:
    """The fixed offset an abbreviation or 'GMT+1' stands for; UTC for no zone; None when unknown."""
    if not name:
        return UTC
    upper = name.upper()
    if upper in _ZONES:
        return timezone(timedelta(minutes=_ZONES[upper]))
    match = _OFFSET.match(upper)
    if not match:
        return None
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if match.group(1) == "-" else minutes))


def parse_display_time(text: str) -> datetime | None:
    """A timezone-aware datetime from a printed Takeout time, or None when the form or zone is unknown."""
    if len(text) > MAX_CHARS:
        return None
    cleaned = _WEEKDAY.sub("", _SPACES.sub(" ", text).strip()).replace(" at ", ", ")
    for form in _FORMS:
        match = form.match(cleaned)
        if match:
            return _build(match)
    return None


def _build(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    month = int(parts["number"]) if parts.get("number") else _MONTHS.get(parts["month"].lower(), 0)
    hour = int(parts["hour"])
    if parts["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts["half"].lower() == "p" else 0)
    zone = zone_of(parts["zone"])
    if zone is None:
        return None
    try:
        return datetime(
            int(parts["year"]),
            month,
            int(parts["day"]),
            hour,
            int(parts["minute"]),
            int(parts["second"] or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None
