"""The state of one worker process: a detection engine and the hash key, set up once, used by every task.

Dask calls `set_up` through a worker plugin (scanner.batch.cluster) when the worker starts; tasks call
`scan_assigned`. The key is read here from a file only its owner can read (or the path in
EXPOSURE_KEY_FILE on the worker), so it never travels in a task, a plugin or a log.
"""

from __future__ import annotations

import os
from pathlib import Path

from detectors.engine import DetectionEngine
from scanner.batch.sealed import UnitResult, scan_unit
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
    """Build this process's engine and read the key (once per process, before any task)."""
    global _engine, _key
    _key = read_key(key_file)
    _engine = DetectionEngine.shared(model)


def scan_assigned(unit: WorkUnit) -> UnitResult:
    """A Dask task: one unit through this process's engine, sealed."""
    if _engine is None:
        raise ConfigError("worker not set up: the exposure engine plugin did not run")
    return scan_unit(unit, _engine, _key)
