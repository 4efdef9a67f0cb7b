"""Which SourceSignals apply to a place: its host's (www. ignored), else its platform's."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from scanner.models import SourceSignals


def signals_for(url: str | None, source: str, signals: Mapping[str, SourceSignals]) -> SourceSignals | None:
    """The signals of a document's host (www. ignored), else of its platform (Document.source)."""
    if url:
        host = (urlsplit(url).hostname or "").lower()
        for key in (host, host.removeprefix("www.")):
            if key and key in signals:
                return signals[key]
    return signals.get(source.lower())
