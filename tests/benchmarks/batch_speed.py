"""How `exposure batch` scales on one machine (not part of the test run).

Generates N exports (default 200) from the sample builders, platforms in turn, each with its own
invented family names swapped in (same length, so every format stays valid), so no two subjects share
their texts and the engine's text cache cannot flatter anyone. Then, on the same input, times:

* `batch --cluster local` with 1 worker and with 2 workers (Dask LocalCluster; the workers' engines are
  loaded and run on a few warm-up subjects first, so the figures are throughput, not start-up), with
  the CPU seconds of the workers and of this process (the client, and the LocalCluster's scheduler and
  nannies) per subject: the figure to trust on a shared machine, where wall-clock ratios are noise;
* `archive --workers 2 --no-store` over all N exports in one run (the engine loaded beforehand);

and samples each worker's peak memory (ru_maxrss) after every quarter of the subjects: flat in the
number of subjects if nothing accumulates. Prints the ratios measured in this one run and the load.

    python tests/benchmarks/batch_speed.py [--subjects 200]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
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


def generate(folder: Path, count: int) -> list[Path]:
    """`count` exports, platforms in turn, named s000-twitter-archive.zip and so on."""
    built = folder / "built"
    originals = []
    for index, build in enumerate(BUILDERS):
        (built / str(index)).mkdir(parents=True)
        originals.append(Path(build(built / str(index))))
    exports = folder / "exports"
    exports.mkdir()
    paths = []
    for number in range(count):
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


def batch_run(exports: Path, warmup: Path, workers: int, db_folder: Path) -> dict[str, Any]:
    """One `batch --cluster local` over the exports, after a warm-up subject on the same cluster."""
    key_file = default_data_dir() / KEY_FILE
    subjects = subjects_from([exports])
    quarters = {len(subjects) * q // 4 for q in (1, 2, 3, 4)}
    memory: list[tuple[int, list[float]]] = []
    with connect("local", workers) as client:
        runner = DaskRunner(client, None, key_file)
        run_batch(subjects_from([warmup]), runner, BatchOptions(db_folder / f"warm{workers}.db"))

        def sample(progress: BatchProgress) -> None:
            """Once the subjects done pass each quarter (packs finish several subjects at a time)."""
            last = memory[-1][0] if memory else 0
            if any(last < quarter <= progress.subjects_done for quarter in quarters):
                peaks = client.run(_worker_peak_mb)
                memory.append((progress.subjects_done, sorted(peaks.values())))

        workers_before = sum(client.run(_cpu_seconds).values())
        client_before = _cpu_seconds()
        started = time.perf_counter()
        report = run_batch(subjects, runner, BatchOptions(db_folder / f"batch{workers}.db"), sample)
        seconds = time.perf_counter() - started
        worker_cpu = sum(client.run(_cpu_seconds).values()) - workers_before
    return {"seconds": seconds, "documents": report.documents, "findings": report.findings,
            "bytes": report.bytes, "unit_seconds": report.unit_seconds, "memory": memory,
            "skipped": len(report.skipped), "worker_cpu": worker_cpu,
            "client_cpu": _cpu_seconds() - client_before}


def _cpu(run: dict[str, Any], subjects: int) -> str:
    """Where the time went: workers' CPU, their busy time (read + detect per pack), the client's CPU (with
    the LocalCluster's scheduler and nannies, which run in it), and all of it per subject."""
    per_subject = (run["worker_cpu"] + run["client_cpu"]) / subjects * 1000
    return (f"worker CPU {run['worker_cpu']:.1f} s, worker busy {run['unit_seconds']:.1f} s, "
            f"client CPU {run['client_cpu']:.1f} s; {per_subject:.1f} CPU ms per subject")


def archive_run(paths: list[Path], workers: int, engine: DetectionEngine) -> dict[str, Any]:
    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    with open(os.devnull, "w", encoding="utf-8") as sink:
        before, started = cpu(), time.perf_counter()
        run_archive(paths, "json", False, None, Settings(), workers, Console(file=sink), Console(file=sink),
                    ScanOptions(store=False), engine=engine)
        return {"seconds": time.perf_counter() - started, "cpu": cpu() - before}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="exposure-batch-bench-") as home:
        os.environ["EXPOSURE_HOME"] = home
        load_or_create_key(default_data_dir())
        folder = Path(home)
        paths = generate(folder, arguments.subjects)
        warmup = folder / "warmup"
        warmup.mkdir()
        for number, path in enumerate(paths[:4]):  # a few subjects, so every worker runs one
            shutil.copy(path, warmup / f"w{number}-{path.name}")
        megabytes = sum(path.stat().st_size for path in paths) / 1e6
        print(f"{len(paths)} exports ({megabytes:.1f} MB on disk), load before: {os.getloadavg()}")
        one = batch_run(folder / "exports", warmup, 1, folder)
        print(f"batch, 1 worker:  {one['seconds']:.1f} s, {one['documents']:,} documents, "
              f"{one['findings']:,} findings, load {os.getloadavg()[0]:.1f}; {_cpu(one, len(paths))}")
        two = batch_run(folder / "exports", warmup, 2, folder)
        print(f"batch, 2 workers: {two['seconds']:.1f} s, load {os.getloadavg()[0]:.1f}; "
              f"{_cpu(two, len(paths))}")
        engine = DetectionEngine.shared()
        archive_run(paths[:1], 1, engine)
        archive = archive_run(paths, 2, engine)
        print(f"archive --workers 2: {archive['seconds']:.1f} s, load {os.getloadavg()[0]:.1f}; "
              f"CPU (parent and its workers) {archive['cpu']:.1f} s; "
              f"{archive['cpu'] / len(paths) * 1000:.1f} CPU ms per subject")
        print(f"2 workers vs 1: {one['seconds'] / two['seconds']:.2f}x (target >= 1.7x)")
        print(f"batch 2 workers vs archive --workers 2: {archive['seconds'] / two['seconds']:.2f}x "
              "(target >= 0.9x)")
        per_core = one["documents"] / one["worker_cpu"]  # CPU, not wall: a loaded machine shares its cores
        rate = one["bytes"] / 1e6 / one["worker_cpu"]
        print(f"per worker CPU-second: {per_core:.1f} documents, {rate:.3f} MB on disk; "
              f"{one['unit_seconds'] / len(paths) * 1000:.0f} ms of worker time per subject")
        for label, run in (("1 worker", one), ("2 workers", two)):
            steps = [f"{done}: {', '.join(f'{mb:.0f}' for mb in peaks)} MB" for done, peaks in run["memory"]]
            print(f"peak RSS per worker ({label}), after N subjects: " + "; ".join(steps))
        print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
