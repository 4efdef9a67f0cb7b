"""One scan: documents (and skips) in, findings and a summary out.

Every scanning command (scan-files, archive, scan) runs its documents through `run_scan`, so the
summary, the JSON contract and what reaches the store are the same whatever the source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from detectors.batch import detect_documents
from detectors.engine import DetectionEngine
from detectors.language import ENGLISH, detectors_for
from scanner.models import Document, Finding, Skipped, SourceSignals
from scanner.skips import SkipLog
from scanner.spool import FindingSpool

ScanItem = Document | Skipped
"""What readers and crawlers yield: a document to scan, or a record of what could not be read."""


@dataclass
class ScanSummary:
    documents: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_year: Counter[str] = field(default_factory=Counter)
    by_source: Counter[str] = field(default_factory=Counter)
    findings_by_category: Counter[str] = field(default_factory=Counter)
    by_language: Counter[str] = field(default_factory=Counter)
    """Documents with text, by language (detectors.language): English gets every detector, others fewer."""
    mentions: int = 0
    """Sensitive terms no one is said to have (Finding.mention), left out of the findings unless asked."""
    mentions_listed: bool = False
    """Whether those mentions are among the findings (--include-mentions)."""
    skipped: SkipLog = field(default_factory=SkipLog)
    """The first skips whole, the rest counted by reason (scanner.skips); a plain list is taken too."""

    def __post_init__(self) -> None:
        if not isinstance(self.skipped, SkipLog):
            self.skipped = SkipLog(self.skipped)

    def count_document(self, document: Document) -> None:
        self.documents += 1
        self.by_kind[document.kind.value] += 1
        self.by_source[document.source] += 1
        self.by_year[str(document.created_at.year) if document.created_at else "unknown"] += 1

    def count_language(self, document: Document) -> None:
        if document.text.strip():
            self.by_language[document.metadata.get("language", ENGLISH)] += 1

    def record(self, document: Document, found: list[Finding]) -> list[Finding]:
        """Count one detected document; its findings, without topic mentions unless they are listed."""
        mentions = sum(finding.mention for finding in found)
        self.mentions += mentions
        if mentions and not self.mentions_listed:
            found = [finding for finding in found if not finding.mention]
        self.count_language(document)
        for finding in found:
            self.findings_by_category[finding.category] += 1
        return found

    def detectors_by_language(self) -> dict[str, dict[str, int]]:
        """{detectors: {language: documents}}: which detectors ran on how many documents in which language."""
        grouped: dict[str, dict[str, int]] = {}
        for language, count in self.by_language.most_common():
            grouped.setdefault(detectors_for(language), {})[language] = count
        return grouped


@dataclass
class ScanResult:
    findings: FindingSpool
    """Grouped by document; spilled to a sealed temporary file past a few thousand (scanner.spool)."""
    summary: ScanSummary
    signals: list[SourceSignals] = field(default_factory=list)
    """AI-training exposure of each source scanned (by the crawler; archives add the platform's policy)."""


def _split(items: Iterable[ScanItem], summary: ScanSummary) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        else:
            summary.count_document(item)
            yield item


def run_scan(
    items: Iterable[ScanItem],
    engine: DetectionEngine | None = None,
    model: str | None = None,
    workers: int = 1,
    on_document: Callable[[Document, list[Finding]], None] | None = None,
    include_mentions: bool = False,
) -> ScanResult:
    """Detect personal data in every document; skips are counted, never raised.

    Topic mentions (a sensitive term no one is said to have) are counted in the summary and dropped,
    or with `include_mentions` kept (the scorer ranks them low).
    """
    summary = ScanSummary(mentions_listed=include_mentions)
    findings = FindingSpool()
    documents = _split(items, summary)
    for document, found in detect_documents(documents, engine=engine, model=model, workers=workers,
                                            on_skip=summary.skipped.append):
        found = summary.record(document, found)
        findings.add(found)
        if on_document is not None:
            on_document(document, found)
    return ScanResult(findings, summary)
