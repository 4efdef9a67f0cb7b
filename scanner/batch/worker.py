"""The state of one worker process: a detection engine and the hash key, set up once, used by every task.

Dask calls `set_up` through a worker plugin (scanner.batch.cluster) when the worker starts, which also
prepares the engine for many texts (`DetectionEngine.prepare_for_many_texts`), so no task pays for its
lazy parts; tasks call `scan_assigned` (a pack of whole subjects), `scan_part` (one member range of a
split subject) and `score_parts`.
The key is read here from a file only its owner can read (or the path in EXPOSURE_KEY_FILE on the
worker), so it never travels in a task, a plugin or a log.
"""

from __future__ import annotations

import os
from pathlib import Path

from detectors.engine import DetectionEngine
from scanner.batch.sealed import UnitResult, scan_unit
from scanner.batch.stream import scan_pack
from scanner.batch.subject import SubjectResult, score_subject
from scanner.batch.units import WorkUnit
from scanner.errors import ConfigError

KEY_FILE_ENV = "EXPOSURE_KEY_FILE"
"""Where a worker reads the batch's hash key, when its path differs from the client's (other machines)."""

_engine: DetectionEngine | None = None
_key: bytes = b""


def read_key(key_file: Path) -> bytes:
    """The hash key from its file; the worker's EXPOSURE_KEY_FILE, when set, names the file instead."""
    path = Path(os.environ.get(KEY_FILE_ENV) or key_file)
    try:
        key = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read the hash key {path}: {error.strerror or error}") from error
    if len(key) < 32:
        raise ConfigError(f"the hash key {path} is shorter than 32 bytes")
    return key


def set_up(model: str | None, key_file: Path) -> None:
    """Build this process's engine, run it once, and read the key (once per process, before any task)."""
    global _engine, _key
    _key = read_key(key_file)
    _engine = DetectionEngine.shared(model)
    _engine.prepare_for_many_texts()


def _ready_engine() -> DetectionEngine:
    if _engine is None:
        raise ConfigError("worker not set up: the exposure engine plugin did not run")
    return _engine


def scan_assigned(units: tuple[WorkUnit, ...]) -> list[SubjectResult]:
    """A Dask task: whole subjects through this process's engine as one stream, scored and sealed."""
    return scan_pack(units, _ready_engine(), _key)


def scan_part(unit: WorkUnit) -> UnitResult:
    """A Dask task: one member range of a split subject, sealed (scored with its other ranges later)."""
    return scan_unit(unit, _ready_engine(), _key)


def score_parts(*parts: UnitResult) -> list[SubjectResult]:
    """A Dask task: a split subject's ranges scored as one person, on a worker rather than the client."""
    return [score_subject(parts[0].unit.subject, parts)]
