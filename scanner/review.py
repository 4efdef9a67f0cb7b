"""A review session: the selected findings in risk order and the decisions taken on them, with undo.

Decisions go to the store at once (an interrupted review loses nothing) and carry over to later scans;
`undo` takes the last one back and returns to its finding. The command reads answers and shows panels.
"""

from __future__ import annotations

from collections import Counter

from scanner.store import FindingFilter, Store, StoredFinding, TriageChange


class ReviewSession:
    """Where a review is in its queue, and how many findings it moved to each status."""

    def __init__(self, store: Store, selection: FindingFilter) -> None:
        self.store = store
        self.queue = list(store.findings(selection))
        self.index = 0
        self.decided: Counter[str] = Counter()
        self._history: list[int] = []

    @property
    def current(self) -> StoredFinding | None:
        """The finding to decide next; None once the queue is done."""
        return self.queue[self.index] if self.index < len(self.queue) else None

    def decide(self, status: str) -> TriageChange:
        """Record `status` on the current finding and move on."""
        change = self.store.set_status(self.queue[self.index].fingerprint, status)
        self.decided[change.status] += 1
        self._history.append(self.index)
        self.index += 1
        return change

    def skip(self) -> None:
        self.index += 1

    def undo(self) -> TriageChange | None:
        """Take back this session's last decision; None when this session made none.

        The history is checked before the store is touched: a decision from an earlier review or plan is
        not this session's to take back.
        """
        if not self._history:
            return None
        change = self.store.undo_last()
        if change is None:
            return None
        self.decided[change.previous] -= 1
        self.index = self._history.pop()
        return change

    def summary(self) -> str:
        counts = ", ".join(f"{count} {status}" for status, count in self.decided.items() if count > 0)
        return counts or "no decisions"
