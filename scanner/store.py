"""The findings database: one SQLite file, the only module that writes SQL.

    scans          one row per stored scan (command, target, counts, profile score)
    sources        the latest SourceSignals of each host or platform (JSON)
    documents      DocumentInfo without text or metadata (id, source, kind, url, date, visibility)
    explanations   each distinct list of risk factors once (JSON); findings point at theirs
    findings       one row per fingerprint: masked value, keyed hash, redacted snippet, risk;
                   the raw value only when the person opted in (--store-values)
    scan_findings  which findings each scan saw, for `exposure diff`
    triage         the person's decision per fingerprint (confirmed, false-positive, fixed, ignored)
    triage_log     every decision in order, so the last one can be undone
    item_marks     plan items (documents) the person marked done, and what the next scan found
    requests       legal requests the person sent: recipient, law, date sent, status, notes
    migrations     the named migrations already applied

The file and its -wal/-shm/journal files are mode 0600 in a 0700 directory (scanner.dbfile judges
and creates the file). WAL mode and a busy timeout let two scans store into one file: each waits for
the other's one write transaction instead of failing. A finding is keyed by its
fingerprint (scanner.identity), so a rescan updates rows instead of adding them and triage carries over.
Indexes on risk (alone and after entity, category, source) keep `findings --min-risk high` fast at a
million rows (tests/benchmarks/store_speed.py).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.actions.records import ItemMark, TrackedRequest
from scanner.config import Settings, default_data_dir
from scanner.dbfile import FileState, create_private, database_state, tighten, tighten_side_files
from scanner.errors import StoreError
from scanner.models import DocumentKind, Exposed, Factor, SourceSignals, Visibility
from scanner.redact import mask
from scanner.sealed import Sealer

if TYPE_CHECKING:  # the store keeps what the scoring model decides and never imports its rules
    from scanner.scoring.findings import ScoredFinding
    from scanner.scoring.levels import Risk

STATUSES = ("open", "confirmed", "false-positive", "fixed", "ignored")
"""Triage decisions; 'open' is the state of a finding nobody has decided on."""
RESOLVED = ("false-positive", "fixed")
"""Statuses that take a finding out of the profile score."""
UNRESOLVED = tuple(status for status in STATUSES if status not in RESOLVED)
DB_FILE = "exposure.db"
CACHE_KIB = 16384
"""Page cache per connection: a fixed share of a scan's memory (which must not grow with the archive),
big enough that writing a few hundred thousand findings does not spill index pages over and over."""
BUSY_SECONDS = 120.0
"""How long a scan waits for another writing into the same database (one scan's writes are one
transaction, taken after detection, so a wait is as long as another scan's storing, not its scanning)."""
WRITE_BATCH = 5000
"""Findings written per executemany while a scan streams into the database."""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            command TEXT NOT NULL,
            target TEXT NOT NULL,
            documents INTEGER NOT NULL DEFAULT 0,
            findings INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            profile_score REAL,
            grade TEXT,
            values_stored INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sources (
            key TEXT PRIMARY KEY,
            platform TEXT,
            signals TEXT NOT NULL,
            scan_id INTEGER REFERENCES scans(id),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            url TEXT,
            created_at TEXT,
            visibility TEXT NOT NULL
        );
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL UNIQUE,
            document_id TEXT NOT NULL REFERENCES documents(id),
            source TEXT NOT NULL,
            entity TEXT NOT NULL,
            category TEXT NOT NULL,
            value_hash TEXT NOT NULL,
            value_masked TEXT NOT NULL,
            value TEXT,
            score REAL NOT NULL,
            detector TEXT NOT NULL,
            reason TEXT NOT NULL,
            snippet TEXT NOT NULL,
            first_person INTEGER NOT NULL,
            about_me INTEGER NOT NULL,
            risk REAL NOT NULL,
            level TEXT NOT NULL,
            factors TEXT NOT NULL,
            first_scan INTEGER NOT NULL REFERENCES scans(id),
            last_scan INTEGER NOT NULL REFERENCES scans(id),
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE TABLE scan_findings (
            scan_id INTEGER NOT NULL REFERENCES scans(id),
            finding_id INTEGER NOT NULL REFERENCES findings(id),
            PRIMARY KEY (scan_id, finding_id)
        ) WITHOUT ROWID;
        CREATE TABLE triage (
            fingerprint TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            note TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE triage_log (
            id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            previous TEXT,
            previous_note TEXT,
            status TEXT NOT NULL,
            at TEXT NOT NULL
        );
    """),
    ("0002_indexes", """
        CREATE INDEX findings_risk ON findings(risk DESC);
        CREATE INDEX findings_entity_risk ON findings(entity, risk DESC);
        CREATE INDEX findings_category_risk ON findings(category, risk DESC);
        CREATE INDEX findings_source_risk ON findings(source, risk DESC);
        CREATE INDEX findings_last_scan ON findings(last_scan);
        CREATE INDEX findings_value_hash ON findings(value_hash);
        CREATE INDEX findings_document ON findings(document_id);
    """),
    ("0003_explanations", """
        CREATE TABLE explanations (
            id INTEGER PRIMARY KEY,
            factors TEXT NOT NULL UNIQUE
        );
        INSERT OR IGNORE INTO explanations (factors) SELECT DISTINCT factors FROM findings;
        ALTER TABLE findings ADD COLUMN explanation_id INTEGER REFERENCES explanations(id);
        UPDATE findings SET explanation_id =
            (SELECT id FROM explanations e WHERE e.factors = findings.factors);
        ALTER TABLE findings DROP COLUMN factors;
    """),
    ("0004_about_the_person_index", """
        CREATE INDEX findings_about_the_person ON findings(entity) WHERE (about_me = 1 OR first_person = 1);
    """),
    ("0005_subject", """
        ALTER TABLE findings ADD COLUMN subject TEXT;
        ALTER TABLE findings ADD COLUMN mention INTEGER NOT NULL DEFAULT 0;
    """),
    ("0006_third_party_documents", """
        ALTER TABLE documents ADD COLUMN third_party TEXT;
    """),
    ("0007_action_plan", """
        CREATE TABLE item_marks (
            document_id TEXT PRIMARY KEY,
            marked_scan INTEGER NOT NULL,
            marked_at TEXT NOT NULL,
            outcome TEXT,
            checked_scan INTEGER
        );
        CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            letter TEXT NOT NULL,
            section TEXT NOT NULL,
            recipient TEXT NOT NULL,
            law TEXT NOT NULL,
            sent_on TEXT NOT NULL,
            extended INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL,
            followed_up_on TEXT,
            complained_on TEXT,
            notes TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );
    """),
)


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """A finding as the database holds it: no raw value unless it was stored on purpose."""

    fingerprint: str
    document_id: str
    source: str
    kind: DocumentKind
    url: str | None
    created_at: str | None
    visibility: Visibility
    entity: str
    category: str
    value_hash: str
    value_masked: str
    value: str | None
    """Only when scanned with --store-values."""
    score: float
    detector: str
    reason: str
    snippet: str
    first_person: bool
    about_me: bool
    risk: float
    level: str
    factors: tuple[Factor, ...]
    status: str
    note: str | None
    first_scan: int
    last_scan: int
    first_seen: str
    last_seen: str
    third_party: str | None = None
    """What kind of other people's data its document holds ('connections'; scanner.scoring.owner), or None."""
    subject: str | None = None
    """Whose attribute a statement finding is (Finding.subject)."""
    mention: bool = False
    """A topic mention kept by --include-mentions (Finding.mention)."""


@dataclass(frozen=True, slots=True)
class FindingFilter:
    """What `Store.findings` selects; empty tuples mean 'any'."""

    min_risk: float = 0.0
    categories: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    about_me: bool | None = None
    """True: findings about the person (self profile, the account's own fields, first person)."""
    since: str | None = None
    """ISO date or time: first seen on or after it."""
    scan_id: int | None = None
    """Only findings that scan saw."""
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ScanRecord:
    id: int
    started_at: str
    command: str
    target: str
    documents: int
    findings: int
    skipped: int
    profile_score: float | None
    grade: str | None


@dataclass(frozen=True, slots=True)
class TriageChange:
    fingerprint: str
    previous: str
    status: str


@dataclass(frozen=True, slots=True)
class ScanDiff:
    """What changed between two scans, by fingerprint."""

    old: ScanRecord
    new: ScanRecord
    added: list[StoredFinding]
    gone: list[StoredFinding]
    unchanged: int


def database_path(settings: Settings) -> Path:
    """--db / EXPOSURE_DB / exposure.toml, else exposure.db in the user data directory."""
    return Path(settings.db).expanduser() if settings.db else default_data_dir() / DB_FILE


def open_store(settings: Settings, *, create: bool = True, read_only: bool = False) -> Store:
    """The person's findings database, as every command opens it (`with open_store(settings) as store`).

    Commands that only read pass `create=False, read_only=True`; triage passes `create=False`.
    """
    return Store(database_path(settings), create=create, read_only=read_only)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def refuse_foreign_database(path: Path) -> None:
    """A StoreError, with nothing changed, when `path` holds another program's SQLite database."""
    if database_state(path) is not FileState.DATABASE:
        return
    try:
        connection = _connect_read_only(path)
        try:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {row[0] for row in rows}
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the findings database {path}: {error}") from error
    if tables and "migrations" not in tables:
        raise StoreError(f"{path} is an SQLite database of something else (no migrations table); "
                         "nothing was changed")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: also for a 0400 file or a database in a read-only folder.

    SQLite reads a WAL database through its -shm file, which it cannot create in a read-only folder;
    then, when no -wal holds unsaved pages, the file is read as immutable (which ignores any WAL).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_SECONDS)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
    return sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)


_FINDING_COLUMNS = """f.fingerprint, f.document_id, f.source, d.kind, d.url, d.created_at, d.visibility,
    f.entity, f.category, f.value_hash, f.value_masked, f.value, f.score, f.detector, f.reason, f.snippet,
    f.first_person, f.about_me, f.risk, f.level, e.factors, coalesce(t.status, 'open'), t.note,
    f.first_scan, f.last_scan, f.first_seen, f.last_seen, d.third_party, f.subject, f.mention"""
_FINDING_FROM = """findings f JOIN documents d ON d.id = f.document_id
    JOIN explanations e ON e.id = f.explanation_id
    LEFT JOIN triage t ON t.fingerprint = f.fingerprint"""
_ABOUT_THE_PERSON = "(f.about_me = 1 OR f.first_person = 1)"
"""The condition of the partial index findings_about_the_person (0004); queries must spell it alike."""


def _in_scan(alias: str = "f") -> str:
    """A condition keeping the findings one scan saw (one parameter: the scan id).

    The unary + keeps SQLite from driving the query by these ids: it walks the risk index instead and
    tests each id, so a scan's ranked findings come out without a sort of all of them in memory (and
    a --limit stops early).
    """
    return f"+{alias}.id IN (SELECT finding_id FROM scan_findings WHERE scan_id = ?)"


_RANKED = "ORDER BY f.risk DESC, f.id"
"""Riskiest first, then oldest row: both straight from the risk index (its entries end in the rowid)."""
_UPSERT_SOURCE = """INSERT INTO sources (key, platform, signals, scan_id, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(key) DO UPDATE SET platform = excluded.platform, signals = excluded.signals,
    scan_id = excluded.scan_id, updated_at = excluded.updated_at"""
_UPSERT_DOCUMENT = """INSERT INTO documents (id, source, kind, url, created_at, visibility, third_party)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET source = excluded.source, kind = excluded.kind, url = excluded.url,
    created_at = excluded.created_at, visibility = excluded.visibility, third_party = excluded.third_party"""
_UPSERT_FINDING = """INSERT INTO findings (fingerprint, document_id, source, entity, category, value_hash,
    value_masked, value, score, detector, reason, snippet, first_person, about_me, risk, level,
    explanation_id, first_scan, last_scan, first_seen, last_seen, subject, mention)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(fingerprint) DO UPDATE SET source = excluded.source, category = excluded.category,
    value_masked = excluded.value_masked, value = excluded.value, score = excluded.score,
    detector = excluded.detector, reason = excluded.reason, snippet = excluded.snippet,
    first_person = excluded.first_person, about_me = excluded.about_me, risk = excluded.risk,
    subject = excluded.subject, mention = excluded.mention,
    level = excluded.level, explanation_id = excluded.explanation_id, last_scan = excluded.last_scan,
    last_seen = excluded.last_seen
    WHERE findings.last_scan <> excluded.last_scan OR excluded.risk > findings.risk"""


def _stored(row: tuple[Any, ...], sealer: Sealer) -> StoredFinding:
    factors = tuple(Factor(item["name"], item["value"], item["why"]) for item in json.loads(row[20]))
    return StoredFinding(
        fingerprint=row[0], document_id=row[1], source=row[2], kind=DocumentKind(row[3]), url=row[4],
        created_at=row[5], visibility=Visibility(row[6]), entity=row[7], category=row[8], value_hash=row[9],
        value_masked=row[10], value=row[11], score=row[12], detector=row[13], reason=row[14],
        snippet=sealer.open(row[15]),
        first_person=bool(row[16]), about_me=bool(row[17]), risk=row[18], level=row[19], factors=factors,
        status=row[21], note=row[22], first_scan=row[23], last_scan=row[24], first_seen=row[25],
        last_seen=row[26], third_party=row[27], subject=row[28], mention=bool(row[29]),
    )


def _with_status(wanted: tuple[str, ...], alias: str = "f") -> tuple[str, list[Any]]:
    """A condition keeping findings whose triage status is in `wanted` ('open' = no decision).

    It is driven from the small triage table and tests the finding's rowid, which every index holds,
    so a filter over a million findings never reads their rows to compare fingerprints.
    """
    marks = ", ".join("?" for _ in wanted)
    decided = ("SELECT g.id FROM triage t CROSS JOIN findings g ON g.fingerprint = t.fingerprint "
               "WHERE t.status {} ({})")
    if "open" in wanted:
        return f"{alias}.id NOT IN ({decided.format('NOT IN', marks)})", list(wanted)
    return f"{alias}.id IN ({decided.format('IN', marks)})", list(wanted)


def _where(selection: FindingFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["f.risk >= ?"]
    params: list[Any] = [selection.min_risk]
    choices = (("f.category", selection.categories), ("f.entity", selection.entities),
               ("f.source", selection.sources))
    for column, values in choices:
        if values:
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    if selection.statuses:
        clause, status_params = _with_status(selection.statuses)
        clauses.append(clause)
        params.extend(status_params)
    if selection.about_me is not None:
        clauses.append(_ABOUT_THE_PERSON if selection.about_me else f"NOT {_ABOUT_THE_PERSON}")
    if selection.since:
        clauses.append("f.first_seen >= ?")
        params.append(selection.since)
    if selection.scan_id is not None:
        clauses.append(_in_scan())
        params.append(selection.scan_id)
    return " AND ".join(clauses), params


class Store:
    """An open findings database. Use as a context manager; every write is one transaction."""

    def __init__(self, path: Path, sealer: Sealer | None = None, *, create: bool = True,
                 read_only: bool = False) -> None:
        """Open (with `create`, make) the database at `path`; `read_only` for commands that only list.

        A path that is not an SQLite database, a missing one without `create`, and a schema this
        version does not know are each a StoreError of one line, with nothing changed.
        """
        self.path = path
        self._sealer = sealer or Sealer()
        """Seals snippets, which hold document text (scanner.sealed)."""
        self._explanations: dict[tuple[Factor, ...], int] = {}
        state = database_state(path)
        if state is not FileState.DATABASE and not create:
            raise StoreError(f"no findings database at {path}; run a scan first")
        try:
            if state is FileState.MISSING:
                create_private(path)
            if read_only:
                self._db = _connect_read_only(path)
            else:
                tighten(path)
                self._db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._check_schema(migrate=not read_only)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"cannot open the findings database {path}: {error}") from error
        if not read_only:
            tighten_side_files(path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _check_schema(self, migrate: bool) -> None:
        """Bring the schema forward (when writable) and refuse one this version does not know.

        Drift is one line naming the migration: a newer migration than MIGRATIONS lists (a newer
        exposure made the file), or a table one of ours created that is gone.
        """
        tables = self._tables()
        if "migrations" not in tables and tables:
            raise StoreError(f"{self.path} is an SQLite database of something else (no migrations table); "
                             "nothing was changed")
        if migrate:
            self._migrate()
            tables = self._tables()
        applied = self.applied_migrations() if "migrations" in tables else []
        known = [name for name, _ in MIGRATIONS]
        for name in applied:
            if name not in known:
                raise StoreError(f"{self.path} has migration {name}, which this exposure does not know "
                                 f"(its newest is {known[-1]}): a newer version made it; upgrade exposure")
        for name in known:
            if name not in applied:
                raise StoreError(f"{self.path} needs migration {name} but is opened read-only; run a scan "
                                 "(or any writing command) once to bring it forward")
        for name, script in MIGRATIONS:
            for table in re.findall(r"CREATE TABLE (\w+)", script):
                if table in tables:
                    continue
                raise StoreError(f"{self.path} lacks table {table} (made by migration {name}): the "
                                 "schema was changed outside exposure")

    def _tables(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS migrations "
                         "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        for name, script in MIGRATIONS:
            if name in applied:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    self._db.execute("COMMIT")  # another process applied it while we waited
                    continue
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
                self._db.execute("COMMIT")
            except sqlite3.Error:
                self._db.execute("ROLLBACK")
                raise

    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT name FROM migrations ORDER BY name")]

    # -- writing a scan ------------------------------------------------------------------------------

    def save_scan(self, command: str, target: str, scored: Iterable[ScoredFinding],
                  signals: Iterable[SourceSignals] = (), documents: int = 0, skipped: int = 0,
                  store_values: bool = False) -> int:
        """Store one scan's findings (upserted by fingerprint) and return the new scan id.

        Its profile score is recorded after (record_profile), once combinations across scans are applied.
        """
        started = _now()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            scan_id = self._db.execute(
                "INSERT INTO scans (started_at, command, target, documents, skipped, values_stored) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (started, command, target, documents, skipped, int(store_values))).lastrowid
            assert scan_id is not None
            for signal in signals:
                self._db.execute(_UPSERT_SOURCE, (signal.key.lower(), signal.platform,
                                                  json.dumps(asdict(signal)), scan_id, started))
            self._write_findings(scan_id, started, scored, store_values)
            self._db.execute("INSERT OR IGNORE INTO scan_findings (scan_id, finding_id) "
                             "SELECT ?, id FROM findings WHERE last_scan = ?", (scan_id, scan_id))
            self._db.execute("UPDATE scans SET findings = (SELECT count(*) FROM scan_findings "
                             "WHERE scan_id = ?) WHERE id = ?", (scan_id, scan_id))
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"cannot store the scan in {self.path}: {error}") from error
        finally:
            tighten_side_files(self.path)
        return scan_id

    def _write_findings(self, scan_id: int, started: str, scored: Iterable[ScoredFinding],
                        store_values: bool) -> None:
        """Write in batches as the findings stream past; nothing is kept across batches.

        A fingerprint seen twice in one scan keeps its highest risk: the upsert only overwrites a row
        of this scan with a riskier one (_UPSERT_FINDING's condition).
        """
        batch: dict[str, ScoredFinding] = {}
        for item in scored:
            kept = batch.get(item.fingerprint)
            if kept is None or item.risk.score > kept.risk.score:
                batch[item.fingerprint] = item
            if len(batch) >= WRITE_BATCH:
                self._write_batch(scan_id, started, list(batch.values()), store_values)
                batch = {}
        self._write_batch(scan_id, started, list(batch.values()), store_values)

    def _write_batch(self, scan_id: int, started: str, batch: list[ScoredFinding],
                     store_values: bool) -> None:
        documents = {}
        for item in batch:
            info = item.finding.document
            documents[info.id] = (info.id, info.source, info.kind.value, info.url,
                                  info.created_at.isoformat() if info.created_at else None,
                                  info.visibility.value, item.third_party)
        self._db.executemany(_UPSERT_DOCUMENT, documents.values())
        self._db.executemany(
            _UPSERT_FINDING,
            (self._finding_row(item, scan_id, started, store_values) for item in batch))

    def _explanation_id(self, factors: tuple[Factor, ...]) -> int:
        """The id of a list of factors, stored once however many findings share it."""
        known = self._explanations.get(factors)
        if known is None:
            text = json.dumps([asdict(factor) for factor in factors], ensure_ascii=False)
            self._db.execute("INSERT OR IGNORE INTO explanations (factors) VALUES (?)", (text,))
            row = self._db.execute("SELECT id FROM explanations WHERE factors = ?", (text,)).fetchone()
            known = int(row[0])
            self._explanations[factors] = known
        return known

    def _finding_row(self, item: ScoredFinding, scan_id: int, started: str,
                     store_values: bool) -> tuple[Any, ...]:
        finding = item.finding
        factors = self._explanation_id(item.risk.factors)
        return (item.fingerprint, finding.document.id, finding.document.source, finding.entity,
                finding.category, item.value_hash, mask(finding.value, finding.entity),
                finding.value if store_values else None, finding.score, finding.detector, finding.reason,
                self._sealer.seal(finding.snippet), int(item.first_person), int(item.about_me),
                item.risk.score, item.risk.level.value, factors, scan_id, scan_id, started, started,
                finding.subject, int(finding.mention))

    # -- reading -------------------------------------------------------------------------------------

    def findings(self, selection: FindingFilter = FindingFilter()) -> Iterator[StoredFinding]:
        """Findings ranked by risk (highest first), then by fingerprint for a stable order."""
        where, params = _where(selection)
        sql = f"SELECT {_FINDING_COLUMNS} FROM {_FINDING_FROM} WHERE {where} {_RANKED}"
        if selection.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [selection.limit, selection.offset]
        for row in self._db.execute(sql, params):
            yield _stored(row, self._sealer)

    def count(self, selection: FindingFilter = FindingFilter()) -> int:
        """How many findings match (ignoring limit and offset): from the indexes alone where possible."""
        where, params = _where(selection)
        row = self._db.execute(f"SELECT count(*) FROM findings f WHERE {where}", params).fetchone()
        return int(row[0])

    def finding(self, prefix: str) -> StoredFinding:
        """The one finding whose fingerprint starts with `prefix` (at least 4 characters)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 4 or any(ch not in "0123456789abcdef" for ch in prefix):
            raise StoreError(f"not a finding id: {prefix!r} (4 or more hex characters of a fingerprint)")
        rows = self._db.execute(
            f"SELECT {_FINDING_COLUMNS} FROM {_FINDING_FROM} WHERE f.fingerprint >= ? AND f.fingerprint < ? "
            "LIMIT 2", (prefix, prefix + "g")).fetchall()
        if not rows:
            raise StoreError(f"no finding with id {prefix}")
        if len(rows) > 1:
            raise StoreError(f"id {prefix} is ambiguous: give more characters")
        return _stored(rows[0], self._sealer)

    def scans(self) -> list[ScanRecord]:
        rows = self._db.execute("SELECT id, started_at, command, target, documents, findings, skipped, "
                                "profile_score, grade FROM scans ORDER BY id").fetchall()
        return [ScanRecord(*row) for row in rows]

    def scan(self, scan_id: int) -> ScanRecord:
        for record in self.scans():
            if record.id == scan_id:
                return record
        raise StoreError(f"no scan with id {scan_id}")

    def signals(self) -> dict[str, SourceSignals]:
        """The latest SourceSignals per key."""
        result = {}
        for key, raw in self._db.execute("SELECT key, signals FROM sources"):
            data = json.loads(raw)
            for name in ("training_crawlers_allowed", "training_crawlers_blocked", "notes"):
                data[name] = tuple(data.get(name) or ())
            result[key] = SourceSignals(**data)
        return result

    def exposed(self) -> Iterator[Exposed]:
        """What the profile score needs of every finding not resolved (false positive or fixed)."""
        unresolved, params = _with_status(UNRESOLVED)
        sql = ("SELECT f.entity || ':' || f.value_hash, f.category, f.source, f.risk FROM findings f "
               f"WHERE {unresolved}")
        for row in self._db.execute(sql, params):
            yield Exposed(*row)

    def record_profile(self, scan_id: int, score: float, grade: str) -> None:
        """Keep a scan's profile score with it (known only once its findings are stored and combined)."""
        self._db.execute("UPDATE scans SET profile_score = ?, grade = ? WHERE id = ?",
                         (score, grade, scan_id))

    def distinct(self, column: str) -> list[str]:
        """The distinct values of an indexed column, by hopping along its index (a skip scan)."""
        sql = (f"WITH RECURSIVE hop(v) AS (SELECT min({column}) FROM findings UNION ALL "
               f"SELECT (SELECT min({column}) FROM findings WHERE {column} > hop.v) FROM hop "
               "WHERE hop.v IS NOT NULL) "
               "SELECT v FROM hop WHERE v IS NOT NULL")
        return [row[0] for row in self._db.execute(sql)]

    def top_risks(self, count: int, column: str | None = None, value: str | None = None,
                  scan_id: int | None = None) -> list[float]:
        """The risks of the `count` riskiest distinct values not resolved (where `column` is `value`)."""
        where = f"f.{column} = ? AND " if column else ""
        params: list[Any] = [value] if column else []
        if scan_id is not None:
            where += f"{_in_scan()} AND "
            params.append(scan_id)
        unresolved, status_params = _with_status(UNRESOLVED)
        sql = f"SELECT f.value_hash, f.risk FROM findings f WHERE {where}{unresolved} {_RANKED}"
        best: dict[str, float] = {}
        cursor = self._db.execute(sql, params + status_params)
        for value_hash, risk in cursor:
            best.setdefault(value_hash, risk)
            if len(best) >= count:
                break
        cursor.close()
        return list(best.values())

    def distinct_values(self, scan_id: int | None = None) -> int:
        """Distinct values with at least one finding not resolved (in one scan, if given)."""
        def in_scan(alias: str) -> str:
            return f" AND {_in_scan(alias)}" if scan_id is not None else ""

        scan_params = [scan_id] if scan_id is not None else []
        total = int(self._db.execute(
            f"SELECT count(DISTINCT r.value_hash) FROM findings r WHERE 1{in_scan('r')}", scan_params,
        ).fetchone()[0])
        marks = ", ".join("?" for _ in RESOLVED)
        unresolved, params = _with_status(UNRESOLVED, alias="h")
        gone = self._db.execute(
            "SELECT count(DISTINCT r.value_hash) FROM triage t CROSS JOIN findings r "
            f"ON r.fingerprint = t.fingerprint WHERE t.status IN ({marks}){in_scan('r')} AND NOT EXISTS "
            f"(SELECT 1 FROM findings h WHERE h.value_hash = r.value_hash AND {unresolved}{in_scan('h')})",
            (*RESOLVED, *scan_params, *params, *scan_params)).fetchone()[0]
        return total - int(gone)

    def linked_entities(self) -> frozenset[str]:
        """Entities of stored findings about the person (self profile or first person), not resolved."""
        unresolved, params = _with_status(UNRESOLVED)
        sql = f"SELECT DISTINCT f.entity FROM findings f WHERE {_ABOUT_THE_PERSON} AND {unresolved}"
        return frozenset(row[0] for row in self._db.execute(sql, params))

    def about_the_person(self, entities: list[str]) -> list[tuple[int, str, float, str, tuple[Factor, ...]]]:
        """(row id, entity, risk, level, factors) of stored findings about the person with these entities."""
        sql = (f"SELECT f.id, f.entity, f.risk, f.level, e.factors FROM findings f "
               f"JOIN explanations e ON e.id = f.explanation_id "
               f"WHERE {_ABOUT_THE_PERSON} "
               f"AND f.entity IN ({', '.join('?' for _ in entities)})")
        rows = self._db.execute(sql, entities).fetchall()
        return [(finding_id, entity, risk, level,
                 tuple(Factor(i["name"], i["value"], i["why"]) for i in json.loads(factors_json)))
                for finding_id, entity, risk, level, factors_json in rows]

    def update_risks(self, updates: list[tuple[int, Risk]]) -> None:
        """Apply risks the scoring model decided, by row id, in one transaction."""
        if not updates:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for finding_id, risk_now in updates:
                explanation = self._explanation_id(risk_now.factors)
                self._db.execute("UPDATE findings SET risk = ?, level = ?, explanation_id = ? WHERE id = ?",
                                 (risk_now.score, risk_now.level.value, explanation, finding_id))
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._db.execute("ROLLBACK")
            raise StoreError(f"cannot update {self.path}: {error}") from error

    def places(self, value_hashes: Iterable[str]) -> dict[str, int]:
        """How many findings (places) hold each of these values."""
        hashes = list(value_hashes)
        if not hashes:
            return {}
        marks = ", ".join("?" for _ in hashes)
        sql = f"SELECT value_hash, count(*) FROM findings WHERE value_hash IN ({marks}) GROUP BY value_hash"
        return {row[0]: int(row[1]) for row in self._db.execute(sql, hashes)}

    # -- triage --------------------------------------------------------------------------------------

    def set_status(self, prefix: str, status: str, note: str | None = None) -> TriageChange:
        """Record a decision on one finding; it carries over to every later scan."""
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        found = self.finding(prefix)
        now = _now()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT INTO triage_log (fingerprint, previous, previous_note, status, at) "
                             "VALUES (?, ?, ?, ?, ?)",
                             (found.fingerprint, found.status, found.note, status, now))
            self._db.execute(
                "INSERT INTO triage (fingerprint, status, note, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(fingerprint) DO UPDATE SET status = excluded.status, note = excluded.note, "
                "updated_at = excluded.updated_at", (found.fingerprint, status, note, now))
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"cannot record the decision in {self.path}: {error}") from error
        return TriageChange(found.fingerprint, found.status, status)

    def undo_last(self) -> TriageChange | None:
        """Take back the latest decision; None when there is nothing to undo."""
        row = self._db.execute("SELECT id, fingerprint, previous, previous_note, status FROM triage_log "
                               "ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        log_id, fingerprint, previous, previous_note, status = row
        self._db.execute("BEGIN IMMEDIATE")
        if previous == "open" and previous_note is None:
            self._db.execute("DELETE FROM triage WHERE fingerprint = ?", (fingerprint,))
        else:
            self._db.execute("UPDATE triage SET status = ?, note = ?, updated_at = ? WHERE fingerprint = ?",
                             (previous, previous_note, _now(), fingerprint))
        self._db.execute("DELETE FROM triage_log WHERE id = ?", (log_id,))
        self._db.execute("COMMIT")
        return TriageChange(fingerprint, status, previous)

    # -- comparing scans -----------------------------------------------------------------------------

    def diff(self, old_id: int | None = None, new_id: int | None = None) -> ScanDiff:
        """New, gone and unchanged findings between two scans (default: the last two)."""
        scans = self.scans()
        if old_id is None or new_id is None:
            if len(scans) < 2:
                raise StoreError("diff needs two stored scans; there are " + str(len(scans)))
            old_id, new_id = scans[-2].id, scans[-1].id
        old, new = self.scan(old_id), self.scan(new_id)

        def only_in(this: int, other: int) -> list[StoredFinding]:
            sql = (f"SELECT {_FINDING_COLUMNS} FROM {_FINDING_FROM} WHERE f.id IN "
                   "(SELECT finding_id FROM scan_findings WHERE scan_id = ? EXCEPT "
                   f"SELECT finding_id FROM scan_findings WHERE scan_id = ?) {_RANKED}")
            return [_stored(row, self._sealer) for row in self._db.execute(sql, (this, other))]

        unchanged = self._db.execute(
            "SELECT count(*) FROM (SELECT finding_id FROM scan_findings WHERE scan_id = ? INTERSECT "
            "SELECT finding_id FROM scan_findings WHERE scan_id = ?)", (old_id, new_id)).fetchone()[0]
        return ScanDiff(old, new, only_in(new_id, old_id), only_in(old_id, new_id), int(unchanged))

    # -- the action plan: items marked done, requests sent ------------------------------------------

    def latest_scans(self) -> dict[str, int]:
        """The latest scan that read each source (platform name, or host for web sources)."""
        latest: dict[str, int] = {}
        for key, scan_id in self._db.execute(
                "SELECT source, max(last_scan) FROM findings GROUP BY source "
                "UNION ALL SELECT key, scan_id FROM sources WHERE scan_id IS NOT NULL"):
            latest[key] = max(latest.get(key, 0), int(scan_id))
        return latest

    def document_findings(self, document_id: str) -> list[StoredFinding]:
        sql = f"SELECT {_FINDING_COLUMNS} FROM {_FINDING_FROM} WHERE f.document_id = ? {_RANKED}"
        return [_stored(row, self._sealer) for row in self._db.execute(sql, (document_id,))]

    def set_document_status(self, document_id: str, status: str, note: str | None = None) -> int:
        """One decision for every finding of a document (a plan item), each logged so undo works."""
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        found = self.document_findings(document_id)
        now = _now()
        with self._transaction():
            for item in found:
                self._db.execute("INSERT INTO triage_log (fingerprint, previous, previous_note, status, at) "
                                 "VALUES (?, ?, ?, ?, ?)",
                                 (item.fingerprint, item.status, item.note, status, now))
                self._db.execute(
                    "INSERT INTO triage (fingerprint, status, note, updated_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(fingerprint) DO UPDATE SET status = excluded.status, note = excluded.note, "
                    "updated_at = excluded.updated_at", (item.fingerprint, status, note, now))
        return len(found)

    def mark_item(self, document_id: str, scan_id: int) -> None:
        """Remember that an item was marked done after `scan_id` (replacing an earlier mark)."""
        with self._transaction():
            self._db.execute(
                "INSERT INTO item_marks (document_id, marked_scan, marked_at) VALUES (?, ?, ?) "
                "ON CONFLICT(document_id) DO UPDATE SET marked_scan = excluded.marked_scan, "
                "marked_at = excluded.marked_at, outcome = NULL, checked_scan = NULL",
                (document_id, scan_id, _now()))

    def item_marks(self) -> dict[str, ItemMark]:
        rows = self._db.execute("SELECT document_id, marked_scan, marked_at, outcome, checked_scan "
                                "FROM item_marks ORDER BY document_id")
        return {row[0]: ItemMark(*row) for row in rows}

    def set_item_outcome(self, document_id: str, outcome: str, scan_id: int) -> None:
        with self._transaction():
            self._db.execute("UPDATE item_marks SET outcome = ?, checked_scan = ? WHERE document_id = ?",
                             (outcome, scan_id, document_id))

    def add_request(self, letter: str, section: str, recipient: str, law: str, sent_on: date) -> int:
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO requests (letter, section, recipient, law, sent_on, status, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 'sent', ?)", (letter, section, recipient, law, sent_on.isoformat(),
                                                      _now()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def requests(self) -> list[TrackedRequest]:
        rows = self._db.execute("SELECT id, letter, section, recipient, law, sent_on, extended, status, "
                                "followed_up_on, complained_on, notes FROM requests ORDER BY id")
        return [TrackedRequest(row[0], row[1], row[2], row[3], row[4], date.fromisoformat(row[5]),
                               bool(row[6]), row[7], date.fromisoformat(row[8]) if row[8] else None,
                               date.fromisoformat(row[9]) if row[9] else None, row[10]) for row in rows]

    def update_request(self, request_id: int, **changes: str | int | None) -> None:
        """Set some of: status, extended, followed_up_on, complained_on, notes (dates as ISO text)."""
        allowed = {"status", "extended", "followed_up_on", "complained_on", "notes"}
        if not changes or set(changes) - allowed:
            raise StoreError(f"cannot change {', '.join(sorted(set(changes) - allowed)) or 'nothing'}")
        columns = ", ".join(f"{name} = ?" for name in changes)
        with self._transaction():
            cursor = self._db.execute(f"UPDATE requests SET {columns}, updated_at = ? WHERE id = ?",
                                      (*changes.values(), _now(), request_id))
        if cursor.rowcount == 0:
            raise StoreError(f"no request with id {request_id}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            yield
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"cannot write to {self.path}: {error}") from error
        finally:
            tighten_side_files(self.path)
