"""The `exposure` command line: parses options, calls one function per command, renders.

The report goes to stdout; progress, messages and the one-line summary to stderr. Exit codes:
0 ok, 1 findings at or above --fail-on, 2 usage or setup error, 3 partial (something was skipped).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from scanner.config import Settings, load_settings
from scanner.errors import ExposureError

app = typer.Typer(
    name="exposure",
    help="Find what personal data of yours is public, how sensitive it is, and how likely it is to end up "
    "in an AI training set.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table or json.")]
ShowValues = Annotated[bool, typer.Option("--show-values", help="Print full values instead of masked ones.")]
Workers = Annotated[int | None, typer.Option("--workers", "-w", help="Detection processes (default: cores).")]
SpacyModel = Annotated[str | None, typer.Option("--spacy-model", help="spaCy pipeline (default: best installed).")]
NoColor = Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")]
ConfigPath = Annotated[Path | None, typer.Option("--config", help="Config file (default: ./exposure.toml).")]
Explain = Annotated[bool, typer.Option("--explain", help="Show the factors behind every risk score.")]
NoStore = Annotated[bool, typer.Option("--no-store", help="Do not save this scan in the findings database.")]
StoreValues = Annotated[bool, typer.Option(
    "--store-values", help="Keep raw values in the database (default: masked form and keyed hash only).")]
FailOn = Annotated[str | None, typer.Option(
    "--fail-on", help="Exit 1 when any finding is at or above this level: low, medium, high, critical.")]
DbPath = Annotated[Path | None, typer.Option(
    "--db", help="Findings database (default: exposure.db in the user data directory; env EXPOSURE_DB).")]
LEVELS = ("low", "medium", "high", "critical")


def check_level(option: str, level: str | None) -> None:
    """A usage error (exit 2) for a level name that is not one of LEVELS."""
    if level is not None and level.strip().lower() not in LEVELS:
        raise typer.BadParameter(f"{option} must be one of {', '.join(LEVELS)}")


def consoles(no_color: bool) -> tuple[Console, Console]:
    """stdout for the report, stderr for everything else; colour only on a terminal."""
    out = Console(no_color=no_color or None, soft_wrap=not sys.stdout.isatty())
    err = Console(stderr=True, no_color=no_color or None)
    return out, err


def fail(err: Console, error: ExposureError) -> typer.Exit:
    err.print(f"error: {error}", markup=False, highlight=False)
    return typer.Exit(EXIT_USAGE)


def settings_for(config: Path | None, **overrides: object) -> Settings:
    return load_settings(config, overrides=overrides)


def _workers(settings: Settings) -> int:
    from detectors.batch import default_workers

    return settings.workers or default_workers()


@app.command()
def detect(
    source: Annotated[str, typer.Argument(help="A text or JSONL file, or - for standard input.")] = "-",
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    show_values: ShowValues = False,
    workers: Workers = None,
    spacy_model: SpacyModel = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Find personal data in text: plain text, or JSON lines of {"id": ..., "text": ...}."""
    from scanner.commands.detect import run_detect

    out, err = consoles(no_color)
    if output_format not in {"table", "jsonl"}:
        raise typer.BadParameter("--format must be table or jsonl")
    try:
        settings = settings_for(config, spacy_model=spacy_model, workers=workers)
        code = run_detect(source, output_format, show_values, settings, _workers(settings), out, err)
    except ExposureError as error:
        raise fail(err, error) from error
    raise typer.Exit(code)


@app.command("scan-files")
def scan_files(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of txt, md, html, json, csv.")],
    output_format: FormatOption = "table",
    show_values: ShowValues = False,
    limit: Annotated[int, typer.Option(help="Rows in the table (0 for all).")] = 50,
    workers: Workers = None,
    spacy_model: SpacyModel = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
    explain: Explain = False,
    no_store: NoStore = False,
    store_values: StoreValues = False,
    fail_on: FailOn = None,
    db: DbPath = None,
) -> None:
    """Scan text-like files and folders and print a ranked findings table."""
    from scanner.commands.output import ScanOptions
    from scanner.commands.scan_files import run_scan_files

    out, err = consoles(no_color)
    if output_format not in {"table", "json"}:
        raise typer.BadParameter("--format must be table or json")
    check_level("--fail-on", fail_on)
    options = ScanOptions(explain=explain, store=not no_store, store_values=store_values, fail_on=fail_on)
    try:
        settings = settings_for(config, spacy_model=spacy_model, workers=workers, db=str(db) if db else None)
        code = run_scan_files(paths, output_format, show_values, limit or None, settings, _workers(settings),
                              out, err, options)
    except ExposureError as error:
        raise fail(err, error) from error
    raise typer.Exit(code)


def main() -> None:
    app()
