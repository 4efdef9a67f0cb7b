"""Golden plans: each sample export, and the sample site, scanned for real and planned as Markdown.

The persona's settings (samples/exposure.toml: a US resident) choose the letters; the day is fixed so
deadlines do not move. Set UPDATE_GOLDEN=1 to rewrite tests/actions/golden/ after a deliberate change,
then read the diff.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from rich.console import Console

from detectors.engine import DetectionEngine
from scanner.commands.act import run_act
from scanner.commands.archive import run_archive
from scanner.commands.output import ScanOptions
from scanner.commands.scan import WebOptions, run_scan_web
from scanner.config import Settings, load_settings
from tests.crawl.test_sample_site import serve_site

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GOLDEN = Path(__file__).parent / "golden"
EXPORTS = sorted(path.name for path in SAMPLES.iterdir() if path.name.endswith((".zip", ".car", ".tar.gz")))
TODAY = date(2026, 3, 5)


def persona(db: Path) -> Settings:
    """The persona's settings, with no pause between requests to the local test server."""
    overrides = {"db": str(db), "per_host_delay": 0.0}
    return load_settings(SAMPLES / "exposure.toml", environ={}, overrides=overrides)


def quiet() -> Console:
    return Console(file=io.StringIO(), width=200)


def plan_markdown(settings: Settings) -> str:
    out = io.StringIO()
    assert run_act(settings, "markdown", [], None, Console(file=out, width=200), quiet(), today=TODAY) == 0
    return out.getvalue()


def check_golden(name: str, text: str) -> None:
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("export", EXPORTS)
def test_plan_of_each_sample_export(export: str, engine: DetectionEngine, tmp_path: Path) -> None:
    settings = persona(tmp_path / "exposure.db")
    code = run_archive([SAMPLES / export], "json", False, None, settings, 1, quiet(), quiet(),
                       ScanOptions(store=True), engine=engine)
    assert code == 0
    text = plan_markdown(settings)
    assert "type 1 diabetes" not in text and "Rowan Delacroix-Hale" not in text
    check_golden(export.split(".")[0], text)


def test_plan_of_the_sample_site(httpserver: HTTPServer, engine: DetectionEngine, tmp_path: Path) -> None:
    serve_site(httpserver)
    root = httpserver.url_for("/").rstrip("/")
    settings = persona(tmp_path / "exposure.db")
    web = WebOptions(cache_dir=tmp_path / "cache")
    code = run_scan_web([root + "/"], "json", False, None, settings, 1, quiet(), quiet(),
                        ScanOptions(store=True), web, engine=engine)
    assert code == 3, "robots.txt keeps the crawl out of /drafts/: one link skipped"
    # the server's port changes from run to run, and with it the locators and the ids hashed from them
    text = re.sub(r"`[0-9a-f]{8}`", "`ID`", plan_markdown(settings).replace(root, "http://site"))
    for present in ("User-agent: ClaudeBot", "tdmrep.json", "ai.txt"):
        assert present in text
    assert "noai meta tag" not in text, "the site already says noimageai"
    assert "\nUser-agent: GPTBot" not in text, "the site already refuses GPTBot"
    check_golden("sample-site", text)
