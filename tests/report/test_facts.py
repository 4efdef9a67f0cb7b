"""A finding in memory read as the JSON contract reads a stored one (scanner/report/facts.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from scanner.models import DocumentInfo, DocumentKind, Finding, Visibility
from scanner.report.export import finding_record
from scanner.report.facts import FindingFacts


def _finding(metadata: dict[str, str]) -> Finding:
    document = DocumentInfo("linkedin.zip!messages.csv#3", "linkedin", DocumentKind.MESSAGE,
                            created_at=datetime(2024, 5, 1, tzinfo=UTC), visibility=Visibility.DIRECT,
                            metadata=metadata)
    return Finding(document, "MEDICAL_CONDITION", "health", 10, 16, 0.9, "HealthRecognizer", "lexicon",
                   "I have ******", "asthma", first_person=True, subject="self")


def test_whose_data_it_is_follows_the_owner_rules() -> None:
    own = FindingFacts(_finding({}), "a****a")
    received = FindingFacts(_finding({"third_party": "message received"}), "a****a")
    assert (own.first_person, own.third_party) == (True, None)
    assert (received.first_person, received.third_party) == (False, "message received")
    assert received.subject == "self" and received.created_at == "2024-05-01T00:00:00+00:00"


def test_a_bare_detection_record_masks_the_value_unless_asked() -> None:
    record = finding_record(_finding({"third_party": "message received"}))
    assert record["value_redacted"] != "asthma" and "value" not in record
    assert (record["first_person"], record["third_party"], record["subject"]) == (False, "message received",
                                                                                  "self")
    assert finding_record(_finding({}), show_values=True)["value"] == "asthma"
