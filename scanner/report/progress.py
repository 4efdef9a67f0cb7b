"""Progress lines on a terminal for the long scans (archive, crawl, batch); nothing when stderr is piped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from scanner.models import Document, Finding

if TYPE_CHECKING:  # the batch stack (Dask, the engine) stays unloaded for the other commands
    from scanner.batch.run import BatchProgress

OnDocument = Callable[[Document, list[Finding]], None]


@contextmanager
def archive_progress(err: Console, reading: Callable[[], str],
                     read_bytes: Callable[[], int]) -> Iterator[OnDocument | None]:
    """A callback advancing a bar per document, naming what is read and how many MB so far."""
    if not err.is_terminal:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
                  BarColumn(bar_width=None), TextColumn("{task.completed:,} documents · {task.fields[read]}"),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("reading", total=None, read="0 MB")

        def advance(document: Document, found: list[Finding]) -> None:
            progress.update(task, advance=1, description=reading(), read=f"{read_bytes() / 1e6:,.0f} MB")

        yield advance


class CrawlProgress:
    """A transient line counting crawled documents, and the stage after the crawl."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._task = progress.add_task("crawling", total=None) if progress is not None else None

    def document(self, document: Document) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=document.id[:70])

    def stage(self, description: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=description)


@contextmanager
def crawl_progress(err: Console) -> Iterator[CrawlProgress]:
    """A CrawlProgress that shows on a terminal and does nothing when stderr is piped."""
    if not err.is_terminal:
        yield CrawlProgress(None)
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                  TextColumn("{task.completed:,} documents"), TimeElapsedColumn(), console=err,
                  transient=True) as progress:
        yield CrawlProgress(progress)


@contextmanager
def batch_progress(err: Console) -> Iterator[Callable[[BatchProgress], None] | None]:
    """A callback moving a bar over the batch's bytes, counting subjects done and MB read."""
    if not err.is_terminal:
        yield None
        return
    with Progress(TextColumn("subjects {task.fields[subjects]}"), BarColumn(bar_width=None),
                  TextColumn("{task.fields[read]}"), TimeElapsedColumn(), console=err,
                  transient=True) as progress:
        task = progress.add_task("batch", total=None, subjects="0", read="")

        def advance(state: BatchProgress) -> None:
            progress.update(task, total=state.bytes_total, completed=state.bytes_done,
                            subjects=f"{state.subjects_done:,}/{state.subjects_total:,}",
                            read=f"{state.bytes_done / 1e6:,.0f}/{state.bytes_total / 1e6:,.0f} MB")

        yield advance
