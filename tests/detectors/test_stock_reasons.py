"""Every stock Presidio recognizer we enable explains its findings in the person's words."""

from __future__ import annotations

from detectors.engine import DetectionEngine
from detectors.recognizers import build_registry
from detectors.stock_reasons import STOCK_REASONS


def test_every_enabled_stock_recognizer_has_words() -> None:
    stock = {recognizer.name for recognizer in build_registry().recognizers
             if type(recognizer).__module__.startswith("presidio_analyzer")}
    assert stock and stock <= set(STOCK_REASONS), stock - set(STOCK_REASONS)
    assert set(STOCK_REASONS) <= stock, "an entry for a recognizer we no longer enable is dead"


def test_an_email_found_says_so_without_jargon(engine: DetectionEngine) -> None:
    spans = [span for span in engine.analyze("Write to ann.lee@example.com today")
             if span.entity == "EMAIL_ADDRESS"]
    assert [span.reason for span in spans] == ["an email address"]
    assert all("Recognizer" not in span.reason for span in spans)
