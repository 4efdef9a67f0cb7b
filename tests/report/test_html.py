"""`exposure report --html`: one private, offline, self-contained page that sorts and filters in a browser."""

from __future__ import annotations

import json
import re
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scanner.cli import app
from scanner.models import Finding, SourceSignals, Visibility
from scanner.report.html import bar_chart, render_html
from scanner.selfprofile import SelfProfile
from scanner.store import Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"r" * 32
POLICY = SourceSignals(
    key="mastodon",
    platform="mastodon",
    platform_trains_by_default=True,
    robots_checked=True,
    training_crawlers_allowed=("GPTBot",),
    opt_out_url="https://mastodon.example/settings/ai",
)
PLANTED = ("type 1 diabetes", "rowan.hale@example.org", "Jonas Berg", "</script><script>alert(1)</script>")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def planted_findings() -> list[Finding]:
    return [
        make_finding("MEDICAL_CONDITION", PLANTED[0], first_person=True, document="m/1"),
        make_finding("EMAIL_ADDRESS", PLANTED[1], document="m/2"),
        make_finding("PERSON", PLANTED[2], document="dm/1", visibility=Visibility.DIRECT, source="twitter"),
        make_finding("PERSON", PLANTED[3], document="m/3"),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "exposure.db"
    me = SelfProfile.from_mapping({"emails": [PLANTED[1]]})
    with Store(path) as store:
        store.save_scan(
            "scan-files", "samples", score_findings(planted_findings(), [POLICY], me, KEY, now=NOW), [POLICY],
            store_values=True,
        )
    return path


def write_report(db: Path, target: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["report", "--html", str(target), "--db", str(db), *extra])
    assert result.exit_code == 0, result.stderr
    assert f"wrote {target}" in result.stderr
    return target.read_text(encoding="utf-8")


def test_report_is_private_offline_and_redacted(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    page = write_report(db, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "the page must load nothing"
    for value in PLANTED:
        assert value not in page
    assert "GPTBot" in page and "https://mastodon.example/settings/ai" in page
    data = json.loads(page.split('id="findings-data">', 1)[1].split("</script>", 1)[0])
    assert len(data) == 4 and all("value" not in record for record in data)
    assert [record["risk"] for record in data] == sorted((record["risk"] for record in data), reverse=True)


def test_show_values_is_explicit(db: Path, tmp_path: Path) -> None:
    page = write_report(db, tmp_path / "report.html", "--show-values")
    assert "Full values are shown" in page
    assert "</script><script>alert(1)" not in page, "embedded data must not close its script element"


def test_charts_escape_labels() -> None:
    svg = bar_chart("by source", {"<b>x</b>": 40.0, "y": 20.0})
    assert "<b>x</b>" not in svg and "&lt;b&gt;x&lt;/b&gt;" in svg
    page = render_html({"score": 0, "grade": "A"}, [], [], {}, show_values=False)
    assert "nothing yet" in page and "{{" not in page


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_report_in_headless_chromium(db: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    target = tmp_path / "report.html"
    write_report(db, target)
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        page = browser.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(target.as_uri())
        rows = page.locator("#findings tbody tr")
        assert rows.count() == 4
        first_risks = [
            float(text) for text in page.locator("#findings tbody tr td:first-child").all_inner_texts()
        ]
        assert first_risks == sorted(first_risks, reverse=True)
        page.click("#findings th[data-key=risk]")
        ascending = [
            float(text) for text in page.locator("#findings tbody tr td:first-child").all_inner_texts()
        ]
        assert ascending == sorted(ascending)
        page.click("#findings th[data-key=entity]")
        entities = page.locator("#findings tbody tr td:nth-child(3)").all_inner_texts()
        assert entities == sorted(entities)
        page.select_option("#filter-category", "health")
        assert rows.count() == 1 and page.inner_text("#shown") == "1"
        page.select_option("#filter-category", "")
        page.fill("#filter-text", "twitter")
        assert rows.count() == 1
        browser.close()
    assert errors == []
    assert requests == [target.as_uri()]


@pytest.fixture
def plan_db(tmp_path: Path) -> Path:
    """Findings with permalinks (one of them hostile), for the plan part of the report."""
    path = tmp_path / "plan.db"
    findings = [
        make_finding("MEDICAL_CONDITION", PLANTED[0], first_person=True, source="reddit", document="r/1",
                     url="https://www.reddit.com/r/diabetes_t1/comments/1a2b3c/x/"),
        make_finding("MEDICATION", "insulin pump", first_person=True, source="twitter", document="t/1",
                     url="javascript:alert(1)"),
    ]
    with Store(path) as store:
        store.save_scan("archive", "samples", score_findings(findings, [], SelfProfile(), KEY, now=NOW))
    return path


def test_report_embeds_the_plan_without_static_links(plan_db: Path, tmp_path: Path) -> None:
    page = write_report(plan_db, tmp_path / "report.html")
    plan = json.loads(page.split('id="plan-data">', 1)[1].split("</script>", 1)[0])
    assert [section["key"] for section in plan["sections"]] == ["reddit", "twitter"]
    assert plan["sections"][0]["letters"][0]["letter"] == "reddit-gdpr"
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert PLANTED[0] not in page


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_plan_links_and_checkboxes_in_headless_chromium(plan_db: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    target = tmp_path / "report.html"
    write_report(plan_db, target)
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        context = browser.new_context()
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        context.on("request", lambda request: requests.append(request.url))
        page.goto(target.as_uri())
        reddit = page.locator('#plan section[data-section="reddit"]')
        link = reddit.locator("a", has_text="https://www.reddit.com/r/diabetes_t1/")
        assert link.get_attribute("href") == "https://www.reddit.com/r/diabetes_t1/comments/1a2b3c/x/"
        assert link.get_attribute("rel") == "noopener noreferrer"
        hostile = page.locator('#plan section[data-section="twitter"] li').first
        assert hostile.locator("a").count() == 0, "a javascript: permalink is shown as text, not a link"
        assert "javascript:alert(1)" in hostile.inner_text()
        boxes = page.locator("#plan input[type=checkbox]")
        assert boxes.count() >= 4
        first = boxes.first
        assert not first.is_checked()
        first.check()
        page.reload()
        assert page.locator("#plan input[type=checkbox]").first.is_checked(), "the tick is remembered"
        page.locator("#plan input[type=checkbox]").first.uncheck()
        browser.close()
    assert errors == []
    assert set(requests) == {target.as_uri()}, "ticking and reloading wrote nothing to the network"
