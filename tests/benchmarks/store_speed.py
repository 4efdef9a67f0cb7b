"""How fast the findings database answers at a million findings (not part of the test run).

Fills a fresh database through `Store.save_scan` with N synthetic scored findings (seeded; realistic
spread of entities, visibility and confidence, scored by the real model), then times:

* the query behind `exposure findings --min-risk high` in-process (count + first 50 rows), and with
  other filters;
* the whole command, `exposure findings --db DB --min-risk high`, as a fresh process (median of 3),
  which adds Python start-up and imports;
* `exposure score` (which reads every finding once).

    /work/venv/bin/python tests/benchmarks/store_speed.py [--findings 1000000] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from detectors.taxonomy import category_of
from scanner.identity import fingerprint, value_hash
from scanner.models import DocumentInfo, DocumentKind, Finding, Visibility
from scanner.scoring.findings import ScoredFinding
from scanner.scoring.risk import finding_risk
from scanner.store import FindingFilter, Store

ENTITIES = (("PERSON", 40), ("LOCATION", 15), ("ORGANIZATION", 10), ("DATE_TIME", 10), ("URL", 8),
            ("USERNAME", 6), ("EMAIL_ADDRESS", 4), ("PHONE_NUMBER", 2), ("MEDICAL_CONDITION", 2),
            ("STREET_ADDRESS", 1), ("RELIGION", 1), ("CREDIT_CARD", 1))
VISIBILITY = ((Visibility.PUBLIC, 50), (Visibility.PRIVATE, 20), (Visibility.DIRECT, 20),
              (Visibility.FOLLOWERS, 10))
FINDINGS_PER_DOCUMENT = 10
KEY = b"b" * 32


def synthetic(count: int, seed: int = 7) -> Iterator[ScoredFinding]:
    rng = random.Random(seed)
    entities = [name for name, weight in ENTITIES for _ in range(weight)]
    visibilities = [vis for vis, weight in VISIBILITY for _ in range(weight)]
    now = datetime(2026, 11, 23, tzinfo=UTC)
    info: DocumentInfo | None = None
    for number in range(count):
        if number % FINDINGS_PER_DOCUMENT == 0:
            created = now - timedelta(days=rng.randrange(0, 5000))
            info = DocumentInfo(id=f"twitter.zip!data/tweets.js#{number // FINDINGS_PER_DOCUMENT}",
                                source=rng.choice(("twitter", "reddit", "mastodon", "web")),
                                kind=DocumentKind.POST, created_at=created,
                                visibility=rng.choice(visibilities))
        assert info is not None
        entity = rng.choice(entities)
        value = f"value-{rng.randrange(200_000)}"
        finding = Finding(document=info, entity=entity, category=category_of(entity), start=0, end=len(value),
                          score=rng.choice((0.4, 0.6, 0.85, 1.0)), detector="benchmark", reason="synthetic",
                          snippet="… [v****] …", value=value, first_person=rng.random() < 0.05)
        risk = finding_risk(finding, rng.random() < 0.1, None, now)
        hashed = value_hash(value, entity, KEY)
        yield ScoredFinding(finding, risk, False, hashed, fingerprint(info.id, entity, hashed))


def timed(action: Callable[[], object], repeat: int = 5) -> float:
    """Median seconds of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def command_seconds(*args: str, repeat: int = 3) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system) of the command as a fresh process.

    CPU time is what the command costs; wall time also counts waiting for a busy machine's cores.
    """
    exposure = Path(sys.executable).with_name("exposure")
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(exposure), *args], check=True, capture_output=True,
                       env={**os.environ, "NO_COLOR": "1"})
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def print_command(label: str, *args: str, repeat: int = 3) -> None:
    wall, cpu = command_seconds(*args, repeat=repeat)
    print(f"command     {label:<45} {wall * 1000:8.0f} ms wall, {cpu * 1000:6.0f} ms CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="Reuse or create this database.")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="exposure-bench-"))
    os.environ.setdefault("EXPOSURE_HOME", str(folder))
    db = arguments.db or folder / "exposure.db"
    with Store(db) as store:
        if not any(scan.command == "benchmark" for scan in store.scans()):
            start = time.perf_counter()
            store.save_scan("benchmark", "synthetic", synthetic(arguments.findings))
            elapsed = time.perf_counter() - start
            print(f"stored {arguments.findings:,} findings in {elapsed:.1f} s "
                  f"({arguments.findings / elapsed:,.0f}/s); database {db.stat().st_size / 1e6:,.0f} MB")
        total = store.count()
        high = FindingFilter(min_risk=50, limit=50)
        print(f"{total:,} findings, {store.count(FindingFilter(min_risk=50)):,} at high or above")
        queries = {
            "--min-risk high (count + 50 rows)": high,
            "--min-risk high --category health": FindingFilter(min_risk=50, categories=("health",), limit=50),
            "--min-risk high --status open": FindingFilter(min_risk=50, statuses=("open",), limit=50),
            "--entity EMAIL_ADDRESS": FindingFilter(entities=("EMAIL_ADDRESS",), limit=50),
            "--source reddit --min-risk medium": FindingFilter(min_risk=25, sources=("reddit",), limit=50),
            "all, first 50": FindingFilter(limit=50),
        }
        for label, selection in queries.items():
            seconds = timed(lambda s=selection: (store.count(s), list(store.findings(s))))  # type: ignore[misc]
            print(f"in-process  findings {label:<40} {seconds * 1000:8.1f} ms")
    print_command("exposure findings --min-risk high", "findings", "--db", str(db), "--min-risk", "high")
    print_command("exposure findings --help (start-up alone)", "findings", "--help")
    print_command("exposure score", "score", "--db", str(db))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
