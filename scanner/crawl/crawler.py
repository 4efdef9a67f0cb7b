"""Crawling several URLs at once: one thread per site, items streamed to the scan as they arrive.

Each URL goes to the adapter that understands it (`platforms.adapter_for`) and has
`Settings.site_deadline` to finish in; sites run in parallel up to
`sites_at_once` (the fetcher keeps each host polite on its own), and their documents meet in one
bounded queue so detection starts with the first page and memory stays flat. A failure the adapter
did not catch becomes a Skipped for its URL; a bug (any other exception) is raised in the caller.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

from scanner.crawl.fetch import Fetcher, skipped
from scanner.crawl.platforms import CrawlRequest, adapter_for
from scanner.crawl.transport import deadline
from scanner.errors import ExposureError
from scanner.models import Document, Skipped

QUEUE_ITEMS = 256
_DONE = object()


def site_items(request: CrawlRequest, fetcher: Fetcher) -> Generator[Document | Skipped, None, None]:
    """One URL's documents through its adapter, within the site's deadline.

    An escaped ExposureError ends it as a Skipped; so does the deadline (one line, not one per page
    left in the queue).
    """
    adapter = adapter_for(request.url, request.settings)
    seconds = request.settings.site_deadline
    with deadline(seconds) as until:
        try:
            for item in adapter.documents(request, fetcher):
                yield item
                if time.monotonic() >= until:
                    yield Skipped(request.url, f"stopped: the site's deadline passed (site_deadline "
                                               f"{seconds:g} s); the rest of it was not crawled")
                    return
        except ExposureError as error:
            yield skipped(request.url, error)


def crawl(requests: Sequence[CrawlRequest], fetcher: Fetcher,
          sites_at_once: int = 4) -> Iterator[Document | Skipped]:
    """Every document of every request; sites crawled in parallel, order within a site kept."""
    if sites_at_once <= 1 or len(requests) <= 1:
        for request in requests:
            yield from site_items(request, fetcher)
        return
    items: queue.Queue[object] = queue.Queue(maxsize=QUEUE_ITEMS)
    stop = threading.Event()

    def offer(item: object) -> bool:
        """Queue an item unless the consumer has gone; False when it has."""
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce(request: CrawlRequest) -> None:
        try:
            with closing(site_items(request, fetcher)) as site:
                for item in site:
                    if not offer(item):
                        return
        except BaseException as error:  # a bug: hand it to the consumer, which re-raises it
            offer(error)
        finally:
            offer(_DONE)

    with ThreadPoolExecutor(max_workers=min(sites_at_once, len(requests)), thread_name_prefix="site") as pool:
        for request in requests:
            pool.submit(produce, request)
        finished = 0
        try:
            while finished < len(requests):
                item = items.get()
                if item is _DONE:
                    finished += 1
                elif isinstance(item, BaseException):
                    raise item
                else:
                    assert isinstance(item, Document | Skipped)
                    yield item
        finally:
            stop.set()
