"""`exposure score`: the profile score with its breakdown and the top exposures, each with what to do."""

from __future__ import annotations

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.exposures import top_exposures
from scanner.report.score_view import print_score, score_json
from scanner.scoring.profile import profile_line
from scanner.scoring.stored import stored_profile
from scanner.store import open_store


def run_score(settings: Settings, output_format: str, top_count: int, explain: bool, out: Console,
              err: Console) -> int:
    with open_store(settings) as store:
        profile = stored_profile(store)
        top = top_exposures(store, top_count)
    if output_format == "json":
        print(score_json(profile, top, explain), file=out.file)
    else:
        print_score(out, profile, top, explain)
    err.print(profile_line(profile), markup=False, highlight=False)
    return EXIT_OK
