"""Marking a plan item done, and checking it at the next scan of its source.

Done sets every finding of the item `fixed` (so it leaves the score at once) and remembers the latest
scan. A later scan that read the same source settles it: if none of the item's findings was seen by
it, the item is gone (confirmed); if any was, the item is still there, its findings are reopened and
the plan says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.actions.places import section_key
from scanner.errors import StoreError
from scanner.store import Store


@dataclass(frozen=True, slots=True)
class Verified:
    document_id: str
    outcome: str
    """'gone' or 'reopened'."""
    scan_id: int


def find_item(store: Store, item: str) -> str:
    """The document id of a plan item, by its id (eight hex characters) or its full locator."""
    from scanner.actions.plan import item_id

    wanted = item.strip().lower()
    for found in store.findings():
        if wanted in (item_id(found.document_id), found.document_id.lower()):
            return found.document_id
    raise StoreError(f"no plan item {item!r}: use an id from `exposure act`")


def mark_done(store: Store, item: str) -> tuple[str, int]:
    """Set the item's findings fixed and remember the scan to verify against; returns (document, count)."""
    document_id = find_item(store, item)
    scans = store.scans()
    count = store.set_document_status(document_id, "fixed", "marked done in the action plan")
    store.mark_item(document_id, scans[-1].id if scans else 0)
    return document_id, count


def verify_marks(store: Store) -> list[Verified]:
    """Settle the items marked done that a later scan of their source has read."""
    latest = store.latest_scans()
    settled = []
    for mark in store.item_marks().values():
        if mark.outcome is not None:
            continue
        findings = store.document_findings(mark.document_id)
        if not findings:
            continue
        first = findings[0]
        key = section_key(first.source, first.document_id)
        keys = (key, f"www.{key}") if first.source == "web" else (key,)
        covering = max(latest.get(name, 0) for name in keys)
        if covering <= mark.marked_scan:
            continue
        if any(found.last_scan > mark.marked_scan for found in findings):
            store.set_document_status(mark.document_id, "open", f"still there in scan {covering}")
            outcome = "reopened"
        else:
            outcome = "gone"
        store.set_item_outcome(mark.document_id, outcome, covering)
        settled.append(Verified(mark.document_id, outcome, covering))
    return settled
