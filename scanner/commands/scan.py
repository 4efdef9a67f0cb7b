"""`exposure scan URL...`: the crawl audit (scanner.crawl.audit), its per-site table, the recorded scan."""

from __future__ import annotations

from rich.console import Console

from detectors.engine import DetectionEngine
from scanner.commands.output import finish_scan
from scanner.config import Settings
from scanner.crawl.audit import WebOptions, audit_sites
from scanner.record import ScanOptions
from scanner.report.progress import crawl_progress
from scanner.report.signals import print_signals


def run_scan_web(urls: list[str], output_format: str, show_values: bool, limit: int | None,
                 settings: Settings, workers: int, out: Console, err: Console, options: ScanOptions,
                 web: WebOptions, engine: DetectionEngine | None = None) -> int:
    """Audit the sites, show the signals, record and show the scan; the exit code of finish_scan."""
    def say(message: str) -> None:
        err.print(message, markup=False, highlight=False)

    with crawl_progress(err) as progress:
        audit = audit_sites(urls, settings, web, workers, say, engine, progress.document, progress.stage)
    if output_format != "json":
        print_signals(err, audit.result.signals, audit.corpora)
    return finish_scan(audit.result, output_format, show_values, limit, out, err, settings, options, "scan",
                       " ".join(urls), audit.extra(web.check_corpora))
