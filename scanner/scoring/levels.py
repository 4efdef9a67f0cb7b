"""Risk levels and the explained risk value: the light part of the model that views and the store need.

Kept apart from `risk` so commands that only read the database do not load the detector taxonomy.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scanner.models import Factor


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def floor(self) -> float:
        """The lowest risk with this level."""
        return LEVEL_FLOORS[self]

    @property
    def rank(self) -> int:
        return list(Level).index(self)


LEVEL_FLOORS: dict[Level, float] = {
    Level.LOW: 0.0, Level.MEDIUM: 25.0, Level.HIGH: 50.0, Level.CRITICAL: 75.0,
}


def level_of(risk: float) -> Level:
    for level in reversed(Level):
        if risk >= level.floor:
            return level
    return Level.LOW


def parse_level(text: str) -> Level:
    """A level name ('high') as typed on the command line; raises ValueError for anything else."""
    return Level(text.strip().lower())


@dataclass(frozen=True, slots=True)
class Risk:
    score: float
    """0..100."""
    level: Level
    factors: tuple[Factor, ...]

    def explain(self) -> str:
        """One line: the factors as name×value (why)."""
        return "; ".join(f"{f.name} ×{f.value:.2f} ({f.why})" for f in self.factors)
