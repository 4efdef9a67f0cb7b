"""How open a scanned site is to AI training: robots.txt AI groups, noai, TDMRep, ai.txt, platform policy.

What a page says about itself (robots meta, X-Robots-Tag, tdm-reservation) arrives in the metadata of
the documents the crawler yields and is gathered by `PageObservations` while the scan runs; what a
site says as a whole (robots.txt, /.well-known/tdmrep.json, /ai.txt) is fetched once per origin; what
a platform does with posts comes from `scanner.policies`. The crawler list is dated; the report shows
its date.
"""

from __future__ import annotations

import csv
import dataclasses
import fnmatch
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from scanner.crawl.fetch import Fetcher
from scanner.crawl.robots import RobotsFile, origin_of, robots_groups
from scanner.errors import FetchError
from scanner.models import Document, SourceSignals
from scanner.policies import policy_signals

PURPOSES = ("training", "search", "assistant", "other")
NOAI_DIRECTIVES = frozenset({"noai", "noimageai"})
POLICY_FILE_BYTES = 200_000
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True, slots=True)
class AiCrawler:
    """One AI crawler user agent, from scanner/data/ai_crawlers.tsv."""

    agent: str
    operator: str
    purpose: str
    """training, search, assistant or other (our classification of ai.robots.txt's function text)."""
    respects_robots: str
    function: str


def _data_text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


@cache
def ai_crawlers() -> tuple[AiCrawler, ...]:
    """Every known AI crawler, in file order."""
    rows = (line for line in _data_text("ai_crawlers.tsv").splitlines() if line and not line.startswith("#"))
    reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(AiCrawler(row["agent"], row["operator"], row["purpose"], row["respects_robots"],
                           row["function"]) for row in reader)


@dataclass
class _HostSeen:
    read: bool = False
    """At least one page of the host was read, so its tags were looked at."""
    noai: set[str] = field(default_factory=set)
    tdm_reserved: bool = False
    tdm_policy: str | None = None


class PageObservations:
    """Per-host AI signals read from the documents of a scan as they pass (thread-safe)."""

    def __init__(self) -> None:
        self._hosts: dict[str, _HostSeen] = {}
        self._lock = threading.Lock()

    def see(self, document: Document) -> None:
        meta = document.metadata
        directives = {part.strip().split(":")[-1].strip().lower()
                      for key in ("robots_meta", "x-robots-tag") for part in meta.get(key, "").split(",")}
        noai = directives & NOAI_DIRECTIVES
        reserved = meta.get("tdm-reservation", "").strip() == "1"
        try:
            host = httpx.URL(document.url or document.id).host.lower()
        except (httpx.InvalidURL, ValueError):
            return
        with self._lock:
            seen = self._hosts.setdefault(host, _HostSeen())
            seen.read = True
            seen.noai |= noai
            seen.tdm_reserved |= reserved
            seen.tdm_policy = seen.tdm_policy or meta.get("tdm-policy")

    def watch(self, items: Iterator[Any]) -> Iterator[Any]:
        """Pass a stream of scan items through, noting every document's signals."""
        for item in items:
            if isinstance(item, Document):
                self.see(item)
            yield item

    def for_host(self, host: str) -> _HostSeen:
        with self._lock:
            return self._hosts.get(host.lower(), _HostSeen())


def robots_verdicts(robots: RobotsFile, url: str) -> dict[str, tuple[list[str], list[str]]]:
    """Purpose -> (agents allowed, agents blocked) for every known AI crawler on this URL; the crawlers
    that honour robots.txt come first (a robots.txt line stops those), each part in file order."""
    verdicts: dict[str, tuple[list[str], list[str]]] = {purpose: ([], []) for purpose in PURPOSES}
    for crawler in sorted(ai_crawlers(), key=lambda crawler: crawler.respects_robots != "yes"):
        allowed, blocked = verdicts.setdefault(crawler.purpose, ([], []))
        (allowed if robots.agent_allowed(crawler.agent, url) else blocked).append(crawler.agent)
    return verdicts


def tdmrep_reserved(fetcher: Fetcher, url: str) -> tuple[bool, str | None]:
    """Does /.well-known/tdmrep.json reserve TDM rights for this URL's path? (reserved, policy URL)."""
    origin = origin_of(url)
    try:
        response = fetcher.get(f"{origin}/.well-known/tdmrep.json", robots=False,
                               allow_status=range(400, 500), max_bytes=POLICY_FILE_BYTES, retries=0)
        rules = response.json() if response.status == 200 else []
    except FetchError:
        return False, None
    path = httpx.URL(url).raw_path.decode("ascii", "replace").split("?")[0] or "/"
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, dict):
            continue
        location = str(rule.get("location", "/*"))
        if fnmatch.fnmatchcase(path, location if location.startswith("/") else "/" + location):
            reserved = str(rule.get("tdm-reservation", "0")).strip() == "1"
            policy = rule.get("tdm-policy")
            return reserved, str(policy) if policy else None
    return False, None


def ai_txt_disallows(fetcher: Fetcher, url: str) -> bool | None:
    """Spawning's /ai.txt: True when it disallows all agents everything, False when found, None if absent."""
    try:
        response = fetcher.get(f"{origin_of(url)}/ai.txt", robots=False, allow_status=range(400, 500),
                               max_bytes=POLICY_FILE_BYTES, retries=0)
    except FetchError:
        return None
    if response.status != 200 or response.content_type in ("text/html", "application/xhtml+xml") \
            or response.looks_binary():
        return None
    for agents, rules in robots_groups(response.text()):
        if "*" in agents and any(rule.replace(" ", "") in ("disallow:/", "disallow:*") for rule in rules):
            return True
    return False


def _robots_notes(robots: RobotsFile, verdicts: Mapping[str, tuple[list[str], list[str]]]) -> list[str]:
    notes: list[str] = []
    if robots.unreachable:
        return [f"robots.txt could not be read ({robots.unreachable})"]
    if not robots.found:
        notes.append("no robots.txt: every AI crawler may fetch the site")
    for purpose in ("training", "search", "assistant"):
        allowed, blocked = verdicts[purpose]
        total = len(allowed) + len(blocked)
        if total:
            notes.append(f"robots.txt blocks {len(blocked)} of {total} AI {purpose} crawlers")
    return notes


def site_signals(url: str, fetcher: Fetcher, platform: str | None, observed: PageObservations,
                 fetch_site_files: bool = True) -> SourceSignals:
    """Every signal for the site of `url` except Common Crawl (see commoncrawl.py), as one SourceSignals.

    `fetch_site_files=False` (a platform that blocks crawling) sends no request: only the policy is used.
    """
    host = httpx.URL(url).host.lower()
    signals = policy_signals(host, platform)
    if not fetch_site_files:
        return signals
    robots = fetcher.robots.file_for(url)
    verdicts = robots_verdicts(robots, url)
    seen = observed.for_host(host)
    up = not robots.site_down
    reserved, tdm_policy = tdmrep_reserved(fetcher, url) if up else (False, None)
    ai_txt = ai_txt_disallows(fetcher, url) if up else None
    notes = _robots_notes(robots, verdicts)
    if seen.noai:
        notes.append(f"pages carry {', '.join(sorted(seen.noai))} (robots meta or X-Robots-Tag)")
    if not seen.read:
        notes.append("noai and page-level TDM not checked: no page of the site could be read")
    tdm_policy = tdm_policy or seen.tdm_policy
    if reserved or seen.tdm_reserved:
        notes.append("text-and-data-mining rights reserved (TDMRep)"
                     + (f", policy {tdm_policy}" if tdm_policy else ""))
    if ai_txt is not None:
        notes.append("ai.txt disallows AI use" if ai_txt else "ai.txt found; it does not disallow AI use")
    return dataclasses.replace(
        signals,
        training_crawlers_allowed=tuple(verdicts["training"][0]),
        training_crawlers_blocked=tuple(verdicts["training"][1]),
        robots_checked=robots.unreachable is None, noai=bool(seen.noai) if seen.read else None,
        tdm_reserved=True if reserved or seen.tdm_reserved else False if seen.read else None,
        ai_txt_disallows=ai_txt, ai_txt_checked=up,
        notes=(*notes, *signals.notes),
    )
