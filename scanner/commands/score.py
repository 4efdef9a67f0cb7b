"""`exposure score`: the profile score with its breakdown and the top exposures, each with what to do."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.text import Text

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.export import stored_record
from scanner.report.table import LEVEL_STYLES
from scanner.scoring.advice import advice
from scanner.scoring.profile import ProfileScore, profile_line
from scanner.scoring.signals import signals_for
from scanner.store import FindingFilter, Store, StoredFinding, database_path

ACTIONABLE = ("open", "confirmed")
"""Statuses listed among top exposures: not a false positive, fixed or knowingly ignored."""
FORMULA = ("score = r1 + (100 - r1) × 0.5 × (1 - Π(1 - (r_i/100)²)) over the 10 riskiest distinct values; "
           "A < 20 ≤ B < 40 ≤ C < 60 ≤ D < 80 ≤ F")


@dataclass(frozen=True, slots=True)
class TopExposure:
    """One exposed value at its riskiest place, how many places hold it, and what to do."""

    worst: StoredFinding
    places: int
    actions: tuple[str, ...]


def top_exposures(store: Store, count: int) -> list[TopExposure]:
    worst: dict[str, StoredFinding] = {}
    for found in store.findings(FindingFilter(statuses=ACTIONABLE)):
        worst.setdefault(found.value_hash, found)
        if len(worst) >= count:
            break
    places = store.places(worst)
    signals = store.signals()
    return [TopExposure(found, places.get(value_hash, 1),
                        advice(found.kind, found.visibility, found.url or found.document_id, found.source,
                               signals_for(found.url, found.source, signals)))
            for value_hash, found in worst.items()]


def _payload(profile: ProfileScore, top: list[TopExposure], explain: bool) -> dict[str, Any]:
    return {
        "score": profile.score, "grade": profile.grade, "values": profile.values,
        "by_category": profile.by_category, "by_source": profile.by_source,
        "top": [{**stored_record(item.worst, explain=explain), "places": item.places,
                 "actions": list(item.actions)} for item in top],
        **({"formula": FORMULA} if explain else {}),
    }


def _print(out: Console, profile: ProfileScore, top: list[TopExposure], explain: bool) -> None:
    out.print(Text(f"Exposure score {profile.score:.0f}/100, grade {profile.grade} "
                   f"({profile.values} distinct values)", style="bold"))
    if explain:
        out.print(Text(FORMULA, style="dim"))
    for title, scores in (("by category", profile.by_category), ("by source", profile.by_source)):
        if scores:
            out.print(Text(f"{title}: " + ", ".join(f"{name} {score:.0f}" for name, score in scores.items())))
    if not top:
        return
    out.print(Text("\nTop exposures", style="bold"))
    for number, item in enumerate(top, 1):
        found = item.worst
        line = Text(f"{number:>2}. ")
        line.append(f"{found.risk:.0f} {found.level}", style=LEVEL_STYLES.get(found.level, ""))
        places = f"{item.places} places" if item.places > 1 else "1 place"
        line.append(f"  {found.entity} {found.value_masked} ({places}) [{found.fingerprint[:8]}] "
                    f"{found.url or found.document_id}")
        out.print(line)
        if explain:
            factors = " × ".join(f"{f.name} {f.value:.2f} ({f.why})" for f in found.factors)
            out.print(Text(f"      = 100 × {factors}", style="dim"))
        for action in item.actions:
            out.print(Text(f"      → {action}"))


def run_score(settings: Settings, output_format: str, top_count: int, explain: bool, out: Console,
              err: Console) -> int:
    with Store(database_path(settings), create=False, read_only=True) as store:
        profile = store.profile()
        top = top_exposures(store, top_count)
    if output_format == "json":
        print(json.dumps(_payload(profile, top, explain), ensure_ascii=False, indent=2), file=out.file)
    else:
        _print(out, profile, top, explain)
    err.print(profile_line(profile), markup=False, highlight=False)
    return EXIT_OK
