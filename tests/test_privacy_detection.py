"""Detection-side leaks: what the mask does not cover is written in the clear.

A finding's reason is stored and printed, so it must not quote the value the mask hides.
Recognizers explain a hit by quoting what they matched ("condition lexicon 'type 1 diabetes'");
before `redact_reason`, the special-category values (health, religion, sexual orientation, union)
reached the database, every report format and `exposure review` in the clear through that quote.
A value the detectors miss is not masked in the snippets of its neighbours: coordinates at the end
of a sentence were missed, and so stood raw in the context of the next finding.
"""

from __future__ import annotations

import pytest

from detectors.batch import detect_documents
from detectors.engine import DetectionEngine
from scanner.models import Document
from scanner.redact import redact_reason

SENSITIVE = [
    "I was diagnosed with type 1 diabetes in 2001 and I'm on an insulin pump.",
    "Coming out as bi at 30 was the best thing I did.",
    "Our Quaker meeting is on Sunday, and our union local meets after.",
    "My T1D (type 1 diabetes) means a CGM on my arm.",
    "I had knee surgery last spring; my anxiety meds help.",
]


def test_the_quoted_value_is_masked_in_any_case_and_spacing() -> None:
    reason = redact_reason("condition lexicon 'Type 1  Diabetes'; first-person 'I was diagnosed with'",
                           "type 1 diabetes", "MEDICAL_CONDITION")
    assert "diabetes" not in reason.lower()
    assert reason.startswith("condition lexicon 'T*** * D******'")
    assert reason.endswith("first-person 'I was diagnosed with'")


def test_a_quoted_part_of_the_value_is_masked_too() -> None:
    assert redact_reason("condition lexicon 'diabetes'", "type 1 diabetes", "MEDICAL_CONDITION") == (
        "condition lexicon 'd******'")
    assert redact_reason("trade union 'union local'", "union local", "TRADE_UNION") == (
        "trade union 'u**** l****'")


@pytest.mark.parametrize(("reason", "value"), [
    ("spaCy PERSON: known given name", "Maisie"),
    ("Detected by `EmailRecognizer` using pattern `Email (Medium)`", "rowan.hale@example.org"),
    ("capitalised word after 'hey'", "x"),
])
def test_reasons_that_quote_no_value_are_unchanged(reason: str, value: str) -> None:
    assert redact_reason(reason, value, "PERSON") == reason


def test_no_finding_reason_contains_its_value(engine: DetectionEngine) -> None:
    documents = [Document(id=f"note#{number}", text=text, source="files")
                 for number, text in enumerate(SENSITIVE)]
    findings = [finding for _, found in detect_documents(documents, engine=engine) for finding in found]
    entities = {finding.entity for finding in findings}
    assert {"MEDICAL_CONDITION", "SEXUAL_ORIENTATION", "RELIGION", "TRADE_UNION", "MEDICATION"} <= entities
    for finding in findings:
        assert finding.value.lower() not in finding.reason.lower(), (finding.entity, finding.reason)
    expanded = [finding.reason for finding in findings if "abbreviation" in finding.reason]
    assert all("type 1 diabetes" not in reason.lower() for reason in expanded)


@pytest.mark.parametrize("text", ["I start at 45.5118, -122.5941.", "At 45.5118, -122.5941, then home."])
def test_coordinates_before_punctuation_are_masked_in_snippets(engine: DetectionEngine, text: str) -> None:
    document = Document(id="note", text=text + " Card 4111 1111 1111 1111 was charged.", source="files")
    ((_, findings),) = detect_documents([document], engine=engine)
    assert "GEO_COORDINATES" in {finding.entity for finding in findings}
    assert all("122.5941" not in finding.snippet for finding in findings)
