"""Small pieces every API adapter needs: URL matching, Link-header paging, timestamps, HTML fields."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import httpx

from scanner.htmltext import html_to_text

_NEXT_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?', re.IGNORECASE)


def url_parts(url: str) -> tuple[str, str, str] | None:
    """(host, path, query) of a URL, lower-cased host; None when it is not a URL."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    if not parsed.host:
        return None
    return parsed.host.lower(), parsed.path, parsed.query.decode("ascii", "replace")


def same_origin(url: str, base: str) -> bool:
    """True when url is under the base URL's scheme, host and port (a configured API stand-in)."""
    try:
        target, root = httpx.URL(url), httpx.URL(base)
    except (httpx.InvalidURL, TypeError, ValueError):
        return False
    return (target.scheme, target.host, target.port) == (root.scheme, root.host, root.port) and \
        target.path.startswith(root.path.rstrip("/"))


def host_is(host: str, *domains: str) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def next_link(link_header: str | None) -> str | None:
    """The rel="next" URL of an RFC 8288 Link header, if any."""
    if not link_header:
        return None
    match = _NEXT_LINK.search(link_header)
    return match.group(1) if match else None


def parse_time(value: object) -> datetime | None:
    """An aware datetime from ISO 8601 text or a Unix timestamp; None when absent or malformed."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def text_of(value: object) -> str:
    """Readable text of an API field that may hold HTML; '' for anything that is not a string."""
    return html_to_text(value) if isinstance(value, str) and value.strip() else ""


def join_text(*parts: str) -> str:
    return "\n".join(part for part in parts if part and part.strip())


def dicts(value: object) -> list[dict[str, Any]]:
    """The objects in a JSON list field, ignoring anything malformed."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def obj(value: object) -> dict[str, Any]:
    """A JSON object field, or an empty one when it is missing or malformed."""
    return value if isinstance(value, dict) else {}


def platform_url(url: str, domains: tuple[str, ...], base_url: str) -> tuple[str, str, str] | None:
    """(host, path, query) when url is on the platform's public domains or on the configured base URL's
    origin (a self-hosted server, or a local stand-in in tests); None otherwise."""
    parts = url_parts(url)
    if parts is None:
        return None
    return parts if host_is(parts[0], *domains) or same_origin(url, base_url) else None
