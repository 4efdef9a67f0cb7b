"""What each setting may hold, checked once where settings are read, so a bad value is one line naming it.

A wrong type or value in exposure.toml, an EXPOSURE_* variable or a flag is a ConfigError saying which
key, what it must be and what it was (`db = 5` is not a path; `request_timeout = 0` would fail every
request as a connection error), instead of a traceback or a silent surprise later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Rule:
    """One setting's type and bounds."""

    kind: type
    """str, int, float or bool (an int is accepted where a float is wanted)."""
    minimum: float | None = None
    exclusive: bool = False
    """The minimum itself is not allowed (a timeout of 0)."""
    url: bool = False
    """An http(s) URL."""
    optional: bool = False
    """May be absent (None): the default picks."""


_POSITIVE = Rule(float, 0, exclusive=True)
_URL = Rule(str, url=True)
SCHEMA: Mapping[str, Rule] = {
    "spacy_model": Rule(str, optional=True),
    "workers": Rule(int, 1, optional=True),
    "db": Rule(str, optional=True),
    "user_agent": Rule(str),
    "bluesky_appview_url": _URL,
    "reddit_url": _URL,
    "github_api_url": _URL,
    "hackernews_api_url": _URL,
    "common_crawl_index_url": _URL,
    "infini_gram_api_url": _URL,
    "request_timeout": _POSITIVE,
    "request_deadline": _POSITIVE,
    "site_deadline": _POSITIVE,
    "allow_private": Rule(bool),
    "include_mentions": Rule(bool),
    "max_response_bytes": Rule(int, 1),
    "per_host_delay": Rule(float, 0),
    "max_items": Rule(int, 1),
}
"""Every setting but `me` (checked by checked_me); tests/test_config.py keeps it complete."""

_TYPE_WORDS = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def type_name(value: object) -> str:
    """How a TOML value reads in a message: 'a string', 'an integer', 'a table'."""
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a float", list: "an array",
             dict: "a table"}
    return names.get(type(value), type(value).__name__)


def from_text(name: str, text: str) -> Any:
    """An environment variable's text as the setting's type (so it can be checked like the rest)."""
    rule = SCHEMA[name]
    stripped = text.strip()
    if rule.kind is bool:
        lowered = stripped.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else text
    if rule.kind in (int, float):
        try:
            return int(stripped) if rule.kind is int else float(stripped)
        except ValueError:
            return text
    return text


def checked(name: str, value: Any, where: str) -> Any:
    """`value` as setting `name` holds it, or a ConfigError naming `where` (a file key, a variable)."""
    rule = SCHEMA[name]
    wanted = _TYPE_WORDS[rule.kind]
    numeric = rule.kind in (int, float)
    fits = (isinstance(value, rule.kind) and not (numeric and isinstance(value, bool))) or (
        rule.kind is float and isinstance(value, int) and not isinstance(value, bool))
    if not fits and numeric and isinstance(value, str):
        raise ConfigError(f"{where}: {value[:40]!r} is not a number ({wanted} is wanted)")
    if not fits:
        raise ConfigError(f"{where} must be {wanted}, not {_shown(value)}")
    if numeric:
        value = float(value) if rule.kind is float else value
        if rule.minimum is not None and (value < rule.minimum or (rule.exclusive and value == rule.minimum)):
            bound = "more than" if rule.exclusive else "at least"
            raise ConfigError(f"{where} must be {bound} {rule.minimum:g}, not {value:g}")
    if rule.kind is str:
        if not value.strip():
            raise ConfigError(f"{where} must not be empty")
        if rule.url and not value.startswith(("http://", "https://")):
            raise ConfigError(f"{where} must be an http:// or https:// URL, not {value[:80]!r}")
    return value


def checked_me(value: Any, path: Path) -> dict[str, Any]:
    """The [me] table as a dict (its entries are checked by SelfProfile, which knows their forms)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: key me must be a table ([me] with names, emails, ...), "
                          f"not {type_name(value)}")  # not its value: it may be personal data
    return dict(value)


def _shown(value: object) -> str:
    """The kind of a wrong value, with the value itself only when it is a short scalar (never a table)."""
    if isinstance(value, bool | int | float):
        return f"{type_name(value)} ({value})"
    if isinstance(value, str):
        return f"{type_name(value)} ({value[:40]!r})"
    return type_name(value)
