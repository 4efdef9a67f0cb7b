"""The HTML report leads to the post (issue 13): where each finding is, its id and `mark` command, the
AI-training table with what the scan measured, advice that agrees with the scan, honest value notes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from scanner.cli import app
from scanner.models import Finding, SourceSignals
from scanner.selfprofile import SelfProfile
from scanner.store import FindingFilter, Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"h" * 32
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TRAINING = ("GPTBot", "ClaudeBot", "Google-Extended", "CCBot")
OWN_SITE = SourceSignals(key="localhost", robots_checked=True, noai=True, tdm_reserved=False,
                         ai_txt_disallows=None, ai_txt_checked=True, training_crawlers_allowed=TRAINING,
                         training_crawlers_blocked=("Bytespider",))
ARCHIVE_SOURCES = ("google", "youtube", "gmail", "reddit")


def _findings(post_url: str) -> list[Finding]:
    site = [make_finding("EMAIL_ADDRESS", f"rowan{number}@example.org", source="web", url=post_url,
                         document=f"{post_url}#{number}") for number in range(12)]
    archived = [make_finding("PERSON", f"Jonas Berg {source}", source=source, document=f"{source}/1")
                for source in ARCHIVE_SOURCES]
    return [*site, *archived]


def _database(path: Path, post_url: str, store_values: bool) -> Path:
    from scanner.policies import platform_signals

    signals = [OWN_SITE, *platform_signals(ARCHIVE_SOURCES)]
    with Store(path) as store:
        scored = score_findings(_findings(post_url), signals, SelfProfile.from_mapping({}), KEY, now=NOW)
        store.save_scan("archive", "takeout.zip", scored, signals, documents=16, store_values=store_values)
    return path


@pytest.fixture
def post_url(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/post/1").respond_with_data(
        "<html><head><title>Rowan's post</title></head><body>the post</body></html>",
        content_type="text/html")
    return httpserver.url_for("/post/1")


def _report(db: Path, target: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["report", "--html", str(target), "--db", str(db), *extra])
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


def _signal_rows(page: str) -> dict[str, list[str]]:
    table = page.split('<table class="signals">', 1)[1].split("</table>", 1)[0]
    header = [cell.split("</th>")[0] for cell in table.split("<th>")[1:]]
    rows = {}
    for row in table.split("<tbody>", 1)[1].split("<tr>")[1:]:
        cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
        rows[cells[0]] = cells
    rows["header"] = header
    return rows


def test_ai_training_table_shows_what_was_measured(tmp_path: Path, post_url: str) -> None:
    page = _report(_database(tmp_path / "x.db", post_url, False), tmp_path / "r.html")
    rows = _signal_rows(page)
    assert rows["header"][3:6] == ["noai tag", "TDM reserved", "ai.txt"]
    assert rows["localhost"][3:6] == ["yes", "no", "not found"]
    assert {"google", "youtube", "gmail", "reddit"} <= set(rows)
    assert rows["reddit"][-1].startswith("No opt-out")
    assert rows["google"][1:3] == ["not checked", "not checked"], "no 'refused: none' beside 'not checked'"
    assert rows["google"][3] == "not checked"


def test_advice_agrees_with_the_scan_and_is_given_once(tmp_path: Path, post_url: str) -> None:
    page = _report(_database(tmp_path / "x.db", post_url, False), tmp_path / "r.html")
    top = page.split('<ol class="top">', 1)[1].split("</ol>\n", 1)[0]
    assert "noai, noimageai" not in top, "the site already carries noai"
    assert top.count("refuse the 4 AI training crawler(s)") == 1
    assert all(f"User-agent: {agent}" in top for agent in TRAINING) and "User-agent: Bytespider" not in top
    assert "The steps for all of web above apply here too" in top


def test_show_values_says_full_only_when_values_were_stored(tmp_path: Path, post_url: str) -> None:
    masked = _report(_database(tmp_path / "m.db", post_url, False), tmp_path / "m.html", "--show-values")
    assert "Full values are shown" not in masked and "none were stored" in masked
    full = _report(_database(tmp_path / "f.db", post_url, True), tmp_path / "f.html", "--show-values")
    assert "Full values are shown" in full


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_a_finding_leads_to_its_post_and_its_mark_command(tmp_path: Path, post_url: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    db = _database(tmp_path / "x.db", post_url, False)
    target = tmp_path / "r.html"
    _report(db, target)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(target.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, "the table must fit 1366 px"
        row = page.locator("#findings tbody tr").first
        with context.expect_page() as opened:
            row.locator("td.where a").click()
        post = opened.value
        post.wait_for_load_state()
        assert post.url == post_url and post.title() == "Rowan's post"
        row.locator("td.id button").click()
        page.wait_for_function(
            "document.querySelector('#findings tbody td.id button').textContent === 'copied'")
        command = page.evaluate("navigator.clipboard.readText()")
        browser.close()
    assert command.startswith("exposure mark ") and command.endswith(" confirmed")
    result = CliRunner().invoke(app, [*command.split()[1:], "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        assert store.count(FindingFilter(statuses=("confirmed",))) == 1


def test_the_mark_command_in_the_page_runs(tmp_path: Path, post_url: str) -> None:
    """Without a browser: the id the page embeds is one `exposure mark` accepts."""
    db = _database(tmp_path / "x.db", post_url, False)
    page = _report(db, tmp_path / "r.html")
    data = json.loads(page.split('id="findings-data">', 1)[1].split("</script>", 1)[0])
    assert data[0]["url"] == post_url
    result = CliRunner().invoke(app, ["mark", data[0]["fingerprint"][:8], "fixed", "--db", str(db)])
    assert result.exit_code == 0 and "open -> fixed" in result.stderr
