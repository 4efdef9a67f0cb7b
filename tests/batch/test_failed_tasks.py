"""A task that fails for good leaves its subjects incomplete, never silently complete, and `--resume`
runs them again (scanner/batch/run.py, cluster.py).

The failure is a real one: a LocalCluster whose scheduler gives up on a task the first time a worker
dies running it (as if every retry had died too), and the worker process SIGKILLed mid-task. (A
worker's queued tasks die with it too, so the other subject is complete before the kill.)
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

from distributed import Client, LocalCluster

from detectors.engine import DetectionEngine
from scanner.batch.cluster import LOCAL_HTTP, DaskRunner
from scanner.batch.run import BatchOptions, run_batch
from scanner.batch.sink import BatchSink
from scanner.batch.sources import subjects_from
from scanner.config import default_data_dir
from scanner.identity import KEY_FILE, load_or_create_key
from tests.batch.batch_runs import archive_findings, assert_same, batch_findings, run_here, sample_folder
from tests.batch.test_units import notes_zip

SLOW = "slow"
"""A subject with a few seconds of detection, so the kill lands while its task runs."""
WAIT_SECONDS = 120


def kill_when_running(client: Client, key: str, pids: dict[str, int], killed: list[int]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and not killed:
        for address, keys in client.processing().items():
            if key in keys:
                os.kill(pids[address], signal.SIGKILL)
                killed.append(pids[address])
                return
        time.sleep(0.05)


def test_a_subject_whose_task_dies_is_incomplete_and_resume_runs_it(tmp_path: Path,
                                                                    engine: DetectionEngine) -> None:
    folder = sample_folder(tmp_path / "exports", ("reddit-export.zip",))
    notes_zip(folder / f"{SLOW}.zip", count=15, unsafe=False)
    load_or_create_key(default_data_dir())
    subjects, db = subjects_from([folder]), tmp_path / "b.db"
    killed: list[int] = []
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=LOCAL_HTTP, silence_logs=logging.CRITICAL,
                      scheduler_kwargs={"allowed_failures": 0}) as local, Client(local) as client:
        runner = DaskRunner(client, None, default_data_dir() / KEY_FILE)
        killer = threading.Thread(target=kill_when_running,
                                  args=(client, f"exposure-pack-{SLOW}", client.run(os.getpid), killed))
        run_batch(subjects_from([folder / "reddit-export.zip"]), runner, BatchOptions(db))
        killer.start()
        report = run_batch(subjects, runner, BatchOptions(db, resume=True))
        killer.join()
    with BatchSink(db) as sink:
        complete = sink.complete()
    resumed = run_here([folder], db, resume=True)  # here: the ledger, not the runner, decides what resumes

    assert killed and (report.resumed, report.written, report.incomplete) == (1, 0, [SLOW])
    assert [(subject, skip.where, skip.reason) for subject, skip in report.skipped] == \
        [(SLOW, f"{SLOW}.zip", "batch task failed (KilledWorker)")]
    assert complete == {"reddit-export"}  # not written, so not taken for complete
    assert (resumed.resumed, resumed.written, resumed.incomplete, resumed.skipped) == (1, 1, [], [])
    assert_same(batch_findings(db, SLOW), archive_findings(engine, folder / f"{SLOW}.zip"))
