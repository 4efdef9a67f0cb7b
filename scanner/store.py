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
    migrations     the named migrations already applied

The file and its -wal/-shm/journal files are mode 0600 in a 0700 directory. A finding is keyed by its
fingerprint (scanner.identity), so a rescan updates rows instead of adding them and triage carries over.
Indexes on risk (alone and after entity, category, source) keep `findings --min-risk high` fast at a
million rows (tests/benchmarks/store_speed.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.config import Settings, default_data_dir
from scanner.errors import StoreError
from scanner.identity import private_dir
from scanner.models import DocumentKind, Exposed, Factor, SourceSignals, Visibility
from scanner.redact import mask

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
SIDE_FILES = ("-wal", "-shm", "-journal")
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


@dataclass(frozen=True, slots=True)
class FindingFilter:
    """What `Store.findings` selects; empty tuples mean 'any'."""

    min_risk: float = 0.0
    categories: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    about_me: bool | None = None
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


def open_store(settings: Settings) -> Store:
    """The person's findings database, as every command opens it (`with open_store(settings) as store`)."""
    return Store(database_path(settings))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _touch_private(path: Path) -> None:
    """Create the file 0600 before SQLite does, so it is never readable by others, even briefly."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


_FINDING_COLUMNS = """f.fingerprint, f.document_id, f.source, d.kind, d.url, d.created_at, d.visibility,
    f.entity, f.category, f.value_hash, f.value_masked, f.value, f.score, f.detector, f.reason, f.snippet,
    f.first_person, f.about_me, f.risk, f.level, e.factors, coalesce(t.status, 'open'), t.note,
    f.first_scan, f.last_scan, f.first_seen, f.last_seen"""
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
_UPSERT_DOCUMENT = """INSERT INTO documents (id, source, kind, url, created_at, visibility)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET source = excluded.source, kind = excluded.kind, url = excluded.url,
    created_at = excluded.created_at, visibility = excluded.visibility"""
_UPSERT_FINDING = """INSERT INTO findings (fingerprint, document_id, source, entity, category, value_hash,
    value_masked, value, score, detector, reason, snippet, first_person, about_me, risk, level,
    explanation_id, first_scan, last_scan, first_seen, last_seen)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(fingerprint) DO UPDATE SET source = excluded.source, category = excluded.category,
    value_masked = excluded.value_masked, value = excluded.value, score = excluded.score,
    detector = excluded.detector, reason = excluded.reason, snippet = excluded.snippet,
    first_person = excluded.first_person, about_me = excluded.about_me, risk = excluded.risk,
    level = excluded.level, explanation_id = excluded.explanation_id, last_scan = excluded.last_scan,
    last_seen = excluded.last_seen
    WHERE findings.last_scan <> excluded.last_scan OR excluded.risk > findings.risk"""


def _stored(row: tuple[Any, ...]) -> StoredFinding:
    factors = tuple(Factor(item["name"], item["value"], item["why"]) for item in json.loads(row[20]))
    return StoredFinding(
        fingerprint=row[0], document_id=row[1], source=row[2], kind=DocumentKind(row[3]), url=row[4],
        created_at=row[5], visibility=Visibility(row[6]), entity=row[7], category=row[8], value_hash=row[9],
        value_masked=row[10], value=row[11], score=row[12], detector=row[13], reason=row[14], snippet=row[15],
        first_person=bool(row[16]), about_me=bool(row[17]), risk=row[18], level=row[19], factors=factors,
        status=row[21], note=row[22], first_scan=row[23], last_scan=row[24], first_seen=row[25],
        last_seen=row[26],
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
        clauses.append("f.about_me = ?")
        params.append(int(selection.about_me))
    if selection.since:
        clauses.append("f.first_seen >= ?")
        params.append(selection.since)
    if selection.scan_id is not None:
        clauses.append(_in_scan())
        params.append(selection.scan_id)
    return " AND ".join(clauses), params


class Store:
    """An open findings database. Use as a context manager; every write is one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._explanations: dict[tuple[Factor, ...], int] = {}
        try:
            private_dir(path.parent)
            _touch_private(path)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._migrate()
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"cannot open the findings database {path}: {error}") from error
        self._private_side_files()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _private_side_files(self) -> None:
        for suffix in SIDE_FILES:
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                os.chmod(side, 0o600)

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS migrations "
                         "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        for name, script in MIGRATIONS:
            if name in applied:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
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
            self._private_side_files()
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
                                  info.visibility.value)
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
                finding.snippet, int(finding.first_person), int(item.about_me), item.risk.score,
                item.risk.level.value, factors, scan_id, scan_id, started, started)

    # -- reading -------------------------------------------------------------------------------------

    def findings(self, selection: FindingFilter = FindingFilter()) -> Iterator[StoredFinding]:
        """Findings ranked by risk (highest first), then by fingerprint for a stable order."""
        where, params = _where(selection)
        sql = f"SELECT {_FINDING_COLUMNS} FROM {_FINDING_FROM} WHERE {where} {_RANKED}"
        if selection.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [selection.limit, selection.offset]
        for row in self._db.execute(sql, params):
            yield _stored(row)

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
        return _stored(rows[0])

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
            return [_stored(row) for row in self._db.execute(sql, (this, other))]

        unchanged = self._db.execute(
            "SELECT count(*) FROM (SELECT finding_id FROM scan_findings WHERE scan_id = ? INTERSECT "
            "SELECT finding_id FROM scan_findings WHERE scan_id = ?)", (old_id, new_id)).fetchone()[0]
        return ScanDiff(old, new, only_in(new_id, old_id), only_in(old_id, new_id), int(unchanged))
