"""`exposure scan` claims only what it measured: a failed Common Crawl check is a skipped line and exit 3,
a site whose pages could not be read is "not checked" (not "noai: no"), a missing ai.txt is "not found"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from scanner.cli import app

PAGE = "<html><body><p>Write to jo.doe@example.com about the garden club.</p></body></html>"


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EXPOSURE_PER_HOST_DELAY", "0")
    monkeypatch.setenv("EXPOSURE_REQUEST_TIMEOUT", "2")
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "300")


def _scan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["scan", *args, "--no-store", "--workers", "1", "--depth", "0"])
    return result.exit_code, result.stdout, result.stderr


def _signal_row(stderr: str) -> dict[str, str]:
    lines = stderr.splitlines()
    header = lines.index("AI-training exposure per site") + 1
    return dict(zip(lines[header].split("\t"), lines[header + 1].split("\t"), strict=True))


def test_a_failed_common_crawl_check_is_a_skipped_line_and_exit_3(httpserver: HTTPServer, quick: None,
                                                                   closed_port: int,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPOSURE_COMMON_CRAWL_INDEX_URL", f"http://127.0.0.1:{closed_port}")
    for path in ("/robots.txt", "/.well-known/tdmrep.json", "/ai.txt"):
        httpserver.expect_request(path).respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/")
    code, out, err = _scan(url, "--check-common-crawl")
    assert code == 3, err
    assert any(line.startswith(f"skipped {url}: Common Crawl check failed: Common Crawl index not reachable")
               for line in err.splitlines())
    row = _signal_row(err)
    assert (row["Common Crawl"], row["noai"], row["TDM reserved"], row["ai.txt"]) == (
        "not checked", "no", "no", "not found")
    code, out, _ = _scan(url, "--check-common-crawl", "-f", "json")
    assert code == 3 and json.loads(out)["sources"][0]["common_crawl_captures"] is None


def test_a_404_page_is_not_checked_rather_than_no(httpserver: HTTPServer, quick: None) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/.well-known/tdmrep.json").respond_with_data("", status=404)
    httpserver.expect_request("/ai.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    code, out, err = _scan(httpserver.url_for("/gone"))
    assert code == 3
    row = _signal_row(err)
    assert (row["noai"], row["TDM reserved"], row["ai.txt"]) == ("not checked", "not checked", "not found")
    assert "Nothing was scanned" in out


def test_a_refused_connection_checks_nothing(quick: None, closed_port: int) -> None:
    code, _, err = _scan(f"http://127.0.0.1:{closed_port}/")
    assert code == 3
    row = _signal_row(err)
    assert (row["training crawlers"], row["noai"], row["TDM reserved"], row["ai.txt"]) == (
        "not checked", "not checked", "not checked", "not checked")
    assert "noai: no" not in err and "\t?\t" not in err
