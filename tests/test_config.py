"""Settings precedence: flag > environment > exposure.toml > default."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from scanner.config import Settings, load_settings
from scanner.config_schema import SCHEMA
from scanner.errors import ConfigError


def test_defaults_without_file(tmp_path: Path) -> None:
    settings = load_settings(None, environ={})
    assert settings.bluesky_appview_url == Settings().bluesky_appview_url


def test_precedence(tmp_path: Path) -> None:
    path = tmp_path / "exposure.toml"
    path.write_text(
        'reddit_url = "http://file.example"\nworkers = 3\n[me]\nnames = ["Rowan Delacroix-Hale"]\n',
        encoding="utf-8",
    )
    settings = load_settings(path, environ={"EXPOSURE_WORKERS": "5"})
    assert settings.reddit_url == "http://file.example"
    assert settings.workers == 5
    assert settings.me["names"] == ["Rowan Delacroix-Hale"]
    assert load_settings(path, environ={"EXPOSURE_WORKERS": "5"}, overrides={"workers": 1}).workers == 1


def test_bad_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "exposure.toml"
    path.write_text("workers = = 3", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path, environ={})
    with pytest.raises(ConfigError, match="not a number"):
        load_settings(None, environ={"EXPOSURE_WORKERS": "many"})


def test_the_schema_covers_every_setting() -> None:
    assert set(SCHEMA) == {item.name for item in fields(Settings)} - {"me"}


@pytest.mark.parametrize(("environ", "words"), [
    ({"EXPOSURE_REQUEST_DEADLINE": "0"}, "EXPOSURE_REQUEST_DEADLINE must be more than 0, not 0"),
    ({"EXPOSURE_ALLOW_PRIVATE": "maybe"}, "EXPOSURE_ALLOW_PRIVATE must be true or false"),
    ({"EXPOSURE_MAX_ITEMS": "0"}, "EXPOSURE_MAX_ITEMS must be at least 1, not 0"),
])
def test_environment_values_are_checked_too(environ: dict[str, str], words: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(words)):
        load_settings(None, environ=environ)


def test_settings_under_an_exposure_table_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "exposure.toml"
    path.write_text("[exposure]\nrequest_deadline = 5\nallow_private = true\nmystery = 1\n", encoding="utf-8")
    warned: list[str] = []
    settings = load_settings(path, environ={"EXPOSURE_PER_HOST_DELAY": "0"}, warn=warned.append)
    assert (settings.request_deadline, settings.allow_private, settings.per_host_delay) == (5.0, True, 0.0)
    assert warned == [f"warning: {path}: unknown key 'mystery' ignored (known: "
                      + ", ".join(sorted(SCHEMA)) + ", [me])"]
    with pytest.raises(ConfigError, match="--workers must be at least 1, not 0"):
        load_settings(path, environ={}, overrides={"workers": 0}, warn=warned.append)
