"""Precision, recall and F1 per entity label, with exact and overlap span matching.

Exact: a prediction counts only if label, start and end all equal a gold entity's.
Overlap: a prediction counts if it shares at least one character with a gold entity of the same
label; recall counts the gold entities touched by at least one prediction of their label. Overlap is
the fairer measure for personal data (finding "Redondo Beach" inside "Redondo Beach Blvd" does expose
the place); exact shows how clean the boundaries are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

Match = Literal["exact", "overlap"]


class Labelled(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(slots=True)
class Counts:
    """Matched predictions, all predictions, matched gold entities and all gold entities of one label."""

    true_predicted: int = 0
    predicted: int = 0
    true_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.true_predicted += other.true_predicted
        self.predicted += other.predicted
        self.true_gold += other.true_gold
        self.gold += other.gold


def _matches(a: Labelled, b: Labelled, match: Match) -> bool:
    if a.label != b.label:
        return False
    if match == "exact":
        return a.start == b.start and a.end == b.end
    return a.start < b.end and b.start < a.end


def count_example(gold: Sequence[Labelled], predicted: Sequence[Labelled], match: Match) -> dict[str, Counts]:
    """Counts per label for one text."""
    counts: dict[str, Counts] = {}
    for entity in gold:
        entry = counts.setdefault(entity.label, Counts())
        entry.gold += 1
        entry.true_gold += any(_matches(entity, p, match) for p in predicted)
    for entity in predicted:
        entry = counts.setdefault(entity.label, Counts())
        entry.predicted += 1
        entry.true_predicted += any(_matches(entity, g, match) for g in gold)
    return counts


@dataclass(slots=True)
class Scores:
    """Counts per label over a whole corpus, for one matching mode."""

    match: Match
    by_label: dict[str, Counts] = field(default_factory=dict)

    def add(self, counts: dict[str, Counts]) -> None:
        for label, entry in counts.items():
            self.by_label.setdefault(label, Counts()).add(entry)

    def get(self, label: str) -> Counts:
        return self.by_label.get(label, Counts())

    def micro(self, labels: Iterable[str] | None = None) -> Counts:
        """All labels (or the given ones) pooled."""
        total = Counts()
        for label, entry in self.by_label.items():
            if labels is None or label in labels:
                total.add(entry)
        return total


def score(
    gold: Iterable[Sequence[Labelled]], predicted: Iterable[Sequence[Labelled]], match: Match
) -> Scores:
    """Scores over parallel sequences of gold and predicted entities, one pair per text."""
    scores = Scores(match)
    for gold_entities, predicted_entities in zip(gold, predicted, strict=True):
        scores.add(count_example(gold_entities, predicted_entities, match))
    return scores
