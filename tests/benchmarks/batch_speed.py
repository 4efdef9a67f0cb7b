"""How `exposure batch` scales on one machine (not part of the test run).

Generates N exports (default 200) per round from the sample builders, platforms in turn, each with its
own invented family names swapped in (same length, so every format stays valid), so no two subjects
share the texts that name the family. On the same input, each round times (in turn, the first to go
rotating):

* `batch --cluster local` with 1 worker and with 2 workers (two Dask LocalClusters started once, both
  kept for every round), with the CPU seconds of the workers and of this process (the client, and the
  LocalCluster's scheduler and nannies) per subject;
* `archive --workers 2 --no-store` over all N exports in one run (the engine loaded beforehand).

The figures are throughput, not start-up: before the first round every worker has built its engine and
read one export of every platform (`warm_every_worker`), as it will have early in a study of
thousands: a worker's first export of a kind pays for words and texts new to it, which is seconds of a
200-subject run. Each round has exports of its own (other names), so no round reads what an earlier
one cached. Rounds taking turns (as the speed benchmark's paired ratio) keep a drift of the host's
speed from tilting the ratios; the median over rounds is the figure. Each worker's peak memory
(ru_maxrss) is sampled after every quarter of the subjects: flat in the number of subjects if nothing
accumulates.

    python tests/benchmarks/batch_speed.py [--subjects 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from detectors.engine import DetectionEngine  # noqa: E402
from samples.builders import bluesky, facebook, grailbird, instagram, linkedin, mastodon, reddit, takeout  # noqa: E402
from samples.builders import twitter as twitter_builder  # noqa: E402
from scanner.batch.cluster import DaskRunner, connect  # noqa: E402
from scanner.batch.run import BatchOptions, BatchProgress, run_batch  # noqa: E402
from scanner.batch.sources import subjects_from  # noqa: E402
from scanner.batch.units import SPLIT_BYTES, WorkUnit, plan_units  # noqa: E402
from scanner.commands.archive import run_archive  # noqa: E402
from scanner.config import Settings, default_data_dir  # noqa: E402
from scanner.identity import KEY_FILE, load_or_create_key  # noqa: E402
from scanner.record import ScanOptions  # noqa: E402

BUILDERS: tuple[Callable[[Path], Path], ...] = (
    twitter_builder.build, facebook.build, instagram.build, linkedin.build, reddit.build, mastodon.build,
    takeout.build, grailbird.build, bluesky.build)
NAMES = (b"Maisie", b"Jonas", b"Rowan")
"""Names of the invented family, each replaced by a same-length invented name per subject."""
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _variant(name: bytes, number: int) -> bytes:
    tail = "".join(LETTERS[(number // 26 ** k + k * 7) % 26] for k in range(len(name) - 1))
    return name[:1] + tail.encode()


def _renamed(data: bytes, number: int) -> bytes:
    for name in NAMES:
        data = data.replace(name, _variant(name, number))
    return data


def _rewrite(source: Path, target: Path, number: int) -> None:
    """A copy of one sample export with the names swapped in every member (a .car stays as it is:
    its blocks are content-addressed)."""
    name = source.name.lower()
    if name.endswith(".zip"):
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info, _renamed(old.read(info), number))
    elif name.endswith(".tar.gz"):
        with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
            for member in old.getmembers():
                handle = old.extractfile(member)
                data = _renamed(handle.read(), number) if handle else b""
                member.size = len(data)
                new.addfile(member, io.BytesIO(data) if handle else None)
    else:
        shutil.copy(source, target)


def build_originals(built: Path) -> list[Path]:
    """One sample export per platform."""
    originals = []
    for index, build in enumerate(BUILDERS):
        (built / str(index)).mkdir(parents=True)
        originals.append(Path(build(built / str(index))))
    return originals


def generate(originals: list[Path], exports: Path, count: int, first: int = 0) -> list[Path]:
    """`count` exports, platforms in turn, named s000-twitter-archive.zip and so on, with the names of
    variants `first` to `first + count - 1`."""
    exports.mkdir()
    paths = []
    for number in range(first, first + count):
        source = originals[number % len(originals)]
        target = exports / f"s{number:03}-{source.name}"
        _rewrite(source, target, number)
        paths.append(target)
    return paths


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def warm_every_worker(units: tuple[WorkUnit, ...]) -> int:
    """Run on each worker (`client.run`): read and detect one export of every platform."""
    from scanner.batch import worker

    return len(worker.scan_assigned(units))


class BatchLeg:
    """`batch --cluster local` with `workers` workers: one cluster, warmed once, timed every round."""

    def __init__(self, stack: ExitStack, workers: int, warm: Path, folder: Path) -> None:
        self.workers = workers
        self.folder = folder
        self.client = stack.enter_context(connect("local", workers))
        self.runner = DaskRunner(self.client, None, default_data_dir() / KEY_FILE)
        run_batch(subjects_from([warm]), self.runner, BatchOptions(folder / f"warm{workers}.db"))
        units = tuple(unit for subject in subjects_from([warm]) for unit in plan_units(subject, SPLIT_BYTES))
        self.client.run(warm_every_worker, units)

    def run(self, exports: Path, round_number: int) -> dict[str, Any]:
        subjects = subjects_from([exports])
        quarters = {len(subjects) * q // 4 for q in (1, 2, 3, 4)}
        memory: list[tuple[int, list[float]]] = []

        def sample(progress: BatchProgress) -> None:
            """Once the subjects done pass each quarter (packs finish several subjects at a time)."""
            last = memory[-1][0] if memory else 0
            if any(last < quarter <= progress.subjects_done for quarter in quarters):
                memory.append((progress.subjects_done, sorted(self.client.run(_worker_peak_mb).values())))

        workers_before = sum(self.client.run(_cpu_seconds).values())
        client_before = _cpu_seconds()
        started = time.perf_counter()
        db = self.folder / f"batch{self.workers}-{round_number}.db"
        report = run_batch(subjects, self.runner, BatchOptions(db), sample)
        seconds = time.perf_counter() - started
        worker_cpu = sum(self.client.run(_cpu_seconds).values()) - workers_before
        return {"seconds": seconds, "documents": report.documents, "findings": report.findings,
                "bytes": report.bytes, "unit_seconds": report.unit_seconds, "memory": memory,
                "skipped": len(report.skipped), "worker_cpu": worker_cpu,
                "client_cpu": _cpu_seconds() - client_before}


def _cpu(run: dict[str, Any], subjects: int) -> str:
    """Where the time went: workers' CPU, their busy time (read + detect per pack), the client's CPU (with
    the LocalCluster's scheduler and nannies, which run in it), and all of it per subject."""
    per_subject = (run["worker_cpu"] + run["client_cpu"]) / subjects * 1000
    return (f"worker CPU {run['worker_cpu']:.1f} s, busy {run['unit_seconds']:.1f} s, "
            f"client CPU {run['client_cpu']:.1f} s, {per_subject:.1f} CPU ms/subject")


def archive_run(paths: list[Path], workers: int, engine: DetectionEngine) -> dict[str, Any]:
    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    with open(os.devnull, "w", encoding="utf-8") as sink:
        before, started = cpu(), time.perf_counter()
        run_archive(paths, "json", False, None, Settings(), workers, Console(file=sink), Console(file=sink),
                    ScanOptions(store=False), engine=engine)
        return {"seconds": time.perf_counter() - started, "cpu": cpu() - before}


def _round(legs: dict[str, Callable[[], dict[str, Any]]], number: int) -> dict[str, dict[str, Any]]:
    """Every leg once, the first to go rotating with the round."""
    names = list(legs)
    order = names[number % len(names):] + names[:number % len(names)]
    return {name: legs[name]() for name in order}


def _report_round(number: int, runs: dict[str, dict[str, Any]], subjects: int) -> None:
    one, two, archive = runs["one"], runs["two"], runs["archive"]
    print(f"round {number + 1}: 1 worker {one['seconds']:.2f} s ({_cpu(one, subjects)}); "
          f"2 workers {two['seconds']:.2f} s ({_cpu(two, subjects)}); "
          f"archive --workers 2 {archive['seconds']:.2f} s (CPU {archive['cpu']:.1f} s); "
          f"2 vs 1 {one['seconds'] / two['seconds']:.2f}x, "
          f"2 vs archive {archive['seconds'] / two['seconds']:.2f}x; "
          f"load {os.getloadavg()[0]:.1f}")


def _report(rounds: list[dict[str, dict[str, Any]]], subjects: int) -> None:
    versus_one = [runs["one"]["seconds"] / runs["two"]["seconds"] for runs in rounds]
    versus_archive = [runs["archive"]["seconds"] / runs["two"]["seconds"] for runs in rounds]
    print(f"2 workers vs 1: median {statistics.median(versus_one):.2f}x over {len(rounds)} rounds "
          f"({', '.join(f'{ratio:.2f}' for ratio in versus_one)}; target >= 1.7x)")
    print(f"batch 2 workers vs archive --workers 2: median {statistics.median(versus_archive):.2f}x "
          f"({', '.join(f'{ratio:.2f}' for ratio in versus_archive)}; target >= 0.9x)")
    documents = sum(runs["one"]["documents"] for runs in rounds)
    worker_cpu = sum(runs["one"]["worker_cpu"] for runs in rounds)
    megabytes = sum(runs["one"]["bytes"] for runs in rounds) / 1e6
    busy = sum(runs["one"]["unit_seconds"] for runs in rounds) / (subjects * len(rounds))
    print(f"per worker CPU-second: {documents / worker_cpu:.1f} documents, {megabytes / worker_cpu:.3f} MB "
          f"on disk; {busy * 1000:.0f} ms of worker time per subject")  # CPU, not wall: robust to load
    for label in ("one", "two"):
        steps = [f"{done}: {', '.join(f'{mb:.0f}' for mb in peaks)} MB"
                 for done, peaks in rounds[-1][label]["memory"]]
        print(f"peak RSS per worker ({label}), after N subjects: " + "; ".join(steps))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="exposure-batch-bench-") as home, ExitStack() as stack:
        os.environ["EXPOSURE_HOME"] = home
        load_or_create_key(default_data_dir())
        folder = Path(home)
        originals = build_originals(folder / "built")
        warm = folder / "warm"
        generate(originals, warm, len(originals), arguments.subjects * arguments.rounds)
        sets = [generate(originals, folder / f"exports{number}", arguments.subjects,
                         number * arguments.subjects) for number in range(arguments.rounds)]
        megabytes = sum(path.stat().st_size for path in sets[0]) / 1e6
        print(f"{arguments.subjects} exports per round ({megabytes:.1f} MB on disk), load {os.getloadavg()}")
        one, two = BatchLeg(stack, 1, warm, folder), BatchLeg(stack, 2, warm, folder)
        engine = DetectionEngine.shared()
        archive_run(sorted(warm.iterdir()), 2, engine)
        rounds = []
        for number, paths in enumerate(sets):
            legs = {"one": partial(one.run, paths[0].parent, number),
                    "two": partial(two.run, paths[0].parent, number),
                    "archive": partial(archive_run, paths, 2, engine)}
            rounds.append(_round(legs, number))
            _report_round(number, rounds[-1], arguments.subjects)
        _report(rounds, arguments.subjects)
        print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
