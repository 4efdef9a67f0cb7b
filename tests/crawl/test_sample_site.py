"""Golden test: the persona's synthetic website (tests/crawl/site/) crawled into the documents beside it.

Set UPDATE_GOLDEN=1 to rewrite expected_documents.json after a deliberate change, then read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms import CrawlRequest
from scanner.crawl.platforms.website import WebsiteAdapter
from scanner.crawl.signals import PageObservations, site_signals
from scanner.models import Document, Skipped

SITE = Path(__file__).parent / "site"
GOLDEN = Path(__file__).parent / "expected_documents.json"
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml", ".txt": "text/plain"}


def serve_site(httpserver: HTTPServer) -> None:
    """Every file of the sample site at its path (a URL -> file map); anything else is a 404."""
    for path in sorted(SITE.rglob("*")):
        if path.is_file():
            url = "/" + path.relative_to(SITE).as_posix()
            body = path.read_bytes()
            httpserver.expect_request(url).respond_with_data(body, content_type=TYPES[path.suffix])
            if url == "/index.html":
                httpserver.expect_request("/").respond_with_data(body, content_type=TYPES[".html"])
    for well_known in ("/.well-known/tdmrep.json", "/ai.txt"):
        httpserver.expect_request(well_known).respond_with_data("", status=404)


def record(item: Document | Skipped, root: str) -> dict[str, Any]:
    if isinstance(item, Skipped):
        return {"skipped": item.where.replace(root, "http://site"), "reason": item.reason}
    return {
        "id": item.id.replace(root, "http://site"),
        "kind": item.kind.value,
        "created_at": item.created_at.isoformat() if item.created_at else None,
        "metadata": {key: value.replace(root, "http://site") for key, value in item.metadata.items()},
        "structured": [[value.entity, value.label, value.value] for value in item.structured],
        "text": item.text,
    }


def test_sample_site_matches_the_golden_documents(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    serve_site(httpserver)
    root = httpserver.url_for("/").rstrip("/")
    observed = PageObservations()
    items = list(observed.watch(WebsiteAdapter().documents(CrawlRequest(root + "/", settings, 50), fetcher)))
    records = [record(item, root) for item in items]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert records == json.loads(GOLDEN.read_text(encoding="utf-8"))
    requested = {request.path for request, _ in httpserver.log}
    assert "/drafts/unfinished.html" not in requested and "/ro.jpg" not in requested
    signals = site_signals(root + "/", fetcher, None, observed)
    assert {"GPTBot", "CCBot"} <= set(signals.training_crawlers_blocked)
    assert "ClaudeBot" in signals.training_crawlers_allowed
    assert signals.noai
