"""Units on a dask.distributed cluster: a LocalCluster on this machine, or an existing scheduler.

Each worker process builds its detection engine and reads the hash key once, through a worker plugin,
before any task (workers that join later run it too). The plugin carries the key's *path*, never the
key: on one machine that is the data directory's `hmac.key` (0600); on several, shared storage or
EXPOSURE_KEY_FILE in each worker's environment. A task carries a pack of work units (paths, and a member
range for a split export) and gives back each subject scored, its findings sealed (scanner.batch.sealed):
no document text crosses the network. A split subject's ranges are tasks of their own and a further
task, on a worker too, scores them as one subject.

A worker killed mid-task loses nothing: the scheduler runs the task again elsewhere and the client
receives one result per pack; the sink replaces a subject's rows, so nothing is doubled either.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dask.config
from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed

from scanner.batch.packs import Pack
from scanner.batch.subject import SubjectResult
from scanner.batch.worker import scan_assigned, scan_part, score_parts, set_up
from scanner.errors import ConfigError
from scanner.models import Skipped

TASK_RETRIES = 2
"""Retries of a task that raised (a worker that died is rescheduled by the scheduler on its own)."""
CONNECT_SECONDS = 30
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "200ms",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "500ms",
}
"""Dask's monitoring, scaled down for a batch on this machine with no dashboard to feed.

A local worker's statistical profiler samples its task's stack every 10 ms: about a tenth of a worker's
CPU on detection (measured: 7.3-7.7 s with it, 6.1-6.4 s without, for the same 200 subjects on 2
workers). Every server (the scheduler, each nanny, each worker) also times its event loop every 20 ms and
samples the host's CPU and memory every 500 ms, and each nanny reads its worker's memory every 100 ms:
an idle 2-worker cluster cost 7.8% of a core in this process and 5.4% in its workers, all of it on the
cores detection runs on. With a 200 ms tick, a 5 s system monitor and a 500 ms memory check it costs 2.0%
and 1.3% (10 s idle, one run each); a runaway worker is still stopped within half a second."""
LOCAL_HTTP = "127.0.0.1:0"
"""The scheduler's HTTP routes (health, dashboard when bokeh is installed): loopback, any free port (the
default 8787 collides between users of one machine, and `None` still binds it)."""


class EnginePlugin(WorkerPlugin):
    """Sets up each worker process: its engine and the key read from `key_file` (the path only travels)."""

    name = "exposure-engine"

    def __init__(self, model: str | None, key_file: Path) -> None:
        self.model = model
        self.key_file = str(key_file)

    def setup(self, worker: Any) -> None:
        set_up(self.model, Path(self.key_file))


@contextmanager
def connect(cluster: str, workers: int) -> Iterator[Client]:
    """A client of a new LocalCluster (`local`: `workers` processes of one thread, on 127.0.0.1 only)
    or of the scheduler at `cluster` (tcp://host:8786)."""
    try:
        if cluster == "local":
            with dask.config.set(LOCAL_CONFIG):  # for the whole run: a restarted worker reads it too
                local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                     host="127.0.0.1", dashboard_address=LOCAL_HTTP,
                                     silence_logs=logging.ERROR)
                with local, Client(local) as client:
                    yield client
            return
        client = Client(cluster, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as error:
        raise ConfigError(f"cannot reach the Dask scheduler {cluster}: {error}") from error
    with client:
        yield client


class DaskRunner:
    """Runs packs as Dask tasks and yields each pack's subjects as its task completes."""

    def __init__(self, client: Client, model: str | None, key_file: Path) -> None:
        self.client = client
        self.model = model
        self.key_file = key_file

    def describe(self) -> str:
        workers = len(self.client.scheduler_info().get("workers", {}))
        return f"Dask scheduler {self.client.scheduler_info().get('address')} with {workers} workers"

    def slots(self) -> int:
        """Tasks the cluster runs at once: its workers' threads."""
        return max(1, sum(self.client.nthreads().values()))

    def _submit(self, pack: Pack) -> tuple[Future, list[Future]]:
        """The future of the pack's scored subjects, and the futures it depends on (kept until it is done)."""
        if not pack.split:
            return self.client.submit(scan_assigned, pack.units, key=pack.key, pure=False,
                                      retries=TASK_RETRIES), []
        parts = [self.client.submit(scan_part, unit, key=unit.key, pure=False, retries=TASK_RETRIES)
                 for unit in pack.units]
        return self.client.submit(score_parts, *parts, key=f"{pack.key}-scored", pure=False,
                                  retries=TASK_RETRIES), parts

    def results(self, packs: Iterable[Pack]) -> Iterator[tuple[Pack, list[SubjectResult] | Skipped]]:
        self.client.register_plugin(EnginePlugin(self.model, self.key_file))
        futures: dict[Future, tuple[Pack, list[Future]]] = {}
        for pack in packs:
            future, parts = self._submit(pack)
            futures[future] = (pack, parts)
        for future in as_completed(futures):
            pack, parts = futures.pop(future)
            try:
                yield pack, future.result()
            except Exception as error:  # named by type only: a message may quote what it failed on
                yield pack, Skipped(pack.key, f"batch task failed ({type(error).__name__})")
            finally:
                future.release()
                for part in parts:
                    part.release()
