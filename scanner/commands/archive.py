"""`exposure archive PATH...`: platform exports (zip, tar, folder, .car, split parts) through the detectors.

Documents are a generator: each input is opened as a tree, nested archives become trees of their
own, each tree is read by the reader its layout fits, and the documents flow straight into the
batch engine's worker processes, so reading overlaps with detecting and memory stays flat.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from detectors.engine import DetectionEngine
from scanner.archives.detect import detect
from scanner.archives.tree import Budget, Limits, expand, open_inputs
from scanner.commands.output import ScanOptions, render_scan
from scanner.config import Settings
from scanner.errors import InputError
from scanner.models import Document, Finding, Skipped, SourceSignals
from scanner.scan import ScanItem, ScanSummary, run_scan


class ArchiveRun:
    """One `archive` run's reading side: which reader read which tree, and how many bytes so far."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.budget = Budget(self.limits.max_total_bytes)
        self.readers: list[dict[str, str]] = []
        self.current = ""

    def items(self, paths: list[Path]) -> Iterator[ScanItem]:
        """Every document and skip in the inputs, in order."""
        for opened in open_inputs(paths, self.limits, self.budget):
            if isinstance(opened, Skipped):
                yield opened
                continue
            for tree in expand(opened, self.limits, self.budget):
                if isinstance(tree, Skipped):
                    yield tree
                    continue
                yield from tree.skipped()
                reader = detect(tree)
                self.readers.append({"input": tree.name, "reader": reader.name})
                self.current = f"{tree.name} ({reader.name})"
                try:
                    yield from reader.documents(tree)
                except InputError as error:
                    yield Skipped(tree.name, str(error))
                except Exception as error:  # a reader bug must not lose the other inputs; it is reported
                    # by type only: an arbitrary exception's message may quote the record it failed on
                    yield Skipped(tree.name, f"{reader.name} reader failed ({type(error).__name__})")


def platform_signals(sources: list[str]) -> list[SourceSignals]:
    """What each platform scanned says about AI training of its public posts (platform_policies.json)."""
    from scanner.crawl.signals import policy_for

    signals = []
    for source in sorted(set(sources)):
        policy = policy_for(source)
        if policy is None:
            continue
        trains = {
            True: "trains AI on public posts by default",
            False: "says it does not train AI on posts",
            None: "has no clear AI-training statement",
        }[policy.trains_by_default]
        signals.append(
            SourceSignals(
                key=source,
                platform=policy.platform,
                platform_trains_by_default=policy.trains_by_default,
                opt_out_url=policy.opt_out_url,
                notes=(
                    f"{policy.platform} {trains} (as of {policy.as_of}); opt out: {policy.opt_out_steps}",
                    *policy.notes,
                ),
            )
        )
    return signals


def summary_lines(summary: ScanSummary, readers: list[dict[str, str]]) -> list[str]:
    """The end-of-run breakdown on stderr: readers used, documents per year, findings per category."""
    lines = [f"read {entry['input']} as {entry['reader']}" for entry in readers]
    if summary.by_year:
        lines.append(
            "documents by year: "
            + ", ".join(f"{year} {count}" for year, count in sorted(summary.by_year.items()))
        )
    if summary.findings_by_category:
        lines.append(
            "findings by category: "
            + ", ".join(
                f"{category} {count}" for category, count in summary.findings_by_category.most_common()
            )
        )
    if summary.skipped:
        reasons = Counter(skip.reason.split(" (")[0].split(":")[0] for skip in summary.skipped)
        lines.append(
            "skipped: " + "; ".join(f"{count} × {reason}" for reason, count in reasons.most_common())
        )
    return lines


def run_archive(
    paths: list[Path],
    output_format: str,
    show_values: bool,
    limit: int | None,
    settings: Settings,
    workers: int,
    out: Console,
    err: Console,
    options: ScanOptions | None = None,
    engine: DetectionEngine | None = None,
) -> int:
    """Scan the inputs and render the result; `engine` lets a caller reuse a loaded engine (tests)."""
    run = ArchiveRun()
    if err.is_terminal:
        with Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(bar_width=None),
            TextColumn("{task.completed:,} documents · {task.fields[read]}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("reading", total=None, read="0 MB")

            def advance(document: Document, found: list[Finding]) -> None:
                progress.update(
                    task, advance=1, description=run.current, read=f"{run.budget.used / 1e6:,.0f} MB"
                )

            result = run_scan(
                run.items(paths), engine, settings.spacy_model, workers=workers, on_document=advance,
                include_mentions=settings.include_mentions,
            )
    else:
        result = run_scan(run.items(paths), engine, settings.spacy_model, workers=workers,
                          include_mentions=settings.include_mentions)
    result.signals.extend(platform_signals(list(result.summary.by_source)))
    code = render_scan(
        result,
        output_format,
        show_values,
        limit,
        out,
        err,
        extra={"archives": run.readers},
        settings=settings,
        options=options or ScanOptions(),
        command="archive",
        target=" ".join(str(path) for path in paths),
    )
    for line in summary_lines(result.summary, run.readers):
        err.print(line, markup=False, highlight=False)
    return code
