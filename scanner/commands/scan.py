"""`exposure scan URL...`: crawl what the person names, detect personal data, say how open each site is to AI.

Documents stream from the crawler into detection; the AI-training signals of every site scanned are
gathered on the way (page tags) and after (robots.txt, TDMRep, ai.txt, platform policy, optionally
Common Crawl), put into `ScanResult.signals` for the scorer, shown as a small table on stderr and as
the "sources" array of the JSON report. `--check-corpora` is the one step that sends personal data
to a third party, so it announces itself before sending.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from detectors.engine import DetectionEngine
from detectors.taxonomy import tier_of
from scanner.commands.output import ScanOptions, render_scan
from scanner.config import Settings
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.commoncrawl import common_crawl_captures, with_common_crawl
from scanner.crawl.corpora import INDEXES, corpus_counts, sentence_around
from scanner.crawl.crawler import crawl
from scanner.crawl.fetch import Fetcher, check_url
from scanner.crawl.platforms import CrawlRequest, adapter_for
from scanner.crawl.platforms.blocked import BlockedPlatforms
from scanner.crawl.platforms.website import WebsiteAdapter
from scanner.crawl.signals import PageObservations, site_signals
from scanner.errors import FetchError
from scanner.models import Document, Finding, SourceSignals
from scanner.scan import run_scan

CORPUS_SENTENCES = 5
"""Sentences sent to infini-gram at most: the riskiest findings only."""


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
                   web: WebOptions, err: Console) -> list[SourceSignals]:
    """One SourceSignals per host scanned (the first URL of a host stands for it)."""
    signals: dict[str, SourceSignals] = {}
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
        found = site_signals(request.url, fetcher, platform, observed, fetch_site_files=not blocked)
        if web.check_common_crawl and not blocked:
            err.print(f"asking Common Crawl's index about {request.url}", markup=False, highlight=False)
            found = with_common_crawl(found, common_crawl_captures(request.url, fetcher, request.settings))
        signals[host] = found
    return list(signals.values())


def check_corpora(candidates: CorpusCandidates, fetcher: Fetcher, settings: Settings,
                  err: Console) -> list[dict[str, Any]]:
    """Counts of the riskiest sentences in public training corpora, as JSON-ready records."""
    if not candidates.best:
        return []
    host = httpx.URL(settings.infini_gram_api_url).host
    err.print(f"--check-corpora: sending {len(candidates.best)} sentence(s) that contain personal data to "
              f"{host} (a third party) to count them in public AI training corpora", markup=False,
              highlight=False)
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
    return {name: list(value) if isinstance(value, tuple) else value
            for name, value in dataclasses.asdict(signals).items()}


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return "?" if value is None else yes if value else no


def print_signals(err: Console, signals: list[SourceSignals], corpora: list[dict[str, Any]]) -> None:
    """A small table per site: how open it is to AI training, and where to opt out."""
    if not signals:
        return
    table = Table(title="AI-training exposure per site", title_justify="left")
    for column in ("site", "training crawlers", "noai", "TDM reserved", "ai.txt", "Common Crawl",
                   "platform trains"):
        table.add_column(column)
    for item in signals:
        total = len(item.training_crawlers_allowed) + len(item.training_crawlers_blocked)
        crawlers = f"{len(item.training_crawlers_blocked)}/{total} blocked" if item.robots_checked else "?"
        captures = "-" if item.common_crawl_captures is None else str(item.common_crawl_captures)
        table.add_row(item.key, crawlers, _yes_no(item.noai), _yes_no(item.tdm_reserved),
                      _yes_no(item.ai_txt_disallows, "disallows", "allows"), captures,
                      _yes_no(item.platform_trains_by_default))
    err.print(table)
    for item in signals:
        if item.opt_out_url:
            err.print(f"{item.key}: opt out at {item.opt_out_url}", markup=False, highlight=False)
    for record in corpora:
        found = ", ".join(f"{index}: {'?' if count is None else count}"
                          for index, count in record["counts"].items())
        err.print(f"in training corpora ({record['entity']}, {record['document_id']}): {found}",
                  markup=False, highlight=False)


@contextmanager
def _progress(err: Console) -> Iterator[Progress | None]:
    """A transient progress line on a terminal; nothing when stderr is piped."""
    if not err.is_terminal:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                  TextColumn("{task.completed:,} documents"), TimeElapsedColumn(), console=err,
                  transient=True) as progress:
        yield progress


def run_scan_web(urls: list[str], output_format: str, show_values: bool, limit: int | None,
                 settings: Settings, workers: int, out: Console, err: Console, options: ScanOptions,
                 web: WebOptions, engine: DetectionEngine | None = None) -> int:
    """Crawl, detect, gather signals, render; the exit code of render_scan."""
    max_items = web.max_items or settings.max_items
    requests = [CrawlRequest(url, settings, max_items, web.max_pages, web.depth) for url in urls]
    observed = PageObservations()
    candidates = CorpusCandidates()
    with Fetcher(settings, ConditionalCache(web.cache_dir), ignore_robots_for=web.own_sites) as fetcher, \
            _progress(err) as progress:
        task = progress.add_task("crawling", total=None) if progress else None

        def on_document(document: Document, found: list[Finding]) -> None:
            if web.check_corpora:
                candidates.offer(document, found)
            if progress is not None and task is not None:
                progress.update(task, advance=1, description=document.id[:70])

        items = observed.watch(crawl(requests, fetcher, web.sites_at_once))
        result = run_scan(items, engine=engine, model=settings.spacy_model, workers=workers,
                          on_document=on_document, include_mentions=settings.include_mentions)
        if progress is not None and task is not None:
            progress.update(task, description="AI-training signals")
        result.signals = gather_signals(requests, fetcher, observed, web, err)
        corpora = check_corpora(candidates, fetcher, settings, err) if web.check_corpora else []
    if output_format != "json":
        print_signals(err, result.signals, corpora)
    extra: dict[str, Any] = {"sources": [signals_record(item) for item in result.signals]}
    if web.check_corpora:
        extra["corpora"] = corpora
        extra["corpora_indexes"] = list(INDEXES)
    return render_scan(result, output_format, show_values, limit, out, err, extra, settings=settings,
                       options=options, command="scan", target=" ".join(urls))
