"""How a recorded scan is shown: the ranked findings as a table or the JSON contract on stdout, then the
skips, the summary and the profile line on stderr."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console

from scanner.report.export import write_scan_json
from scanner.report.table import language_line, print_records, summary_line
from scanner.scoring.profile import profile_line

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.record import RecordedScan
    from scanner.scan import ScanSummary


def show_scan(recorded: RecordedScan, summary: ScanSummary, output_format: str, limit: int | None,
              out: Console, extra: dict[str, Any] | None = None) -> None:
    """The findings of the scan, riskiest first: every one in JSON, the first `limit` in the table."""
    if output_format == "json":
        profile = recorded.profile
        graded = {"score": profile.score, "grade": profile.grade, "by_category": profile.by_category,
                  "by_source": profile.by_source}
        payload = {"profile": graded if summary.documents else None, "scan_id": recorded.stored_id,
                   "topic_mentions": {"count": summary.mentions, "listed": summary.mentions_listed},
                   **(extra or {})}
        write_scan_json(out.file, recorded.records(), summary, payload)
    elif not summary.documents:
        out.print("Nothing was scanned: no document could be read.", markup=False, highlight=False)
    else:
        print_records(out, list(recorded.records(limit)), recorded.show_values, limit, recorded.explain,
                      total=recorded.total)


def say_scan_end(err: Console, recorded: RecordedScan, summary: ScanSummary) -> None:
    """Each skip, the one-line summary, the detectors per language and the profile line (with the scan id
    when it was stored)."""
    for skip in summary.skipped:
        err.print(f"skipped {skip.where}: {skip.reason}", markup=False, highlight=False)
    if (more := summary.skipped.beyond_line()) is not None:
        err.print(more, markup=False, highlight=False)
    err.print(summary_line(summary, recorded.total), markup=False, highlight=False)
    if languages := language_line(summary):
        err.print(languages, markup=False, highlight=False)
    if not summary.documents:
        err.print("nothing was scanned, so there is no grade; the scan was not stored", markup=False,
                  highlight=False)
        return
    stored_as = f"; stored as scan {recorded.scan_id}" if recorded.kept else ""
    err.print(profile_line(recorded.profile) + stored_as, markup=False, highlight=False)
