"""The crawl audit: crawl what the person names, detect personal data, say how open each site is to AI.

Documents stream from the crawler into detection; the AI-training signals of every site scanned are
gathered on the way (page tags) and after (robots.txt, TDMRep, ai.txt, platform policy, optionally
Common Crawl) and put into `ScanResult.signals` for the scorer. `--check-corpora` is the one step that
sends personal data to a third party, so it announces itself (through `say`) before sending.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from detectors.engine import DetectionEngine
from detectors.taxonomy import tier_of
from scanner.config import Settings
from scanner.crawl.addresses import policy_for
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.commoncrawl import common_crawl_captures, with_common_crawl
from scanner.crawl.corpora import INDEXES, corpus_counts, sentence_around
from scanner.crawl.crawler import crawl
from scanner.crawl.fetch import Fetcher, check_url
from scanner.crawl.platforms import CrawlRequest, adapter_for
from scanner.crawl.platforms.blocked import BlockedPlatforms
from scanner.crawl.platforms.website import WebsiteAdapter
from scanner.crawl.signals import PageObservations, site_signals
from scanner.crawl.transport import deadline
from scanner.errors import FetchError
from scanner.models import Document, Finding, Skipped, SourceSignals
from scanner.scan import ScanResult, run_scan

CORPUS_SENTENCES = 5
"""Sentences sent to infini-gram at most: the riskiest findings only."""

Say = Callable[[str], None]
"""Where the audit tells the person what it is about to do (stderr in the CLI)."""


@dataclass(frozen=True, slots=True)
class WebOptions:
    """What `exposure scan` adds to the options every scanning command shares."""

    max_items: int | None = None
    """Posts per profile (None: Settings.max_items)."""
    max_pages: int = 50
    depth: int = 2
    own_sites: tuple[str, ...] = ()
    """Hosts that are the person's own: robots.txt does not stop the audit there."""
    check_common_crawl: bool = False
    check_corpora: bool = False
    sites_at_once: int = 4
    cache_dir: Path | None = None
    """The conditional-request cache folder (None: the user data directory's)."""


@dataclass
class Audit:
    """A crawl audit's scan (findings, summary, per-site signals) and its corpus counts."""

    result: ScanResult
    corpora: list[dict[str, Any]]
    """Counts of the riskiest sentences in training corpora (empty unless --check-corpora)."""

    def extra(self, check_corpora: bool) -> dict[str, Any]:
        """What the JSON report adds for a crawl: "sources", and the corpus counts when asked for."""
        extra: dict[str, Any] = {"sources": [signals_record(item) for item in self.result.signals]}
        if check_corpora:
            extra["corpora"] = self.corpora
            extra["corpora_indexes"] = list(INDEXES)
        return extra


class CorpusCandidates:
    """The riskiest findings' sentences, collected while documents pass (kept only in memory)."""

    def __init__(self, limit: int = CORPUS_SENTENCES) -> None:
        self.limit = limit
        self.by_sentence: dict[str, tuple[tuple[int, float], Finding]] = {}

    def offer(self, document: Document, findings: list[Finding]) -> None:
        for finding in findings:
            if finding.end <= finding.start:
                continue
            sentence = sentence_around(document.text, finding.start, finding.end)
            if len(sentence.split()) < 4:
                continue
            key = (tier_of(finding.entity), -finding.score)
            kept = self.by_sentence.get(sentence)
            if kept is None or key < kept[0]:
                self.by_sentence[sentence] = (key, finding)
        riskiest = sorted(self.by_sentence.items(), key=lambda item: item[1][0])[: self.limit]
        self.by_sentence = dict(riskiest)

    @property
    def best(self) -> list[tuple[Finding, str]]:
        """(finding, its sentence), riskiest first."""
        return [(finding, sentence) for sentence, (_key, finding) in self.by_sentence.items()]


def gather_signals(requests: list[CrawlRequest], fetcher: Fetcher, observed: PageObservations,
                   web: WebOptions, say: Say) -> tuple[list[SourceSignals], list[Skipped]]:
    """One SourceSignals per host scanned (the first URL of a host stands for it), and the checks that
    failed: a Common Crawl index that could not be asked is a skip, not a silent "not captured"."""
    signals: dict[str, SourceSignals] = {}
    skipped: list[Skipped] = []
    for request in requests:
        try:
            host = check_url(request.url).host.lower()
        except FetchError:
            continue
        if host in signals:
            continue
        adapter = adapter_for(request.url, request.settings)
        blocked = isinstance(adapter, BlockedPlatforms)
        platform = None if blocked or isinstance(adapter, WebsiteAdapter) else adapter.name
        with deadline(request.settings.site_deadline):
            found = site_signals(request.url, fetcher, platform, observed, fetch_site_files=not blocked)
            if web.check_common_crawl and not blocked:
                say(f"asking Common Crawl's index about {request.url}")
                captured = common_crawl_captures(request.url, fetcher, request.settings)
                if captured.captures is None:
                    skipped.append(Skipped(request.url, f"Common Crawl check failed: {captured.note}"))
                found = with_common_crawl(found, captured)
        signals[host] = found
    return list(signals.values()), skipped


def check_corpora(candidates: CorpusCandidates, fetcher: Fetcher, settings: Settings,
                  say: Say) -> list[dict[str, Any]]:
    """Counts of the riskiest sentences in public training corpora, as JSON-ready records."""
    if not candidates.best:
        return []
    host = httpx.URL(settings.infini_gram_api_url).host
    say(f"--check-corpora: sending {len(candidates.best)} sentence(s) that contain personal data to "
        f"{host} (a third party) to count them in public AI training corpora")
    records = []
    for finding, sentence in candidates.best:
        counts = corpus_counts(sentence, fetcher, settings)
        records.append({
            "document_id": finding.document.id, "entity": finding.entity, "snippet": finding.snippet,
            "counts": {count.index: count.count for count in counts},
            "errors": {count.index: count.error for count in counts if count.error},
        })
    return records


def signals_record(signals: SourceSignals) -> dict[str, Any]:
    """A SourceSignals as JSON-ready data (tuples as lists)."""
    return {name: list(value) if isinstance(value, tuple) else value
            for name, value in dataclasses.asdict(signals).items()}


def audit_sites(urls: list[str], settings: Settings, web: WebOptions, workers: int, say: Say,
                engine: DetectionEngine | None = None,
                on_document: Callable[[Document], None] | None = None,
                on_stage: Callable[[str], None] | None = None) -> Audit:
    """Crawl, detect, then gather each site's signals and (if asked) count sentences in corpora."""
    max_items = web.max_items or settings.max_items
    requests = [CrawlRequest(url, settings, max_items, web.max_pages, web.depth) for url in urls]
    observed = PageObservations()
    candidates = CorpusCandidates()

    def passed(document: Document, found: list[Finding]) -> None:
        if web.check_corpora:
            candidates.offer(document, found)
        if on_document is not None:
            on_document(document)

    with Fetcher(settings, ConditionalCache(web.cache_dir), ignore_robots_for=web.own_sites,
                 addresses=policy_for(urls, settings)) as fetcher:
        items = observed.watch(crawl(requests, fetcher, web.sites_at_once))
        result = run_scan(items, engine=engine, model=settings.spacy_model, workers=workers,
                          on_document=passed, include_mentions=settings.include_mentions)
        if on_stage is not None:
            on_stage("AI-training signals")
        result.signals, failed_checks = gather_signals(requests, fetcher, observed, web, say)
        result.summary.skipped.extend(failed_checks)
        corpora = check_corpora(candidates, fetcher, settings, say) if web.check_corpora else []
    return Audit(result, corpora)
