"""Settings precedence: flag > environment > exposure.toml > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.config import Settings, load_settings
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
