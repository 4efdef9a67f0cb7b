"""The archive pipeline: inputs opened as trees, each read by the reader its layout fits, into detection.

Documents are a generator: each input is opened as a tree, nested archives become trees of their
own, each tree is read by the reader its layout fits, and the documents flow straight into the
batch engine's worker processes, so reading overlaps with detecting and memory stays flat. A reader
that fails loses its own tree only: the failure becomes a skip and the other inputs are read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from detectors.engine import DetectionEngine
from scanner.archives.detect import detect
from scanner.archives.trees.limits import Budget, Limits
from scanner.archives.trees.open import expand, open_inputs
from scanner.errors import InputError
from scanner.models import Document, Finding, Skipped
from scanner.policies import platform_signals
from scanner.scan import ScanItem, ScanResult, ScanSummary, run_scan


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

    def scan(self, paths: list[Path], engine: DetectionEngine | None, model: str | None, workers: int,
             on_document: Callable[[Document, list[Finding]], None] | None = None) -> ScanResult:
        """Read and detect every input; the result carries each platform's AI-training policy."""
        result = run_scan(self.items(paths), engine, model, workers=workers, on_document=on_document)
        result.signals.extend(platform_signals(result.summary.by_source))
        return result


def summary_lines(summary: ScanSummary, readers: list[dict[str, str]]) -> list[str]:
    """The end-of-run breakdown: readers used, documents per year, findings per category, skip reasons."""
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
