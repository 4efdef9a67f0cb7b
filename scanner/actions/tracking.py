"""The requests use case: record that a letter was sent, and what happened next.

`exposure requests sent LETTER` records the person's sending date (today where they are, or the date
they give); `answered`, `extended`, `followed-up`, `complained` and `done` record what followed. The
plan then counts the deadline and offers the follow-up and the complaint when they are due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scanner.actions.plan import Plan
from scanner.actions.records import TrackedRequest
from scanner.actions.requests import Progress, progress
from scanner.errors import StoreError
from scanner.store import Store

EVENTS = ("sent", "answered", "extended", "followed-up", "complained", "done", "note")


@dataclass(frozen=True, slots=True)
class RequestState:
    request: TrackedRequest
    progress: Progress


def record_sent(store: Store, plan: Plan, letter: str, sent_on: date) -> int:
    """Record a letter of the plan as sent on `sent_on` (the person's local date); returns its id."""
    for section in plan.sections:
        for line in section.requests:
            if line.letter.id == letter:
                spec = line.letter
                return store.add_request(spec.id, spec.section, spec.recipient.slug, spec.law.key, sent_on)
    offered = ", ".join(line.letter.id for section in plan.sections for line in section.requests)
    raise StoreError(f"no letter {letter!r} in the plan (letters: {offered or 'none'})")


def find_request(store: Store, ref: str) -> TrackedRequest:
    """A request by its number, or the latest one of a letter name."""
    requests = store.requests()
    for request in reversed(requests):
        if ref == str(request.id) or ref == request.letter:
            return request
    raise StoreError(f"no request {ref!r}: see `exposure requests`")


def record_event(store: Store, ref: str, event: str, on: date, note: str | None) -> TrackedRequest:
    """What happened to a request: answered, extended, followed-up, complained, done, or a note."""
    request = find_request(store, ref)
    events: dict[str, dict[str, str | int | None]] = {
        "answered": {"status": "answered"}, "done": {"status": "done"}, "extended": {"extended": 1},
        "followed-up": {"followed_up_on": on.isoformat()}, "complained": {"complained_on": on.isoformat()},
        "note": {},
    }
    changes = dict(events[event])
    if note:
        changes["notes"] = f"{request.notes}\n{on.isoformat()} {note}".strip()
    if not changes:
        raise StoreError("a note needs --note TEXT")
    store.update_request(request.id, **changes)
    return find_request(store, str(request.id))


def request_states(store: Store, today: date) -> list[RequestState]:
    return [RequestState(request, progress(request, today)) for request in store.requests()]
