"""When a company must answer a request, counted as the law counts, on the person's own calendar.

GDPR Art. 12(3): one month of receipt, extendable by two further months where requests are complex or
numerous (the company must say so within the first month). A period in months ends on the same day of
the month, or on the month's last day when it has no such day (Regulation 1182/71 Art. 3), so a
request of 31 January is due on 28 (or 29) February. CCPA/CPRA (Cal. Civ. Code 1798.130): 45 days,
extendable once by 45 more. The day sent stands in for the day received; the dates are the person's
local dates (a letter sent at 23:30 in Tokyo is sent that Tokyo day, whatever UTC says).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scanner.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Law:
    """A law's answer period: `months` or `days`, and how much an extension adds."""

    key: str
    """'gdpr' or 'ccpa': stored with each request."""
    title: str
    months: int = 0
    days: int = 0
    extension_months: int = 0
    extension_days: int = 0
    basis: str = ""
    """Where the period is written, for the letters and the plan."""


GDPR = Law("gdpr", "GDPR", months=1, extension_months=2, basis="Art. 12(3) GDPR")
CCPA = Law("ccpa", "CCPA/CPRA", days=45, extension_days=45, basis="Cal. Civ. Code § 1798.130(a)(2)")
LAWS = {law.key: law for law in (GDPR, CCPA)}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline(law: Law, sent_on: date, extended: bool = False) -> date:
    """The last day for the answer; with the extension, counted from the same day sent."""
    months = law.months + (law.extension_months if extended else 0)
    days = law.days + (law.extension_days if extended else 0)
    return add_months(sent_on, months) + timedelta(days=days)


def zone(name: str | None) -> ZoneInfo:
    """The person's timezone ([me] timezone, an IANA name); UTC when not set."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(f"[me] timezone: unknown timezone {name!r} (use an IANA name, "
                          "e.g. Europe/Berlin)") from error


def local_today(timezone: ZoneInfo, now: datetime | None = None) -> date:
    """Today's date where the person is."""
    return (now or datetime.now(UTC)).astimezone(timezone).date()


def overdue(law: Law, sent_on: date, extended: bool, today: date) -> bool:
    """Past the last day (the last day itself is still in time)."""
    return today > deadline(law, sent_on, extended)
