"""Deadlines as the law counts them, on the person's calendar; where a request stands; what comes next."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from scanner.actions.deadlines import CCPA, GDPR, add_months, deadline, local_today, overdue, zone
from scanner.actions.records import TrackedRequest
from scanner.actions.requests import FOLLOW_UP_DAYS, progress
from scanner.errors import ConfigError


@pytest.mark.parametrize(("sent", "months", "due"), [
    (date(2026, 1, 15), 1, date(2026, 2, 15)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),   # no 31 February: the month's last day
    (date(2028, 1, 31), 1, date(2028, 2, 29)),   # leap year
    (date(2026, 12, 10), 1, date(2027, 1, 10)),  # across the year
    (date(2026, 1, 31), 3, date(2026, 4, 30)),
])
def test_months_end_on_the_same_day_or_the_last_of_a_shorter_month(sent: date, months: int,
                                                                   due: date) -> None:
    assert add_months(sent, months) == due


@pytest.mark.parametrize(("law", "sent", "extended", "due"), [
    (GDPR, date(2026, 3, 5), False, date(2026, 4, 5)),
    (GDPR, date(2026, 3, 5), True, date(2026, 6, 5)),     # Art. 12(3): two further months
    (GDPR, date(2026, 1, 31), True, date(2026, 4, 30)),   # three months from the same day, not 28 Feb + 2
    (CCPA, date(2026, 3, 5), False, date(2026, 4, 19)),   # 45 days
    (CCPA, date(2026, 3, 5), True, date(2026, 6, 3)),     # 45 more
])
def test_deadlines_and_their_extension(law: object, sent: date, extended: bool, due: date) -> None:
    assert deadline(law, sent, extended) == due  # type: ignore[arg-type]


def test_the_last_day_is_in_time_the_next_is_overdue() -> None:
    assert not overdue(GDPR, date(2026, 3, 5), False, date(2026, 4, 5))
    assert overdue(GDPR, date(2026, 3, 5), False, date(2026, 4, 6))
    assert not overdue(GDPR, date(2026, 3, 5), True, date(2026, 4, 6))


def test_the_day_is_the_persons_local_day() -> None:
    late_evening_utc = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    tokyo, los_angeles = local_today(zone("Asia/Tokyo"), late_evening_utc), \
        local_today(zone("America/Los_Angeles"), late_evening_utc)
    assert (tokyo, los_angeles) == (date(2026, 2, 1), date(2026, 1, 31))
    assert deadline(GDPR, tokyo) == date(2026, 3, 1)
    assert deadline(GDPR, los_angeles) == date(2026, 2, 28)
    assert local_today(zone(None), late_evening_utc) == date(2026, 1, 31)
    with pytest.raises(ConfigError, match="Europe/Berlin"):
        zone("Mars/Olympus")


def request(**changes: object) -> TrackedRequest:
    fields: dict[str, object] = dict(id=1, letter="twitter-gdpr", section="twitter", recipient="twitter",
                                     law="gdpr", sent_on=date(2026, 3, 5), extended=False, status="sent",
                                     followed_up_on=None, complained_on=None, notes="")
    fields.update(changes)
    return TrackedRequest(**fields)  # type: ignore[arg-type]


def test_a_request_goes_from_sent_to_overdue_to_follow_up_to_complaint() -> None:
    assert progress(request(), date(2026, 4, 5)).state == "sent"
    late = progress(request(), date(2026, 4, 6))
    assert (late.state, late.next_step, late.due) == ("overdue", "follow-up", date(2026, 4, 5))
    reminded = request(followed_up_on=date(2026, 4, 7))
    assert progress(reminded, date(2026, 4, 8)).next_step == "wait"
    assert progress(reminded, date(2026, 4, 7 + FOLLOW_UP_DAYS)).next_step == "complaint"
    assert progress(request(followed_up_on=date(2026, 4, 7), complained_on=date(2026, 5, 1)),
                    date(2026, 5, 2)).next_step is None
    assert progress(request(extended=True), date(2026, 4, 6)).state == "sent"
    assert progress(request(status="answered"), date(2026, 9, 1)).state == "answered"
    assert progress(request(law="ccpa"), date(2026, 4, 20)).state == "overdue"
