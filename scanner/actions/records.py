"""The rows the findings database keeps for the plan: items marked done, and requests sent.

They live beside the findings (store.py, migration 0007_action_plan) so that they survive rescans and
upgrades; these frozen dataclasses are what store.py hands back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

STORED_STATUSES = ("sent", "answered", "done")
"""What the person records of a request; 'overdue' is computed from the dates."""
OUTCOMES = ("gone", "reopened")
"""What the next scan of the source said of an item marked done."""


@dataclass(frozen=True, slots=True)
class ItemMark:
    """An item of the plan (a document) the person marked done: its findings became `fixed`."""

    document_id: str
    marked_scan: int
    """The latest scan when it was marked: a later scan of its source verifies it."""
    marked_at: str
    outcome: str | None
    """'gone' (confirmed), 'reopened' (still there) or None (not verified yet)."""
    checked_scan: int | None
    """The scan that verified it."""


@dataclass(frozen=True, slots=True)
class TrackedRequest:
    """One request as the findings database keeps it."""

    id: int
    letter: str
    """The letter's name, e.g. 'twitter-gdpr': section and law."""
    section: str
    """The plan section it belongs to (platform name or host)."""
    recipient: str
    """The company's record (privacy_contacts.json), e.g. 'twitter'."""
    law: str
    """'gdpr' or 'ccpa'."""
    sent_on: date
    """The person's local date of sending."""
    extended: bool
    """The company said it takes the extension (GDPR: two more months; CCPA: 45 more days)."""
    status: str
    """sent, answered or done (STORED_STATUSES)."""
    followed_up_on: date | None
    complained_on: date | None
    notes: str
