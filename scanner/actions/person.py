"""The person a letter speaks for: what they chose to give from `[me]`, and where they live.

`[me]` keys read here (besides the self profile's): `country` (ISO code, e.g. "DE", "US"), `region`
(ISO 3166-2, e.g. "DE-BE" or "US-CA"), `timezone` (IANA, e.g. "Europe/Berlin"), `postal_address`, and
`in_letters`, the list of what a letter may carry: "name", "email", "handles", "address" (default
name and email: enough for the company to find the account and answer). Nothing else of `[me]` is
ever written into a letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from scanner.actions.deadlines import zone
from scanner.errors import ConfigError

UTC_ZONE = ZoneInfo("UTC")
GIVABLE = ("name", "email", "handles", "address")
DEFAULT_GIVEN = ("name", "email")


def _first(raw: Any) -> str | None:
    if isinstance(raw, list):
        return str(raw[0]) if raw else None
    return str(raw) if raw else None


def _list(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    return (str(raw),) if isinstance(raw, str) else tuple(str(item) for item in raw)


@dataclass(frozen=True, slots=True)
class Requester:
    """The identifying data a letter may carry, and the person's jurisdiction and clock."""

    name: str | None = None
    email: str | None = None
    handles: tuple[str, ...] = ()
    address: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2, lower case; None when not set (letters then follow the GDPR)."""
    region: str | None = None
    timezone: ZoneInfo = UTC_ZONE

    @classmethod
    def from_me(cls, me: Mapping[str, Any]) -> Requester:
        given = _list(me.get("in_letters")) or DEFAULT_GIVEN
        unknown = [item for item in given if item not in GIVABLE]
        if unknown:
            raise ConfigError(f"[me] in_letters: unknown {', '.join(unknown)} (use {', '.join(GIVABLE)})")
        country = me.get("country")
        region = me.get("region")
        return cls(
            name=_first(me.get("names", me.get("name"))) if "name" in given else None,
            email=_first(me.get("emails", me.get("email"))) if "email" in given else None,
            handles=_list(me.get("handles")) if "handles" in given else (),
            address=_first(me.get("postal_address")) if "address" in given else None,
            country=str(country).lower() if country else None,
            region=str(region).upper() if region else None,
            timezone=zone(me.get("timezone")),
        )

    @property
    def us_resident(self) -> bool:
        return self.country == "us"
