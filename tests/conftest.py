"""Shared fixtures: one real detection engine per test session, and the ../shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.engine import DetectionEngine

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """The real spaCy pipeline behind the real Presidio engine, loaded once."""
    return DetectionEngine()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout; tests that need it skip cleanly where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
