"""How much reading an archive costs next to detecting, and whether memory stays flat as archives grow.

    python tests/benchmarks/archive_speed.py [--tweets 100000] [--small 10000] [--workers N] [--facebook]
    python tests/benchmarks/archive_speed.py --read-only   # reading alone: rate and peak RSS per size

Writes X archives with --small and --tweets generated tweets (and, with --facebook, a Facebook export
of --tweets posts) to a temp dir. Each measurement runs in a fresh process so its peak RSS is its own:
  archive  the `exposure archive` pipeline (reader generator → batch engine workers), end to end;
  detect   the same documents read into memory first, then the detectors alone on them.
  full     the whole `exposure archive` command (run_archive): reading, detecting, scoring, storing into
           a fresh findings database and writing the JSON report (to /dev/null).
Printed per size: documents/s of archive and detect (wall clock), the reading cost (target < 15%) and the
peak RSS of the full command's main process and of its largest worker (target < 1 GB, flat from small to
large). The reading cost is measured in CPU seconds of the whole process tree (main + workers),
1 - detect CPU / archive CPU: on a shared machine wall-clock rates swing with the load of other
processes, CPU seconds do not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from detectors.batch import default_workers  # noqa: E402
from detectors.engine import DetectionEngine  # noqa: E402
from scanner.archives.run import ArchiveRun  # noqa: E402
from scanner.models import Document, Skipped  # noqa: E402
from scanner.scan import run_scan  # noqa: E402

READING_BUDGET = 0.15
MEMORY_BUDGET_MB = 1024


def peak_mb() -> tuple[float, float]:
    """Peak RSS in MB of this process and of its largest finished child (a worker); Linux reports KB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def cpu_seconds() -> float:
    """User + system CPU of this process and its finished children (the workers, once the pool shut down)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(mode: str, path: Path, workers: int) -> dict[str, float]:
    """One measurement in this (fresh) process; the engine is loaded before the clocks start."""
    run = ArchiveRun()
    if mode == "read":
        start = time.perf_counter()
        count = sum(isinstance(item, Document) for item in run.items([path]))
        own, _ = peak_mb()
        return {"documents": count, "seconds": time.perf_counter() - start, "rss_main_mb": own}
    engine = DetectionEngine.shared()
    if mode == "full":
        return full_command(path, workers, engine)
    read_seconds = 0.0
    items: Iterable[Document | Skipped] = run.items([path])
    if mode == "detect":
        start = time.perf_counter()
        items = [item for item in items if isinstance(item, Document)]
        read_seconds = time.perf_counter() - start
    cpu, start = cpu_seconds(), time.perf_counter()
    result = run_scan(items, engine, workers=workers)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    own, workers_peak = peak_mb()
    return {
        "documents": result.summary.documents,
        "seconds": seconds,
        "cpu": cpu,
        "read_seconds": read_seconds,
        "findings": len(result.findings),
        "rss_main_mb": own,
        "rss_worker_mb": workers_peak,
    }


def full_command(path: Path, workers: int, engine: DetectionEngine) -> dict[str, float]:
    """`exposure archive PATH --format json > /dev/null` with a fresh database, timed and measured."""
    from rich.console import Console

    from scanner.commands.archive import run_archive
    from scanner.config import load_settings

    with tempfile.TemporaryDirectory() as home, open(os.devnull, "w", encoding="utf-8") as sink:
        os.environ["EXPOSURE_HOME"] = home  # the hash key too stays out of the user's data directory
        config = Path(home, "exposure.toml")
        config.write_text("", encoding="utf-8")
        settings = load_settings(config, environ={"EXPOSURE_DB": str(Path(home, "x.db"))})
        start = time.perf_counter()
        run_archive([path], "json", False, None, settings, workers, Console(file=sink), Console(file=sink),
                    engine=engine)
        seconds = time.perf_counter() - start
    own, workers_peak = peak_mb()
    return {"seconds": seconds, "rss_main_mb": own, "rss_worker_mb": workers_peak}


def measure(mode: str, path: Path, workers: int) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), "--workers", str(workers)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def report(label: str, path: Path, workers: int) -> dict[str, float]:
    archive = measure("archive", path, workers)
    detect = measure("detect", path, workers)
    full = measure("full", path, workers)
    archive_rate = archive["documents"] / archive["seconds"]
    detect_rate = detect["documents"] / detect["seconds"]
    cost = 1 - detect["cpu"] / archive["cpu"]
    peak = max(full["rss_main_mb"], full["rss_worker_mb"])
    print(f"{label}: {archive['documents']:,.0f} documents, {workers} workers")
    print(f"  archive pipeline  {archive_rate:8.1f} docs/s  ({archive['seconds']:.1f} s)")
    print(
        f"  detectors alone   {detect_rate:8.1f} docs/s  ({detect['seconds']:.1f} s; reading alone "
        f"{detect['documents'] / max(detect['read_seconds'], 1e-9):,.0f} docs/s)"
    )
    print(
        f"  reading cost      {cost:8.1%}  of CPU ({archive['cpu']:.1f} s vs {detect['cpu']:.1f} s) "
        f"({'ok' if cost < READING_BUDGET else 'OVER'} < {READING_BUDGET:.0%})"
    )
    print(
        f"  whole command     {archive['documents'] / full['seconds']:8.1f} docs/s  "
        f"({full['seconds']:.1f} s; {archive['findings']:,.0f} findings scored, stored and written)"
    )
    print(
        f"  peak RSS          main {full['rss_main_mb']:.0f} MB, "
        f"largest worker {full['rss_worker_mb']:.0f} MB"
        f"  ({'ok' if peak < MEMORY_BUDGET_MB else 'OVER'} < {MEMORY_BUDGET_MB} MB)"
    )
    return full


def read_only(small: int, large: int) -> None:
    """Reading without detection: memory must not grow with the archive (findings kept by a scan do)."""
    from samples.builders.twitter import write_archive

    with tempfile.TemporaryDirectory() as folder:
        for count in (small, large):
            result = measure("read", write_archive(Path(folder, f"{count}.zip"), count), 1)
            print(
                f"reading {result['documents']:,.0f} documents: "
                f"{result['documents'] / result['seconds']:,.0f} docs/s, "
                f"peak RSS {result['rss_main_mb']:.0f} MB",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tweets", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--facebook", action="store_true", help="also a Facebook export of --tweets posts")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--read-only", action="store_true", help="only reading: rate and peak RSS, no detection"
    )
    args = parser.parse_args()
    if args.read_only:
        read_only(args.small, args.tweets)
        return
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.workers)))
        return
    from samples.builders.twitter import write_archive

    with tempfile.TemporaryDirectory() as folder:
        small = report(
            "X archive (small)", write_archive(Path(folder, "small.zip"), args.small), args.workers
        )
        large = report(
            "X archive (large)", write_archive(Path(folder, "large.zip"), args.tweets), args.workers
        )
        growth = max(large["rss_main_mb"], large["rss_worker_mb"]) / max(
            small["rss_main_mb"], small["rss_worker_mb"]
        )
        print(
            f"memory growth {args.small:,} → {args.tweets:,} tweets: ×{growth:.2f} "
            f"({'flat' if growth < 1.25 else 'GROWS'})"
        )
        if args.facebook:
            from samples.builders.facebook import write_export

            export = write_export(Path(folder, "facebook"), args.tweets)
            report(
                "Facebook export", export, args.workers
            )


if __name__ == "__main__":
    main()
