"""`exposure batch SOURCES...`: many people's exports, each scored as its own subject, on a Dask cluster.

Checks the inputs, picks the runner (a LocalCluster, an existing scheduler, or this process when Dask
is not installed or `--cluster none`), runs the batch use case and prints the per-subject summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from scanner.batch.run import BatchOptions, BatchReport, InProcessRunner, PackRunner, run_batch
from scanner.batch.sink import BatchSink, check_ledger
from scanner.batch.sources import subjects_from
from scanner.commands.exits import EXIT_OK, EXIT_PARTIAL
from scanner.config import Settings, default_data_dir
from scanner.errors import ConfigError
from scanner.identity import KEY_FILE, load_or_create_key
from scanner.report.batch import print_subjects, write_subjects_json
from scanner.report.progress import batch_progress

BATCH_DB = "batch.db"
SCALE_OUT = ("Dask is not installed: scanning in this process; to use every core of several machines, "
             "pip install 'exposure-scanner[dask]' and pass --cluster local or --cluster tcp://HOST:8786")


def dask_installed() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def runner_for(cluster: str, workers: int, settings: Settings, err: Console) -> Iterator[PackRunner]:
    """The runner --cluster asks for: `none` (or no Dask) runs here, else a Dask client."""
    key = load_or_create_key(default_data_dir())
    if cluster != "none" and dask_installed():
        from scanner.batch.cluster import DaskRunner, connect

        with connect(cluster, workers) as client:
            yield DaskRunner(client, settings.spacy_model, default_data_dir() / KEY_FILE)
        return
    if cluster not in {"none", "local"}:
        raise ConfigError(f"--cluster {cluster} needs Dask: pip install 'exposure-scanner[dask]'")
    if cluster == "local":
        err.print(SCALE_OUT, markup=False, highlight=False)
    yield InProcessRunner(settings.spacy_model, key, workers)


def summary_line(report: BatchReport) -> str:
    resumed = f" ({report.resumed} already complete)" if report.resumed else ""
    rate = report.bytes / 1e6 / report.seconds if report.seconds else 0.0
    skipped = f"; {len(report.skipped)} skipped" if report.skipped else ""
    if report.incomplete:
        skipped += f"; {len(report.incomplete)} subjects incomplete (rerun with --resume)"
    return (f"{report.written} of {report.subjects} subjects scanned{resumed}: "
            f"{report.documents:,} documents, {report.findings:,} findings{skipped}; "
            f"{report.bytes / 1e6:,.1f} MB in {report.seconds:.1f} s ({rate:,.2f} MB/s)")


def run_batch_command(sources: list[Path], cluster: str, workers: int, db: Path | None, out_dir: Path | None,
                      resume: bool, split_gb: float, output_format: str, settings: Settings,
                      out: Console, err: Console) -> int:
    """Scan every subject of the sources; print the per-subject summary; 3 if anything was skipped."""
    subjects = subjects_from(sources)
    options = BatchOptions(db or default_data_dir() / BATCH_DB, out_dir, resume, int(split_gb * (1 << 30)))
    check_ledger(options.db)
    with runner_for(cluster, workers, settings, err) as runner:
        err.print(f"{len(subjects)} subjects on {runner.describe()}", markup=False, highlight=False)
        with batch_progress(err) as advance:
            report = run_batch(subjects, runner, options, advance)
    with BatchSink(options.db) as sink:
        rows = [row for row in sink.summary() if row["subject_id"] in {subject.id for subject in subjects}]
    if output_format == "json":
        write_subjects_json(out.file, rows, {"db": str(options.db),
                                             "out": str(out_dir) if out_dir else None,
                                             "skipped": [{"subject_id": subject, "where": skip.where,
                                                          "reason": skip.reason}
                                                         for subject, skip in report.skipped]})
    else:
        print_subjects(out, rows)
    for subject, skip in report.skipped:
        err.print(f"skipped {subject}: {skip.where}: {skip.reason}", markup=False, highlight=False)
    err.print(summary_line(report), markup=False, highlight=False)
    return EXIT_PARTIAL if report.skipped else EXIT_OK
