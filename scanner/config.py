"""Settings, in one place: command-line flag > environment variable (EXPOSURE_*) > exposure.toml > default.

Every platform base URL is a setting so tests and self-hosted users can point the crawler elsewhere.
The config file's `[me]` table is the self profile the scorer uses to tell findings about the person.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import platformdirs

from scanner.config_schema import checked, checked_me, from_text, type_name
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
    """Seconds one connect, read or write may wait."""
    request_deadline: float = 60.0
    """Seconds one request may take in all, connect to last byte (headers included)."""
    site_deadline: float = 900.0
    """Seconds one site (a URL given to `scan`, with its pages, feeds and API calls) may take in all."""
    allow_private: bool = False
    """Let the crawler connect to private and loopback addresses even when no URL given is on one."""
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


def load_settings(
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Settings:
    """Settings from the config file, then the environment, then explicit overrides (CLI flags).

    Every value is checked against the schema (scanner.config_schema): a wrong type or value is a
    ConfigError naming the key; an unknown key in the file is a warning (`warn`, default stderr).
    """
    environ = os.environ if environ is None else environ
    warn = warn or _warn_on_stderr
    values: dict[str, Any] = {}
    me: dict[str, Any] = {}
    path = config_path or default_config_path()
    if path is not None:
        document = _read_toml(path)
        me = checked_me(document.pop("me", {}), path)
        table = document.pop("exposure", None)
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: key exposure must be a table ([exposure]), not {type_name(table)}")
        for name, raw in {**document, **(table or {})}.items():
            if name in _SETTING_NAMES:
                values[name] = checked(name, raw, f"{path}: key {name}")
            else:
                known = ", ".join(sorted(_SETTING_NAMES))
                warn(f"warning: {path}: unknown key {name!r} ignored (known: {known}, [me])")
    for name in _SETTING_NAMES:
        env_name = f"EXPOSURE_{name.upper()}"
        if environ.get(env_name):
            values[name] = checked(name, from_text(name, environ[env_name]), env_name)
    for name, raw in (overrides or {}).items():
        if raw is not None and name in _SETTING_NAMES:
            values[name] = checked(name, raw, f"--{name.replace('_', '-')}")
    return dataclasses.replace(Settings(), **values, me=MappingProxyType(me))


def _warn_on_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"config file not found: {path}") from error
    except IsADirectoryError as error:
        raise ConfigError(f"config file {path} is a directory, not a file") from error
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror or error}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from error
