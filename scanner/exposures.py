"""The top exposures: each exposed value at its riskiest place, how many places hold it, and what to do.

`exposure score` lists them and `exposure report` puts them at the top of the HTML page.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.scoring.advice import advice
from scanner.scoring.signals import signals_for
from scanner.store import FindingFilter, Store, StoredFinding

ACTIONABLE = ("open", "confirmed")
"""Statuses listed among top exposures: not a false positive, fixed or knowingly ignored."""


@dataclass(frozen=True, slots=True)
class TopExposure:
    """One exposed value at its riskiest place, how many places hold it, and what to do."""

    worst: StoredFinding
    places: int
    actions: tuple[str, ...]


def top_exposures(store: Store, count: int) -> list[TopExposure]:
    """The `count` riskiest distinct values still actionable, with their advice."""
    worst: dict[str, StoredFinding] = {}
    for found in store.findings(FindingFilter(statuses=ACTIONABLE)):
        worst.setdefault(found.value_hash, found)
        if len(worst) >= count:
            break
    places = store.places(worst)
    signals = store.signals()
    given: set[str] = set()
    return [TopExposure(found, places.get(value_hash, 1),
                        once(advice(found.kind, found.visibility, found.url or found.document_id,
                                    found.source, signals_for(found.url, found.source, signals)),
                             given, found.source))
            for value_hash, found in worst.items()]


def once(actions: tuple[str, ...], given: set[str], source: str) -> tuple[str, ...]:
    """The place's own action, then the source-wide ones (opt out, robots.txt) not given above already:
    ten exposures on one site share one opt-out, which read ten times looks like ten things to do."""
    first, source_wide = actions[:1], actions[1:]
    fresh = tuple(action for action in source_wide if action not in given)
    given.update(source_wide)
    if len(fresh) < len(source_wide):
        fresh += (f"The steps for all of {source} above apply here too",)
    return first + fresh
