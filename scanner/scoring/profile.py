"""The profile score: one 0-100 number and a grade (A-F) for everything found about the person.

Each distinct value (entity + keyed hash) counts once, at its highest risk, so a handle repeated in
5,000 posts does not outweigh one public diagnosis. The worst exposure sets the floor and the next
nine fill half the remaining distance, squared so that many weak identifiers stay weak:

    score = r1 + (100 - r1) × 0.5 × (1 - Π_{i=2..10} (1 - (r_i/100)²))

Grades: A < 20 ≤ B < 40 ≤ C < 60 ≤ D < 80 ≤ F. The same formula over a category's or a source's
findings gives the breakdown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from scanner.models import Exposed

TOP_VALUES = 10
GRADES: tuple[tuple[float, str], ...] = ((80.0, "F"), (60.0, "D"), (40.0, "C"), (20.0, "B"), (0.0, "A"))


@dataclass(frozen=True, slots=True)
class ProfileScore:
    score: float
    grade: str
    by_category: dict[str, float]
    by_source: dict[str, float]
    values: int
    """Distinct values counted."""


def profile_line(profile: ProfileScore) -> str:
    """The one line every scan and `exposure score` print on stderr."""
    top = ", ".join(f"{name} {score:.0f}" for name, score in list(profile.by_category.items())[:3])
    worst = f" (worst: {top})" if top else ""
    return f"profile exposure {profile.score:.0f}/100, grade {profile.grade}{worst}"


def grade_of(score: float) -> str:
    return next(grade for floor, grade in GRADES if score >= floor)


def aggregate(risks: Iterable[float]) -> float:
    """The formula above over risks of distinct values."""
    ranked = sorted(risks, reverse=True)[:TOP_VALUES]
    if not ranked:
        return 0.0
    first, rest = ranked[0], ranked[1:]
    remaining = 1.0
    for risk in rest:
        remaining *= 1.0 - (risk / 100.0) ** 2
    return round(min(first + (100.0 - first) * 0.5 * (1.0 - remaining), 100.0), 1)


def profile_from_tops(overall: Iterable[float], by_category: dict[str, list[float]],
                      by_source: dict[str, list[float]], values: int) -> ProfileScore:
    """The score from the risks of distinct values: overall and per group (the top ten of each suffice)."""
    score = aggregate(overall)

    def breakdown(groups: dict[str, list[float]]) -> dict[str, float]:
        scores = {name: aggregate(risks) for name, risks in groups.items() if risks}
        return dict(sorted(scores.items(), key=lambda pair: (-pair[1], pair[0])))

    return ProfileScore(score, grade_of(score), breakdown(by_category), breakdown(by_source), values)


def _distinct(items: Iterable[Exposed]) -> dict[str, float]:
    best: dict[str, float] = {}
    for item in items:
        if item.risk > best.get(item.value_key, -1.0):
            best[item.value_key] = item.risk
    return best


def profile_score(items: Iterable[Exposed]) -> ProfileScore:
    """The score of findings in memory (one batch subject); the store computes the same from its indexes."""
    all_items = list(items)
    by_category: dict[str, list[Exposed]] = defaultdict(list)
    by_source: dict[str, list[Exposed]] = defaultdict(list)
    for item in all_items:
        by_category[item.category].append(item)
        by_source[item.source].append(item)
    distinct = _distinct(all_items)
    return profile_from_tops(
        distinct.values(),
        {name: list(_distinct(group).values()) for name, group in by_category.items()},
        {name: list(_distinct(group).values()) for name, group in by_source.items()},
        len(distinct))
