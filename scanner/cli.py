"""The `exposure` command line: parses options, calls one function per command, renders.

The report goes to stdout; progress, messages and the one-line summary to stderr. Exit codes:
0 ok, 1 findings at or above --fail-on, 2 usage or setup error, 3 partial (something was skipped),
130 interrupted (Ctrl-C; a scan interrupted before it is stored keeps nothing).
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from typer._click.core import Context as ClickContext
from typer.core import TyperArgument, TyperCommand, TyperOption

from scanner.commands.exits import EXIT_INTERRUPTED, EXIT_USAGE
from scanner.commands.inputs import existing_inputs, readable_file, web_addresses
from scanner.config import Settings, load_settings
from scanner.errors import ExposureError, StoredThenInterrupted, StoreError
from scanner.scoring.levels import Level, parse_level

if TYPE_CHECKING:
    from scanner.record import ScanOptions
    from scanner.store import FindingFilter

VALUE_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH"}
"""How --help names a value of each Python type."""


class _PlainOption(TyperOption):
    def display_type_rich(self, ctx: ClickContext) -> str | None:
        if self.is_flag:
            return None
        bare = self.bare_type().removeprefix("list[").removesuffix("]")
        return VALUE_WORDS.get(bare, "VALUE")


class _PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: ClickContext) -> str | None:
        return None


class PlainHelpCommand(TyperCommand):
    """A command whose --help names values in words (TEXT, PATH) and shows none for a flag or an argument.

    typer 0.2x prints each parameter's Python annotation (`<bool>`, `<list[Path]>`): jargon to a person
    reading --help. Its parameters are built inside typer, so they are given these classes here.
    """

    def get_params(self, ctx: ClickContext) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if type(param) is TyperOption:
                param.__class__ = _PlainOption
            elif type(param) is TyperArgument:
                param.__class__ = _PlainArgument
        return params


app = typer.Typer(
    name="exposure",
    help="Find what personal data of yours is public, how sensitive it is, and how likely it is to end up "
    "in an AI training set.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

SCAN_NOT_STORED = "interrupted: the scan was not stored"
"""A scan's findings are stored in one transaction at its end, so an interrupted scan leaves nothing."""

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table or json.")]
Limit = Annotated[int, typer.Option(help="Rows in the table (0 for all).")]
ShowValues = Annotated[bool, typer.Option("--show-values", help="Print full values instead of masked ones.")]
Workers = Annotated[int | None, typer.Option("--workers", "-w", help="Detection processes (default: cores).")]
SpacyModel = Annotated[str | None, typer.Option(
    "--spacy-model", help="spaCy pipeline (default: best installed).")]
NoColor = Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")]
IncludeMentions = Annotated[bool, typer.Option(
    "--include-mentions",
    help="Also list sensitive terms no one is said to have (topic mentions), at low risk.")]
ConfigPath = Annotated[Path | None, typer.Option("--config", help="Config file (default: ./exposure.toml).")]
Explain = Annotated[bool, typer.Option("--explain", help="Show the factors behind every risk score.")]
NoStore = Annotated[bool, typer.Option("--no-store", help="Do not save this scan in the findings database.")]
StoreValues = Annotated[bool, typer.Option(
    "--store-values", help="Keep raw values in the database (default: masked form and keyed hash only).")]
FailOn = Annotated[str | None, typer.Option(
    "--fail-on", help="Exit 1 when any finding is at or above this level: low, medium, high, critical.")]
DbPath = Annotated[Path | None, typer.Option(
    "--db", help="Findings database (default: exposure.db in the user data directory; env EXPOSURE_DB).")]
LEVELS = tuple(level.value for level in Level)


def check_format(output_format: str, allowed: tuple[str, ...]) -> None:
    """A usage error (exit 2) for a --format this command does not write."""
    if output_format not in allowed:
        choices = " or ".join(allowed) if len(allowed) == 2 else "one of " + ", ".join(allowed)
        raise typer.BadParameter(f"--format must be {choices}")


def check_level(option: str, level: str | None) -> None:
    """A usage error (exit 2) for a level name that is not one of LEVELS."""
    if level is not None and level.strip().lower() not in LEVELS:
        raise typer.BadParameter(f"{option} must be one of {', '.join(LEVELS)}")


def consoles(no_color: bool) -> tuple[Console, Console]:
    """stdout for the report, stderr for everything else; colour only on a terminal."""
    out = Console(no_color=no_color or None, soft_wrap=not sys.stdout.isatty())
    err = Console(stderr=True, no_color=no_color or None, soft_wrap=True)  # one message, one line
    return out, err


def fail(err: Console, error: ExposureError) -> typer.Exit:
    err.print(f"error: {error}", markup=False, highlight=False)
    return typer.Exit(EXIT_USAGE)


def scan_options(output_format: str, fail_on: str | None, explain: bool, no_store: bool,
                 store_values: bool) -> ScanOptions:
    """The checked options every scanning command (scan-files, archive, scan) shares."""
    from scanner.record import ScanOptions

    check_format(output_format, ("table", "json"))
    check_level("--fail-on", fail_on)
    return ScanOptions(explain=explain, store=not no_store, store_values=store_values, fail_on=fail_on)


def finish(err: Console, work: Callable[[], int], interrupted: str = "interrupted") -> NoReturn:
    """Run a command's work: its return value is the exit code; an ExposureError is one line and exit 2.
    The work imports what it needs (the detection stack takes seconds), so a Ctrl-C while it loads is
    caught here too, not by Typer, which would exit 130 saying nothing.

    Ctrl-C is `interrupted` on stderr and exit 130; an SQLite error no store method turned into a
    StoreError (a database changed under us) is still one line, not a traceback.
    """
    try:
        code = work()
    except ExposureError as error:
        raise fail(err, error) from error
    except sqlite3.Error as error:
        raise fail(err, StoreError(f"findings database: {error}")) from error
    except StoredThenInterrupted as interrupt:
        err.print(str(interrupt), markup=False, highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except KeyboardInterrupt:
        err.print(interrupted, markup=False, highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    raise typer.Exit(code)


def finish_if_failed(err: Console, check: Callable[[], None]) -> None:
    """Run a check of the inputs; an ExposureError is one line and exit 2, before anything loads."""
    try:
        check()
    except ExposureError as error:
        raise fail(err, error) from error


def settings_for(config: Path | None, db: Path | None = None, **overrides: object) -> Settings:
    """exposure.toml, env and defaults under the command's own flags (--db among them)."""
    return load_settings(config, overrides={**overrides, "db": str(db) if db else None})


def _workers(settings: Settings) -> int:
    from detectors.batch import default_workers

    return settings.workers or default_workers()


@app.command(cls=PlainHelpCommand)
def detect(
    source: Annotated[str, typer.Argument(help="A text or JSONL file, or - for standard input.")] = "-",
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    show_values: ShowValues = False,
    workers: Workers = None,
    spacy_model: SpacyModel = None,
    include_mentions: IncludeMentions = False,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Find personal data in text: plain text, or JSON lines of {"id": ..., "text": ...}."""
    out, err = consoles(no_color)
    check_format(output_format, ("table", "jsonl"))
    if source != "-":
        finish_if_failed(err, lambda: readable_file(Path(source)))

    def work() -> int:
        from scanner.commands.detect import run_detect

        settings = settings_for(config, spacy_model=spacy_model, workers=workers,
                                include_mentions=include_mentions or None)
        return run_detect(source, output_format, show_values, settings, _workers(settings), out, err)

    finish(err, work)


@app.command("scan-files", cls=PlainHelpCommand)
def scan_files(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of txt, md, html, json, csv.")],
    output_format: FormatOption = "table",
    show_values: ShowValues = False,
    limit: Limit = 50,
    workers: Workers = None,
    spacy_model: SpacyModel = None,
    include_mentions: IncludeMentions = False,
    no_color: NoColor = False,
    config: ConfigPath = None,
    explain: Explain = False,
    no_store: NoStore = False,
    store_values: StoreValues = False,
    fail_on: FailOn = None,
    db: DbPath = None,
) -> None:
    """Scan text-like files and folders and print a ranked findings table."""
    out, err = consoles(no_color)
    options = scan_options(output_format, fail_on, explain, no_store, store_values)
    finish_if_failed(err, lambda: existing_inputs(paths))

    def work() -> int:
        from scanner.commands.scan_files import run_scan_files

        settings = settings_for(config, db, spacy_model=spacy_model, workers=workers,
                                include_mentions=include_mentions or None)
        return run_scan_files(paths, output_format, show_values, limit or None, settings, _workers(settings),
                              out, err, options)

    finish(err, work, SCAN_NOT_STORED)


@app.command(cls=PlainHelpCommand)
def archive(
    paths: Annotated[list[Path], typer.Argument(
        help="Platform exports: zip, tar(.gz), folder or .car; split parts (-001.zip, -002.zip) as one.")],
    output_format: FormatOption = "table",
    show_values: ShowValues = False,
    limit: Limit = 50,
    workers: Workers = None,
    spacy_model: SpacyModel = None,
    include_mentions: IncludeMentions = False,
    no_color: NoColor = False,
    config: ConfigPath = None,
    explain: Explain = False,
    no_store: NoStore = False,
    store_values: StoreValues = False,
    fail_on: FailOn = None,
    db: DbPath = None,
) -> None:
    """Scan a platform export (X/Twitter, Bluesky, Facebook, ...) or any folder of text, mail and data."""
    out, err = consoles(no_color)
    options = scan_options(output_format, fail_on, explain, no_store, store_values)
    finish_if_failed(err, lambda: existing_inputs(paths))

    def work() -> int:
        from scanner.commands.archive import run_archive

        settings = settings_for(config, db, spacy_model=spacy_model, workers=workers,
                                include_mentions=include_mentions or None)
        return run_archive(paths, output_format, show_values, limit or None, settings, _workers(settings),
                           out, err, options)

    finish(err, work, SCAN_NOT_STORED)


@app.command(cls=PlainHelpCommand)
def batch(
    sources: Annotated[list[Path], typer.Argument(
        help="Exports (one subject each), folders of exports, or a manifest CSV "
        "(path,subject[,consent,notes]).")],
    cluster: Annotated[str, typer.Option(
        help="local (a Dask LocalCluster here), tcp://HOST:8786 (a running scheduler) "
        "or none (this process).")
    ] = "local",
    workers: Workers = None,
    db: Annotated[Path | None, typer.Option(
        "--db", help="Batch database: per-subject summary and skips, and findings without --out "
        "(default: batch.db in the user data directory).")] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Write findings as a Parquet dataset partitioned by subject into this folder.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip subjects the batch database has complete.")]
    = False,
    split_gb: Annotated[float, typer.Option(
        "--split-gb", help="Cut exports larger than this (GB on disk) into member ranges, one task each.")
    ] = 1.0,
    output_format: FormatOption = "table",
    spacy_model: SpacyModel = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Scan many people's exports, each as its own subject, on a Dask cluster or in this process."""
    out, err = consoles(no_color)
    check_format(output_format, ("table", "json"))
    if split_gb <= 0:
        raise typer.BadParameter("--split-gb must be above 0")

    def work() -> int:
        from scanner.commands.batch import run_batch_command

        settings = settings_for(config, spacy_model=spacy_model, workers=workers)
        return run_batch_command(sources, cluster, _workers(settings), db, out_dir, resume, split_gb,
                                 output_format, settings, out, err)

    finish(err, work)


def _selection_level(min_risk: str | None) -> float:
    """--min-risk as a level name (its floor) or a number 0-100."""
    if min_risk is None:
        return 0.0
    try:
        return parse_level(min_risk).floor
    except ValueError:
        pass
    try:
        value = float(min_risk)
    except ValueError:
        raise typer.BadParameter(f"--min-risk must be one of {', '.join(LEVELS)} or a number 0-100") from None
    if not 0 <= value <= 100:
        raise typer.BadParameter("--min-risk must be between 0 and 100")
    return value


MinRisk = Annotated[str | None, typer.Option(help="A level (low, medium, high, critical) or 0-100.")]
FindingsFormat = Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl, csv or markdown.")]
FindingsLimit = Annotated[int | None, typer.Option(
    help="At most this many (default: 50 in a table, all otherwise).")]
AboutMe = Annotated[bool, typer.Option(
    "--about-me", help="Only findings about you: your \\[me] profile, your account's fields, first person.")]
Since = Annotated[str | None, typer.Option(help="Only findings first seen on or after this ISO date.")]
ScanId = Annotated[str | None, typer.Option(help="Only findings seen by this scan id (or 'latest').")]
StoredValues = Annotated[bool, typer.Option(
    "--show-values", help="Print full values (they exist only if scanned with --store-values).")]


def _stored_selection(min_risk: str | None, categories: list[str] | None, sources: list[str] | None,
                      about_me: bool, statuses: tuple[str, ...] = (),
                      since: str | None = None) -> FindingFilter:
    """The stored findings that `findings`, `review` and `report` work on, the options checked."""
    from scanner.store import STATUSES, FindingFilter

    for value in statuses:
        if value not in STATUSES:
            raise typer.BadParameter(f"--status must be one of {', '.join(STATUSES)}")
    if since is not None:
        try:
            (datetime if "T" in since else date).fromisoformat(since)
        except ValueError:
            raise typer.BadParameter("--since must be an ISO date, e.g. 2026-01-31") from None
    return FindingFilter(min_risk=_selection_level(min_risk),
                         categories=tuple(value.lower() for value in categories or []),
                         sources=tuple(sources or []), statuses=statuses,
                         about_me=True if about_me else None, since=since)


CategoryFilter = Annotated[list[str] | None, typer.Option(
    "--category", help="Only this category (repeatable).")]
SourceFilter = Annotated[list[str] | None, typer.Option("--source", help="Only this source (repeatable).")]


@app.command(cls=PlainHelpCommand)
def findings(
    min_risk: MinRisk = None,
    category: CategoryFilter = None,
    entity: Annotated[list[str] | None, typer.Option(help="Only this entity, e.g. PERSON (repeatable).")]
    = None,
    source: Annotated[list[str] | None, typer.Option(help="Only this source, e.g. twitter (repeatable).")]
    = None,
    status: Annotated[list[str] | None, typer.Option(
        help="Only this status: open, confirmed, false-positive, fixed, ignored (repeatable).")] = None,
    about_me: AboutMe = False,
    since: Since = None,
    scan: ScanId = None,
    output_format: FindingsFormat = "table",
    limit: FindingsLimit = None,
    show_values: StoredValues = False,
    explain: Explain = False,
    db: DbPath = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """List stored findings, riskiest first, with filters."""
    from scanner.commands.findings import run_findings
    from scanner.report import FINDINGS_FORMATS

    out, err = consoles(no_color)
    check_format(output_format, tuple(FINDINGS_FORMATS))
    selection = _stored_selection(min_risk, category, source, about_me, tuple(status or ()), since)
    if scan is not None and scan != "latest" and not scan.isdigit():
        raise typer.BadParameter("--scan must be a scan id or 'latest'")
    selection = replace(selection, entities=tuple(e.upper() for e in entity or []), limit=limit or None)
    finish(err, lambda: run_findings(settings_for(config, db), selection, scan, output_format, show_values,
                                     explain, out, err))


@app.command(cls=PlainHelpCommand)
def mark(
    finding_id: Annotated[str, typer.Argument(metavar="ID", help="The finding's id (a fingerprint prefix).")],
    status: Annotated[str, typer.Argument(help="confirmed, false-positive, fixed, ignored or open.")],
    note: Annotated[str | None, typer.Option(help="A note to keep with the decision.")] = None,
    db: DbPath = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Record a triage decision on a finding; it carries over to later scans."""
    from scanner.commands.mark import run_mark
    from scanner.store import STATUSES

    _, err = consoles(no_color)
    if status not in STATUSES:
        raise typer.BadParameter(f"STATUS must be one of {', '.join(STATUSES)}")

    def work() -> int:
        return run_mark(settings_for(config, db), finding_id, status, note, err)

    finish(err, work)


@app.command(cls=PlainHelpCommand)
def diff(
    scan_a: Annotated[int | None, typer.Argument(
        help="The older scan id (default: the scan before the last of the same sources).")]
    = None,
    scan_b: Annotated[int | None, typer.Argument(help="The newer scan id (default: the last).")] = None,
    output_format: FormatOption = "table",
    show_values: ShowValues = False,
    limit: Annotated[int, typer.Option(help="Rows per table (0 for all).")] = 50,
    explain: Explain = False,
    db: DbPath = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """What is new, gone and unchanged between two scans (default: the last two of the same sources)."""
    from scanner.commands.diff import run_diff
    from scanner.report.diff_view import DIFF_FORMATS

    out, err = consoles(no_color)
    check_format(output_format, DIFF_FORMATS)
    if (scan_a is None) != (scan_b is None):
        raise typer.BadParameter("give both scan ids or neither")

    def work() -> int:
        settings = settings_for(config, db)
        return run_diff(settings, scan_a, scan_b, output_format, show_values, limit or None, out, err,
                        explain)

    finish(err, work)


@app.command(cls=PlainHelpCommand)
def scans(
    output_format: FormatOption = "table",
    db: DbPath = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """List stored scans (id, date, sources, counts, grade): the ids `diff` and `findings --scan` take."""
    from scanner.commands.scans import run_scans

    out, err = consoles(no_color)
    check_format(output_format, ("table", "json"))
    finish(err, lambda: run_scans(settings_for(config, db), output_format, out, err))


@app.command(cls=PlainHelpCommand)
def score(
    output_format: FormatOption = "table",
    top: Annotated[int, typer.Option(help="How many top exposures to list.")] = 10,
    explain: Explain = False,
    db: DbPath = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Your profile exposure score (0-100, grade A-F), its breakdown, and the top exposures and fixes."""
    from scanner.commands.score import run_score

    out, err = consoles(no_color)
    check_format(output_format, ("table", "json"))
    if top < 0:
        raise typer.BadParameter("--top must be 0 or more")

    def work() -> int:
        settings = settings_for(config, db)
        return run_score(settings, output_format, top, explain, out, err)

    finish(err, work)


AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Let the crawler reach private and loopback addresses (it does anyway when a URL "
    "you give is on one); link-local and multicast stay refused.")]


MaxItems = Annotated[int | None, typer.Option(
    "--max-items", help="Posts per profile or feed (default: max_items setting, 500).")]
MaxPages = Annotated[int, typer.Option("--max-pages", help="Pages per website.")]
Depth = Annotated[int, typer.Option("--depth", help="Link hops from the start page (0: that page only).")]
OwnSite = Annotated[list[str] | None, typer.Option(
    "--own-site", "--ignore-robots-for",
    help="A host that is yours: robots.txt does not stop the audit there (repeatable).")]
CheckCommonCrawl = Annotated[bool, typer.Option(
    "--check-common-crawl", help="Ask Common Crawl's index whether the pages were captured.")]
CheckCorpora = Annotated[bool, typer.Option(
    "--check-corpora", help="Send the riskiest sentences to infini-gram (a third party) to count them "
    "in public AI training corpora.")]
CrawlWorkers = Annotated[int | None, typer.Option(
    "--workers", "-w", help="Detection processes (default: 1; a polite crawl is slower than detection).")]


@app.command("scan", cls=PlainHelpCommand)
def scan_web(
    urls: Annotated[list[str], typer.Argument(help="Web pages, blogs or profile URLs to scan.")],
    output_format: FormatOption = "table",
    show_values: ShowValues = False,
    limit: Limit = 50,
    max_items: MaxItems = None,
    max_pages: MaxPages = 50,
    depth: Depth = 2,
    own_site: OwnSite = None,
    check_common_crawl: CheckCommonCrawl = False,
    check_corpora: CheckCorpora = False,
    allow_private: AllowPrivate = False,
    workers: CrawlWorkers = None,
    spacy_model: SpacyModel = None,
    include_mentions: IncludeMentions = False,
    no_color: NoColor = False,
    config: ConfigPath = None,
    explain: Explain = False,
    no_store: NoStore = False,
    store_values: StoreValues = False,
    fail_on: FailOn = None,
    db: DbPath = None,
) -> None:
    """Crawl URLs politely, find personal data, and show how open each site is to AI training."""
    out, err = consoles(no_color)
    if max_pages < 1 or depth < 0 or (max_items is not None and max_items < 1):
        raise typer.BadParameter("--max-pages and --max-items must be at least 1, --depth at least 0")
    options = scan_options(output_format, fail_on, explain, no_store, store_values)
    finish_if_failed(err, lambda: web_addresses(urls))

    def work() -> int:
        from scanner.commands.scan import WebOptions, run_scan_web

        web = WebOptions(max_items=max_items, max_pages=max_pages, depth=depth,
                         own_sites=tuple(own_site or ()), check_common_crawl=check_common_crawl,
                         check_corpora=check_corpora)
        settings = settings_for(config, db, spacy_model=spacy_model, workers=workers,
                                allow_private=allow_private or None,
                                include_mentions=include_mentions or None)
        # A crawl is bound by politeness (about a page a second), so one detection process keeps up;
        # more would each load spaCy for nothing. --workers / EXPOSURE_WORKERS still choose.
        return run_scan_web(urls, output_format, show_values, limit or None, settings, settings.workers or 1,
                            out, err, options, web)

    finish(err, work, SCAN_NOT_STORED)


@app.command(cls=PlainHelpCommand)
def review(
    min_risk: MinRisk = None,
    category: CategoryFilter = None,
    source: SourceFilter = None,
    about_me: AboutMe = False,
    show_values: StoredValues = False,
    db: DbPath = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Go through open findings, riskiest first: confirm, false positive, fixed, ignore; undo."""
    from scanner.commands.review import run_review

    out, err = consoles(no_color)

    def work() -> int:
        settings = settings_for(config, db)
        selection = _stored_selection(min_risk, category, source, about_me, statuses=("open",))
        return run_review(settings, selection, show_values, out, err)

    finish(err, work)


@app.command(cls=PlainHelpCommand)
def report(
    html_file: Annotated[Path, typer.Option("--html", help="Write a self-contained HTML report here.")],
    min_risk: MinRisk = None,
    category: CategoryFilter = None,
    source: SourceFilter = None,
    about_me: AboutMe = False,
    show_values: StoredValues = False,
    db: DbPath = None,
    no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Write one offline HTML file: score, charts, top exposures with fixes, a sortable findings table."""
    from scanner.commands.report import run_report

    _, err = consoles(no_color)

    def work() -> int:
        settings = settings_for(config, db)
        selection = _stored_selection(min_risk, category, source, about_me)
        return run_report(settings, html_file, selection, show_values, err)

    finish(err, work)


@app.command(cls=PlainHelpCommand)
def act(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json, markdown, csv.")]
    = "table",
    done: Annotated[list[str] | None, typer.Option(help="Mark a plan item done (its id; repeatable).")]
    = None,
    letters: Annotated[Path | None, typer.Option(help="Write the letters due now in this folder.")] = None,
    db: DbPath = None, no_color: NoColor = False, config: ConfigPath = None,
) -> None:
    """What to do about your findings: delete or edit, opt out, letters to write, blocks for your site."""
    from scanner.commands.act import run_act
    from scanner.report.plan import PLAN_FORMATS

    out, err = consoles(no_color)
    if output_format not in PLAN_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(PLAN_FORMATS)}")
    finish(err, lambda: run_act(settings_for(config, db), output_format, done or [], letters, out, err))


@app.command(cls=PlainHelpCommand)
def requests(
    event: Annotated[str, typer.Argument(help="list, sent, answered, extended, followed-up, complained, "
                                         "done or note.")] = "list",
    ref: Annotated[str | None, typer.Argument(help="The letter (for sent) or request id or letter.")] = None,
    on: Annotated[str | None, typer.Option(help="The date it happened (default: today where you are).")]
    = None,
    note: Annotated[str | None, typer.Option(help="A note to keep with the request.")] = None,
    output_format: FormatOption = "table", db: DbPath = None, no_color: NoColor = False,
    config: ConfigPath = None,
) -> None:
    """Track the legal requests you sent: deadlines, states, follow-ups and complaints."""
    from datetime import date

    from scanner.actions.tracking import EVENTS
    from scanner.commands.requests import run_requests

    out, err = consoles(no_color)
    if output_format not in {"table", "json"}:
        raise typer.BadParameter("--format must be table or json")
    if event not in ("list", *EVENTS) or (event != "list" and ref is None):
        raise typer.BadParameter(f"give list, or one of {', '.join(EVENTS)} with a letter or request id")
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise typer.BadParameter("--on must be an ISO date, e.g. 2026-01-31") from None
    finish(err, lambda: run_requests(settings_for(config, db), event, ref, day, note, output_format, out,
                                     err))


def main() -> None:
    """The `exposure` console script: the app, then, on the way out, the cyclic garbage collector told to
    leave alone every object still alive. Python's exit otherwise walks all of them (spaCy's vocabulary,
    the lexicons) in a last collection the process does not need: about 0.4 s of a one-line detect's
    3 s. The objects are still released and every exit handler still runs; tests call `app` directly."""
    try:
        app()
    finally:
        gc.freeze()
