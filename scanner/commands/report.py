"""`exposure report --html FILE`: the score, charts, top exposures and every finding in one offline page."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.actions.deadlines import local_today
from scanner.actions.person import Requester
from scanner.actions.run import plan_from_store
from scanner.commands.exits import EXIT_OK
from scanner.commands.inputs import checked_filter
from scanner.config import Settings
from scanner.errors import OutputError
from scanner.exposures import top_exposures
from scanner.models import SourceSignals
from scanner.policies import policy_for
from scanner.private import write_private
from scanner.report.export import stored_record
from scanner.report.html import render_html
from scanner.report.plan import plan_record
from scanner.scoring.stored import stored_profile
from scanner.store import FindingFilter, open_store

TOP_EXPOSURES = 10


def with_policy_steps(signals: SourceSignals) -> dict[str, Any]:
    """A source's signals as data, with its platform's opt-out steps (which say when there is none)."""
    policy = policy_for(signals.platform or signals.key)
    return {**dataclasses.asdict(signals), "opt_out_steps": policy.opt_out_steps if policy else None}


def run_report(settings: Settings, html_path: Path, selection: FindingFilter, show_values: bool,
               err: Console) -> int:
    requester = Requester.from_me(settings.me)
    # not read-only: building the plan settles items marked done against later scans (actions.verify)
    with open_store(settings, create=False) as store:
        selection = checked_filter(store, selection)
        profile = stored_profile(store)
        top = [{**stored_record(item.worst), "places": item.places, "actions": list(item.actions)}
               for item in top_exposures(store, TOP_EXPOSURES)]
        records = [stored_record(item, show_values, explain=True) for item in store.findings(selection)]
        signals = {key: with_policy_steps(value) for key, value in store.signals().items()}
        plan = plan_record(plan_from_store(store, requester, local_today(requester.timezone)))
    page = render_html(dataclasses.asdict(profile), top, records, signals, show_values, plan=plan)
    try:
        write_private(html_path, page.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"cannot write {html_path}: {error.strerror or error}") from error
    err.print(f"wrote {html_path}: {len(records)} findings, score {profile.score:.0f}/100, "
              f"grade {profile.grade}", markup=False, highlight=False)
    return EXIT_OK
