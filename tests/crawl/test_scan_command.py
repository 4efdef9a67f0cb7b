"""`exposure scan` end to end: a local site through crawl, detection, signals and the report."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from rich.console import Console
from typer.testing import CliRunner
from werkzeug import Request, Response

from detectors.engine import DetectionEngine
from scanner.cli import app
from scanner.commands.scan import run_scan_web
from scanner.config import Settings
from scanner.crawl.audit import WebOptions
from scanner.record import ScanOptions

HOME = """<html><head><title>Jo Doe</title><meta name="robots" content="noai"></head><body>
<div class="h-card"><span class="p-name">Jo Doe</span>
<a class="u-email" href="mailto:jo.doe@example.com">mail</a></div>
<p>Last spring I was diagnosed with type 2 diabetes, and I am still learning to cope with it.</p>
<a href="/about">about</a></body></html>"""
ABOUT = "<html><body><p>You can call me on +1 415 555 0134 any evening.</p></body></html>"


def _serve(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: GPTBot\nDisallow: /\n")
    httpserver.expect_request("/.well-known/tdmrep.json").respond_with_data("", status=404)
    httpserver.expect_request("/ai.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(HOME, content_type="text/html")
    httpserver.expect_request("/about").respond_with_data(ABOUT, content_type="text/html")


def _run(
    urls: list[str], settings: Settings, engine: DetectionEngine, web: WebOptions, tmp_path: Path
) -> tuple[int, dict[str, Any], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_scan_web(
        urls,
        "json",
        False,
        None,
        settings,
        1,
        Console(file=out),
        Console(file=err, width=200),
        ScanOptions(store=False),
        dataclasses.replace(web, cache_dir=tmp_path / "cache"),
        engine=engine,
    )
    return code, json.loads(out.getvalue()), err.getvalue()


def test_scan_finds_personal_data_and_reports_signals(
    httpserver: HTTPServer, settings: Settings, engine: DetectionEngine, tmp_path: Path
) -> None:
    _serve(httpserver)
    code, report, _err = _run([httpserver.url_for("/")], settings, engine, WebOptions(), tmp_path)
    assert code == 0
    findings = report["findings"]
    assert isinstance(findings, list)
    entities = {finding["entity"] for finding in findings}
    assert {"EMAIL_ADDRESS", "MEDICAL_CONDITION", "PHONE_NUMBER"} <= entities
    assert all("jo.doe@example.com" not in json.dumps(finding) for finding in findings)
    (source,) = report["sources"]
    assert source["key"] == "localhost"
    assert source["noai"] is True
    assert "GPTBot" in source["training_crawlers_blocked"]
    assert "ClaudeBot" in source["training_crawlers_allowed"]


def test_blocked_platform_and_a_site_in_one_run(
    httpserver: HTTPServer, settings: Settings, engine: DetectionEngine, tmp_path: Path
) -> None:
    _serve(httpserver)
    code, report, _err = _run(
        ["https://www.linkedin.com/in/jo", httpserver.url_for("/")],
        settings,
        engine,
        WebOptions(depth=0),
        tmp_path,
    )
    assert code == 3
    assert [skip["where"] for skip in report["skipped"]] == ["https://www.linkedin.com/in/jo"]
    sources = {source["key"]: source for source in report["sources"]}
    assert sources["www.linkedin.com"]["platform_trains_by_default"] is True
    assert sources["localhost"]["robots_checked"] is True


def test_check_corpora_says_so_before_sending(
    httpserver: HTTPServer, settings: Settings, engine: DetectionEngine, tmp_path: Path
) -> None:
    _serve(httpserver)
    sent: list[str] = []

    def count(request: Request) -> Response:
        sent.append(json.loads(request.data)["query"])
        return Response(json.dumps({"count": 0, "approx": False}), content_type="application/json")

    httpserver.expect_request("/infini/", method="POST").respond_with_handler(count)
    local = dataclasses.replace(settings, infini_gram_api_url=httpserver.url_for("/infini/"))
    code, report, err = _run(
        [httpserver.url_for("/")], local, engine, WebOptions(depth=0, check_corpora=True), tmp_path
    )
    assert code == 0
    assert "--check-corpora: sending" in err and "third party" in err
    assert any("diagnosed with type 2 diabetes" in sentence for sentence in sent)
    corpora = report["corpora"]
    assert isinstance(corpora, list) and corpora
    assert set(corpora[0]["counts"].values()) == {0}
    assert corpora[0]["entity"] == "MEDICAL_CONDITION"
    assert "type 2 diabetes" not in json.dumps(corpora)


def test_cli_scan_shows_findings_and_the_signals_table(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve(httpserver)
    monkeypatch.setenv("EXPOSURE_PER_HOST_DELAY", "0")
    monkeypatch.setenv("COLUMNS", "300")
    result = CliRunner().invoke(
        app, ["scan", httpserver.url_for("/"), "--no-store", "--workers", "1", "--no-color", "--depth", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "MEDICAL_CONDITION" in result.stdout
    assert "AI-training exposure per site" in result.stderr
    assert "1/58 blocked" in result.stderr
    assert "2 documents" in result.stderr


def test_cli_rejects_bad_bounds() -> None:
    result = CliRunner().invoke(app, ["scan", "https://jo.example/", "--max-pages", "0"])
    assert result.exit_code == 2


def test_on_a_terminal_progress_runs_and_the_table_shows(
    httpserver: HTTPServer, settings: Settings, engine: DetectionEngine, tmp_path: Path
) -> None:
    _serve(httpserver)
    out, err = io.StringIO(), io.StringIO()
    code = run_scan_web(
        [httpserver.url_for("/")],
        "table",
        False,
        None,
        settings,
        1,
        Console(file=out, width=200),
        Console(file=err, width=200, force_terminal=True),
        ScanOptions(store=False),
        WebOptions(depth=0, cache_dir=tmp_path / "cache"),
        engine=engine,
    )
    assert code == 0
    assert "AI-training exposure per site" in err.getvalue()
    assert "MEDICAL_CONDITION" in out.getvalue()


def test_check_common_crawl_fills_the_sources(
    httpserver: HTTPServer, settings: Settings, engine: DetectionEngine, tmp_path: Path
) -> None:
    _serve(httpserver)
    api = httpserver.url_for("/cc")
    httpserver.expect_request("/cc/collinfo.json").respond_with_json(
        [{"id": "CC-MAIN-2026-44", "cdx-api": f"{api}/x"}]
    )
    httpserver.expect_request("/cc/x").respond_with_data(
        '{"timestamp": "20261020"}\n', content_type="text/plain"
    )
    local = dataclasses.replace(settings, common_crawl_index_url=api)
    code, report, err = _run(
        [httpserver.url_for("/")], local, engine, WebOptions(depth=0, check_common_crawl=True), tmp_path
    )
    assert code == 0
    (source,) = report["sources"]
    assert (source["common_crawl_captures"], source["last_captured"]) == (1, "CC-MAIN-2026-44")
    assert "asking Common Crawl's index" in err
