"""A real Dask scheduler and two worker processes over TCP on 127.0.0.1 (scanner/batch/cluster.py).

One worker is killed (SIGKILL) while it runs a member range of the slow export (cut in three, its
ranges scored together by a task on a worker); the range runs again on the other and every subject
still equals its sequential `archive` run. The hash key is looked for in everything the scheduler holds
(task specs, the worker plugin) and in every process's log: it must not be there.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cloudpickle
import psutil
import pytest
from distributed import Client
from typer.testing import CliRunner

from detectors.engine import DetectionEngine
from scanner.batch.cluster import DaskRunner
from scanner.batch.run import BatchOptions, BatchProgress, run_batch
from scanner.batch.sources import subjects_from
from scanner.batch.units import plan_units
from scanner.cli import app
from scanner.config import default_data_dir
from scanner.identity import KEY_FILE, load_or_create_key
from tests.batch.batch_runs import (
    SUBJECT_SAMPLES,
    archive_findings,
    assert_same,
    batch_findings,
    sample_folder,
)
from tests.batch.test_units import notes_zip

DASK = Path(sys.executable).with_name("dask")
START_SECONDS = 60
SLOW = "slow"
"""A subject big enough (a few seconds of detection) that the kill lands while a worker runs it."""

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # so the scheduler can run scheduler_state


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen[bytes]
    workers: dict[str, subprocess.Popen[bytes]]
    logs: Path


def _wait_for(path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not path.exists():
        if time.monotonic() > deadline or any(process.poll() is not None for process in processes):
            raise RuntimeError(f"Dask did not start; see {path.parent}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """`dask scheduler` and two `dask worker --nthreads 1 --no-nanny` processes, all killed at the end."""
    logs = tmp_path_factory.mktemp("dask")
    scheduler_file = logs / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str, *arguments: str) -> subprocess.Popen[bytes]:
        with (logs / f"{name}.log").open("wb") as log:
            started.append(subprocess.Popen([str(DASK), *arguments], stdout=log, stderr=subprocess.STDOUT))
        return started[-1]

    try:
        quiet = ("--no-dashboard", "--dashboard-address", "127.0.0.1:0")  # its HTTP routes still listen
        scheduler = start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", *quiet,
                          "--scheduler-file", str(scheduler_file))
        _wait_for(scheduler_file, started)
        workers = {name: start(name, "worker", "--scheduler-file", str(scheduler_file), "--nthreads", "1",
                               *quiet, "--no-nanny", "--host", "127.0.0.1", "--name", name,
                               "--local-directory", str(logs / name))
                   for name in ("w0", "w1")}
        address = json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
        with Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(2, timeout=START_SECONDS)
        yield Cluster(address, scheduler, workers, logs)
    finally:
        for process in reversed(started):
            process.kill()
            process.wait(timeout=30)


def scheduler_state(dask_scheduler: Any) -> bytes:
    """Everything the scheduler holds of the batch: each task's spec and each worker plugin, pickled."""
    blobs = [pickle.dumps(task.run_spec) for task in dask_scheduler.tasks.values()]
    blobs += [pickle.dumps(plugin) for plugin in dask_scheduler.worker_plugins.values()]
    return b"\0".join(blobs)


def kill_when_running(client: Client, cluster: Cluster, subject: str, killed: list[str]) -> None:
    """SIGKILL the worker process the scheduler says is running the pack holding `subject`, once it does."""
    deadline = time.monotonic() + START_SECONDS * 2
    while time.monotonic() < deadline:
        for address, keys in client.processing().items():
            if any(_holds(key, subject) for key in keys):
                name = client.scheduler_info()["workers"][address]["name"]
                cluster.workers[name].kill()
                killed.append(name)
                return
        time.sleep(0.05)


def _holds(key: str, subject: str) -> bool:
    """Whether a task reads the subject: one of its member ranges (`exposure-unit-SUBJECT-KofN`), or a
    pack (`exposure-pack-FIRST[-to-LAST]`) whose range of subjects covers it (ids sort as files)."""
    if key.startswith("exposure-unit-"):
        return key.startswith(f"exposure-unit-{subject}-")
    first, _, last = key.removeprefix("exposure-pack-").partition("-to-")
    return first <= subject <= (last or first)


def test_a_worker_killed_mid_batch_loses_nothing_and_the_key_never_travels(
        cluster: Cluster, tmp_path: Path, engine: DetectionEngine) -> None:
    folder = sample_folder(tmp_path / "exports")
    notes_zip(folder / f"{SLOW}.zip", count=30, unsafe=False)
    split = (folder / f"{SLOW}.zip").stat().st_size // 3 + 1
    key = load_or_create_key(default_data_dir())
    seen: list[bytes] = []
    killed: list[str] = []

    def inspect(progress: BatchProgress) -> None:
        if not seen:
            seen.append(client.run_on_scheduler(scheduler_state))

    with Client(cluster.address, timeout=START_SECONDS) as client:
        runner = DaskRunner(client, None, default_data_dir() / KEY_FILE)
        subjects = subjects_from([folder])
        assert [len(plan_units(subject, split)) for subject in subjects] == [1, 1, 1, 3, 1]  # slow is cut
        killer = threading.Thread(target=kill_when_running, args=(client, cluster, SLOW, killed))
        killer.start()
        report = run_batch(subjects, runner, BatchOptions(tmp_path / "b.db", split_bytes=split), inspect)
        killer.join()
        remaining = len(client.scheduler_info()["workers"])

    assert len(killed) == 1 and cluster.workers[killed[0]].wait(timeout=10) == -9 and remaining == 1
    assert (report.written, report.skipped) == (len(SUBJECT_SAMPLES) + 1, [])
    for path in sorted(folder.iterdir()):
        subject = path.name.split(".")[0]
        assert_same(batch_findings(tmp_path / "b.db", subject), archive_findings(engine, path))
    assert seen and str(default_data_dir() / KEY_FILE).encode() in seen[0]  # the path travels, not the key
    logs = b"".join(log.read_bytes() for log in cluster.logs.glob("*.log"))
    for secret in (key, key.hex().encode()):
        assert secret not in seen[0] and secret not in logs


def test_scheduler_and_workers_listen_on_localhost_only(cluster: Cluster) -> None:
    processes = [cluster.scheduler, *(p for p in cluster.workers.values() if p.poll() is None)]
    listening = [connection.laddr.ip for process in processes
                 for connection in psutil.Process(process.pid).net_connections(kind="inet")
                 if connection.status == psutil.CONN_LISTEN]
    assert listening and set(listening) == {"127.0.0.1"}


def test_the_command_on_a_local_cluster_leaves_no_process_behind(tmp_path: Path) -> None:
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    sample = sample_folder(tmp_path / "exports", SUBJECT_SAMPLES[2:3])
    result = CliRunner().invoke(app, ["batch", str(sample), "--cluster", "local", "--workers", "1",
                                      "--db", str(tmp_path / "b.db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "on Dask scheduler tcp://127.0.0.1:" in result.stderr and "with 1 workers" in result.stderr
    assert json.loads(result.stdout)["subjects"][0]["findings"] > 0
    time.sleep(0.5)
    left = [child.cmdline() for child in psutil.Process().children(recursive=True)
            if child.pid not in before and child.is_running() and child.status() != psutil.STATUS_ZOMBIE]
    # multiprocessing's resource tracker serves this process until it exits (it is not a Dask process)
    assert [command for command in left if "multiprocessing.resource_tracker" not in " ".join(command)] == []
