"""`exposure scan` of a local website and a local Mastodon stand-in, then every reading command: no leak.

The site answers with ETag / Last-Modified and honours If-None-Match, so the conditional-request
cache keeps its pages and the second scan is served from it by 304s. Every byte written (stdout,
stderr, the data directory with the database, the hash key and the HTTP cache, the HTML report) is
searched for the persona's values; cache entries are also searched with every string field
base64-decoded, since a page body kept as base64 hides from a plain byte search. The control run
with --store-values / --show-values shows the values only where asked, and never in the cache.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from detectors.engine import DetectionEngine
from scanner.crawl.cache import ConditionalCache
from tests.privacy_search import PERSONA, UNKNOWN, Run, leaks, not_private, read_back

PAGE = """<html><head><title>Rowan Delacroix-Hale</title></head><body>
<h1>About me</h1>
<p>I am Rowan Delacroix-Hale, born 14 March 1988 (1988-03-14). I was diagnosed with type 1 diabetes
and I wear an insulin pump.</p>
<p>Write to rowan.hale@example.org or ro.delacroix@example.com, or call me on +1 503-555-0142.</p>
<p>Post goes to 1427 Alder Street, Portland, OR 97205. My run starts at 45.5118, -122.5941.</p>
<p>Refunds to my card 4111 1111 1111 1111. My last login was from 203.0.113.42.</p>
<p>The parcel for rowan.hale@example.org left the depot under reference QX7-88412-KT today.</p>
<a href="/more">more</a></body></html>"""
MORE = "<html><body><p>I'm on an insulin pump since type 1 diabetes was found in 2001.</p></body></html>"
ETAG = '"v1"'
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def page(body: str, content_type: str = "text/html") -> Callable[[Request], Response]:
    """A handler that sends validators and answers a matching If-None-Match with 304."""
    def handle(request: Request) -> Response:
        if request.headers.get("If-None-Match") == ETAG:
            return Response(status=304, headers={"ETag": ETAG})
        return Response(body, content_type=content_type,
                        headers={"ETag": ETAG, "Last-Modified": "Mon, 02 Nov 2026 10:00:00 GMT"})
    return handle


def serve(httpserver: HTTPServer) -> list[str]:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: GPTBot\nDisallow: /\n")
    for path in ("/.well-known/tdmrep.json", "/ai.txt"):
        httpserver.expect_request(path).respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_handler(page(PAGE))
    httpserver.expect_request("/more").respond_with_handler(page(MORE))
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json({
        "id": "7", "acct": "rowan", "display_name": "Ro Hale", "url": httpserver.url_for("/@rowan"),
        "note": "<p>Email rowan.hale@example.org, phone +1 503-555-0142</p>", "fields": []})
    httpserver.expect_request("/api/v1/accounts/7/statuses").respond_with_json([{
        "id": "1", "created_at": "2026-01-01T00:00:00Z", "visibility": "public", "reblog": None,
        "url": httpserver.url_for("/@rowan/1"),
        "content": "<p>Type 1 diabetes day 9000: insulin pump site swap. Card 4111 1111 1111 1111</p>"}])
    return [httpserver.url_for("/"), httpserver.url_for("/@rowan")]


def run_everything(base: Path, httpserver: HTTPServer, asked: bool) -> Run:
    """Scan twice (the second from the cache), then every reading command."""
    home, out = base / "home", base / "out"
    out.mkdir(parents=True)
    run = Run(home, out / "report.html")
    httpserver.clear()
    urls = serve(httpserver)
    scan_flags = ["--store-values", "--show-values"] if asked else []
    config = ["--config", str(SAMPLES / "exposure.toml")]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPOSURE_HOME", str(home))
        patch.setenv("EXPOSURE_PER_HOST_DELAY", "0")
        patch.delenv("EXPOSURE_DB", raising=False)
        run.invoke("scan", "scan", *urls, "-f", "json", "--workers", "1", *config, *scan_flags)
        run.invoke("rescan", "scan", *urls, "--workers", "1", "--explain", "--limit", "0", *config,
                   *scan_flags)
        read_back(run, config, asked)
    httpserver.clear()
    return run


@pytest.fixture(scope="module")
def masked(engine: DetectionEngine, make_httpserver: HTTPServer,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    yield run_everything(tmp_path_factory.mktemp("masked"), make_httpserver, asked=False)


@pytest.fixture(scope="module")
def shown(engine: DetectionEngine, make_httpserver: HTTPServer,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    yield run_everything(tmp_path_factory.mktemp("shown"), make_httpserver, asked=True)


def decoded_cache(home: Path) -> list[str]:
    """Every string field of every cache entry, base64-decoded where it decodes."""
    texts = []
    for path in (home / "http-cache").glob("*.json"):
        for value in json.loads(path.read_text(encoding="utf-8")).values():
            if not isinstance(value, str):
                continue
            texts.append(value)
            with contextlib.suppress(binascii.Error, ValueError):
                texts.append(base64.b64decode(value, validate=True).decode("utf-8", "replace"))
    return texts


def test_both_scans_ran_and_the_cache_was_used(masked: Run) -> None:
    assert masked.codes == {name: 0 for name in masked.codes}, masked.outputs
    report = json.loads(masked.outputs["scan"][: masked.outputs["scan"].rindex("}") + 1])
    assert set(report["documents"]["by_source"]) == {"web", "mastodon"}
    assert len(list((masked.home / "http-cache").glob("*.json"))) >= 2
    assert "0 new, 0 gone" in masked.outputs["diff"]


def test_no_raw_value_is_written_by_default(masked: Run) -> None:
    assert leaks([masked.home, masked.report], masked.outputs.values()) == []


def test_an_identifier_no_recognizer_reports_is_nowhere_at_rest(masked: Run, shown: Run) -> None:
    """Database, key, cache (decoded too) and the HTML report, with and without --store-values."""
    for run in (masked, shown):
        assert leaks([run.home, run.report], decoded_cache(run.home), UNKNOWN) == []
    assert leaks([], masked.outputs.values(), UNKNOWN) == []


def test_the_cache_holds_no_readable_page(masked: Run, shown: Run) -> None:
    """A cached page is raw text: sealed, it reveals nothing, even to a base64 decode."""
    assert leaks([], decoded_cache(masked.home)) == []
    assert leaks([], decoded_cache(shown.home)) == []


def test_a_sealed_body_opens_only_with_its_key(tmp_path: Path) -> None:
    cache = ConditionalCache(tmp_path / "cache", key=b"k" * 32)
    assert cache.put("https://a.example/", "https://a.example/", {"etag": ETAG}, PAGE.encode())
    copy = cache.get("https://a.example/")
    assert copy is not None and copy.body == PAGE.encode()
    assert ConditionalCache(tmp_path / "cache", key=b"o" * 32).get("https://a.example/") is None


def test_values_appear_only_where_asked(shown: Run) -> None:
    assert shown.codes == {name: 0 for name in shown.codes}, shown.outputs
    found = "\n".join(leaks([], [shown.outputs["scan"]]))
    missing = [value for values in PERSONA.values() for value in values if repr(value) not in found]
    assert missing == [], f"the scan did not find (or the search would not see) {missing}"
    assert leaks([shown.home / "exposure.db"], []) != []
    for name in ("findings json", "findings csv", "review"):  # the diff is empty: a rescan of the same pages
        assert leaks([], [shown.outputs[name]]) != [], f"{name} --show-values showed nothing raw"
    assert leaks([shown.report], []) != []
    assert leaks([shown.home / "hmac.key", shown.home / "http-cache"], []) == []


def test_written_files_are_private(masked: Run, shown: Run) -> None:
    assert not_private([masked.home, masked.report, shown.home, shown.report]) == []
