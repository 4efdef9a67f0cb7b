"""Shared fixtures: one real detection engine per test session, and the ../shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.engine import DetectionEngine

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """The real spaCy pipeline behind the real Presidio engine, loaded once (and reused by CLI commands)."""
    return DetectionEngine.shared()


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own EXPOSURE_HOME, so no test writes the findings DB or key into the real one."""
    home = tmp_path_factory.mktemp("exposure-home")
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    monkeypatch.delenv("EXPOSURE_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout; tests that need it skip cleanly where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
