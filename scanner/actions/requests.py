"""A legal request the person sent, and where it stands: sent, answered, overdue or done.

The person confirms the day they sent it (the tool sends nothing); the deadline follows from the law
(scanner.actions.deadlines). Overdue is not stored but computed on the person's local date, so it
appears the day after the deadline wherever they are. An overdue request leads to a follow-up letter,
and FOLLOW_UP_DAYS after the follow-up to a complaint to the competent authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from scanner.actions.deadlines import LAWS, deadline
from scanner.actions.records import TrackedRequest

FOLLOW_UP_DAYS = 14
"""How long a follow-up gets before the complaint is offered: a reminder, not a new legal period."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a request stands on a given day, and what to do next."""

    state: str
    """sent, answered, overdue or done."""
    due: date
    next_step: str | None
    """'follow-up', 'complaint', 'wait' or None (nothing to do)."""


def progress(request: TrackedRequest, today: date) -> Progress:
    due = deadline(LAWS[request.law], request.sent_on, request.extended)
    if request.status in ("answered", "done"):
        return Progress(request.status, due, None)
    if today <= due:
        return Progress("sent", due, None)
    if request.complained_on is not None:
        return Progress("overdue", due, None)
    if request.followed_up_on is None:
        return Progress("overdue", due, "follow-up")
    if today >= request.followed_up_on + timedelta(days=FOLLOW_UP_DAYS):
        return Progress("overdue", due, "complaint")
    return Progress("overdue", due, "wait")
