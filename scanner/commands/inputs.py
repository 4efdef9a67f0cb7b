"""Checks of what a person typed that need no model: missing inputs, unknown filter values, scan ids.

Each runs before the detection stack is imported, so a typo costs milliseconds and one line (exit 2),
not seconds of model loading followed by a result that looks clean. What a check needs (the web client's
URL rules, the taxonomy) is imported by the check: every command imports this module, and `detect`
needs neither.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.errors import FetchError, UsageError

if TYPE_CHECKING:
    from scanner.store import FindingFilter, ScanRecord, Store


def existing_inputs(paths: Sequence[Path]) -> None:
    """Every path given exists (a split archive's first part stands for its siblings)."""
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")


def matching(option: str, given: Iterable[str], valid: Iterable[str]) -> tuple[str, ...]:
    """The stored spelling of each value given, matched case-insensitively; an unknown one is a UsageError."""
    by_lower = {value.lower(): value for value in valid}
    chosen = []
    for value in given:
        if value.lower() not in by_lower:
            names = ", ".join(sorted(by_lower.values())) or "none stored yet"
            raise UsageError(f"{option} {value}: no such value; valid: {names}")
        chosen.append(by_lower[value.lower()])
    return tuple(chosen)


def stored_scan(store: Store, scan: str) -> ScanRecord | None:
    """--scan ID or 'latest' as a stored scan (None: 'latest' with nothing stored); an unknown id is a
    UsageError."""
    scans = store.scans()
    if scan == "latest":
        return scans[-1] if scans else None
    for record in scans:
        if str(record.id) == scan:
            return record
    ids = ", ".join(str(record.id) for record in scans) or "none stored yet"
    raise UsageError(f"--scan {scan}: no such scan; stored scans: {ids} (see exposure scans)")


def checked_filter(store: Store, selection: FindingFilter) -> FindingFilter:
    """The selection with --category and --source in their stored spelling; an unknown one is a UsageError
    naming the valid ones (a filter that matches nothing by mistake would look like a clean result)."""
    from detectors.taxonomy import Category

    categories = matching("--category", selection.categories, (category.value for category in Category))
    sources = matching("--source", selection.sources, store.distinct("source")) if selection.sources else ()
    return dataclasses.replace(selection, categories=categories, sources=sources)


def web_addresses(urls: Sequence[str]) -> None:
    """Every URL given is an absolute http(s) URL with a host: `exposure scan notaurl` is a typo to report
    at once, not a crawl that reads nothing."""
    from scanner.crawl.fetch import check_url

    for url in urls:
        try:
            check_url(url)
        except FetchError as error:
            raise UsageError(str(error)) from error


def readable_file(path: Path) -> None:
    """The file can be opened (detect reads one file or standard input)."""
    try:
        path.open("rb").close()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from error
