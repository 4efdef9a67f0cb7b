"""A fast, local-only crawl setup: no politeness delay, short timeouts, a cache in tmp_path."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.config import Settings
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.fetch import Fetcher


@pytest.fixture
def settings() -> Settings:
    return dataclasses.replace(
        Settings(), per_host_delay=0.0, request_timeout=2.0, max_response_bytes=200_000
    )


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def cache(tmp_path: Path) -> ConditionalCache:
    return ConditionalCache(tmp_path / "http-cache")


@pytest.fixture
def fetcher(settings: Settings, cache: ConditionalCache) -> Iterator[Fetcher]:
    with Fetcher(settings, cache, backoff=0.01, max_retry_wait=1.0) as client:
        yield client
