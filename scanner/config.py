"""Settings, in one place: command-line flag > environment variable (EXPOSURE_*) > exposure.toml > default.

Every platform base URL is a setting so tests and self-hosted users can point the crawler elsewhere.
The config file's `[me]` table is the self profile the scorer uses to tell findings about the person.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import platformdirs

from scanner.errors import ConfigError

APP_NAME = "exposure"


@dataclass(frozen=True, slots=True)
class Settings:
    spacy_model: str | None = None
    """spaCy pipeline name; None picks the best English pipeline installed."""
    workers: int | None = None
    """Detection processes; None means one per core."""
    db: str | None = None
    """Findings database path; None means the user data directory."""
    user_agent: str = ("exposure-scanner/0.1 (+https://github.com/exposure-scanner/exposure; "
                       "personal data self-audit)")
    bluesky_appview_url: str = "https://public.api.bsky.app"
    reddit_url: str = "https://www.reddit.com"
    github_api_url: str = "https://api.github.com"
    hackernews_api_url: str = "https://hacker-news.firebaseio.com"
    common_crawl_index_url: str = "https://index.commoncrawl.org"
    infini_gram_api_url: str = "https://api.infini-gram.io"
    request_timeout: float = 20.0
    max_response_bytes: int = 5_000_000
    per_host_delay: float = 1.0
    """Seconds between requests to one host."""
    max_items: int = 500
    """Upper bound of posts/items an adapter fetches per profile."""
    include_mentions: bool = False
    """List sensitive terms no one is said to have (topic mentions) at low risk, instead of counting them."""
    me: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """The self profile: names, emails, phones, handles, city, birth_date."""


_SETTING_NAMES = {f.name for f in fields(Settings)} - {"me"}


def default_data_dir() -> Path:
    return Path(os.environ.get("EXPOSURE_HOME") or platformdirs.user_data_dir(APP_NAME))


def default_config_path() -> Path | None:
    """./exposure.toml if present, else the user config directory's, else none."""
    explicit = os.environ.get("EXPOSURE_CONFIG")
    if explicit:
        return Path(explicit)
    for candidate in (Path("exposure.toml"), Path(platformdirs.user_config_dir(APP_NAME)) / "exposure.toml"):
        if candidate.is_file():
            return candidate
    return None


def _coerce(name: str, raw: Any) -> Any:
    target = next(f for f in fields(Settings) if f.name == name)
    default = target.default
    try:
        if isinstance(default, bool):
            return str(raw).lower() in {"1", "true", "yes", "on"}
        if isinstance(default, int) or name == "workers":
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError as error:
        raise ConfigError(f"setting {name}: {raw!r} is not a number") from error
    return str(raw)


def load_settings(
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Settings from the config file, then the environment, then explicit overrides (CLI flags)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    me: dict[str, Any] = {}
    path = config_path or default_config_path()
    if path is not None:
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise ConfigError(f"config file not found: {path}") from error
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"config file {path} is not valid TOML: {error}") from error
        me = dict(document.pop("me", {}) or {})
        for name, raw in document.get("exposure", document).items():
            if name in _SETTING_NAMES:
                values[name] = _coerce(name, raw)
    for name in _SETTING_NAMES:
        env_name = f"EXPOSURE_{name.upper()}"
        if env_name in environ:
            values[name] = _coerce(name, environ[env_name])
    for name, raw in (overrides or {}).items():
        if raw is not None and name in _SETTING_NAMES:
            values[name] = raw
    return dataclasses.replace(Settings(), **values, me=MappingProxyType(me))
