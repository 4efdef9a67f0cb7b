"""Politeness per host: a minimum gap between requests and a cap on requests in flight.

Each request reserves the next free time slot of its host under a lock and then sleeps outside it,
so threads fetching from different hosts never wait for each other, and threads sharing a host are
spaced `delay` seconds apart. A server's Retry-After pushes the host's next slot back for everyone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class HostLimiter:
    """Spaces requests to one host and bounds how many run at once."""

    def __init__(self, delay: float, per_host: int = 2, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.delay = max(0.0, delay)
        self.per_host = max(1, per_host)
        self._sleep, self._clock = sleep, clock
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def set_host_delay(self, host: str, delay: float) -> None:
        """A longer gap for one host (robots.txt Crawl-delay); never shorter than the default."""
        with self._lock:
            self._host_delay[host] = max(self.delay, delay)

    def back_off(self, host: str, seconds: float) -> None:
        """No request to this host before `seconds` from now (a 429 or 503 with Retry-After)."""
        with self._lock:
            self._next_slot[host] = max(self._next_slot.get(host, 0.0), self._clock() + seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for this host's turn, hold one of its concurrent slots while the request runs."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with semaphore:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_slot.get(host, 0.0))
                self._next_slot[host] = start + self._host_delay.get(host, self.delay)
            if start > now:
                self._sleep(start - now)
            yield
