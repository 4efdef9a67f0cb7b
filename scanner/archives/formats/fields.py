"""Values in named export fields: which entity a value is, and when a record happened.

Export labels are localised ('Email', 'E-Mail-Adresse', 'Adresse e-mail'), so a stated value is
recognised by its shape where the label cannot be trusted: an address with '@' is an email, a string
that parses as an IP is an IP address. Times arrive as unix seconds, milliseconds, microseconds or
a handful of text formats; all become timezone-aware datetimes (UTC when the export gives no zone,
which is how these exports are written).
"""

from __future__ import annotations

import ipaddress
import re
from datetime import UTC, datetime

from scanner.models import StructuredValue

_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,22}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMATS = (
    "%Y-%m-%d %H:%M:%S %Z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M %Z",
    "%Y-%m-%d %H:%M",
    "%d %b %Y",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y %H:%M",
    "%a %b %d %H:%M:%S %z %Y",
    "%b %d, %Y",
    "%Y-%m-%d",
)
COORDINATE_DECIMALS = 5
"""Coordinates are reported to about a metre: what the export states, without float noise."""


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return True


def is_phone(value: str) -> bool:
    text = value.strip()
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE.match(text)) and 7 <= digits <= 15 and not _ISO_DATE.match(text)


def by_shape(value: str, label: str) -> StructuredValue | None:
    """The structured value a field holds when its shape says what it is (email, IP, phone)."""
    text = value.strip()
    if is_email(text):
        return StructuredValue("EMAIL_ADDRESS", text, label)
    if is_ip(text):
        return StructuredValue("IP_ADDRESS", text, label)
    if is_phone(text):
        return StructuredValue("PHONE_NUMBER", text, label)
    return None


def coordinates(latitude: object, longitude: object, label: str) -> StructuredValue | None:
    """GEO_COORDINATES from a latitude/longitude pair; None when either is missing, zero or out of range."""
    try:
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return StructuredValue(
        "GEO_COORDINATES", f"{round(lat, COORDINATE_DECIMALS)}, {round(lon, COORDINATE_DECIMALS)}", label
    )


def from_epoch(value: object) -> datetime | None:
    """A datetime from unix seconds, milliseconds or microseconds (told apart by magnitude); 0 is unknown."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return None
    while number > 1e11:  # ms or µs: seconds stay below 1e11 until the year 5138
        number /= 1000
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_time(value: object) -> datetime | None:
    """A datetime from ISO-8601 or one of the text formats exports use; naive times are taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return from_epoch(value) if isinstance(value, int | float) else None
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        for form in _FORMATS:
            try:
                parsed = datetime.strptime(text, form)
                break
            except ValueError:
                continue
    if parsed is None:
        return from_epoch(text) if text.isdigit() else None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
