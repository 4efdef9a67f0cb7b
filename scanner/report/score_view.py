"""`exposure score` as JSON or as lines on the terminal: the profile, its breakdown, the top exposures."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.text import Text

from scanner.exposures import TopExposure
from scanner.report.export import stored_record
from scanner.report.table import LEVEL_STYLES
from scanner.scoring.profile import ProfileScore

FORMULA = ("score = r1 + (100 - r1) × 0.5 × (1 - Π(1 - (r_i/100)²)) over the 10 riskiest distinct values; "
           "A < 20 ≤ B < 40 ≤ C < 60 ≤ D < 80 ≤ F")


def score_json(profile: ProfileScore, top: list[TopExposure], explain: bool) -> str:
    payload: dict[str, Any] = {
        "score": profile.score, "grade": profile.grade, "values": profile.values,
        "by_category": profile.by_category, "by_source": profile.by_source,
        "top": [{**stored_record(item.worst, explain=explain), "places": item.places,
                 "actions": list(item.actions)} for item in top],
        **({"formula": FORMULA} if explain else {}),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _print_top(out: Console, top: list[TopExposure], explain: bool) -> None:
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


def print_score(out: Console, profile: ProfileScore, top: list[TopExposure], explain: bool) -> None:
    out.print(Text(f"Exposure score {profile.score:.0f}/100, grade {profile.grade} "
                   f"({profile.values} distinct values)", style="bold"))
    if explain:
        out.print(Text(FORMULA, style="dim"))
    for title, scores in (("by category", profile.by_category), ("by source", profile.by_source)):
        if scores:
            out.print(Text(f"{title}: " + ", ".join(f"{name} {score:.0f}" for name, score in scores.items())))
    if top:
        _print_top(out, top, explain)
