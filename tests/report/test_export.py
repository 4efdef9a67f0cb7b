"""The scan JSON contract written record by record is the same text one json.dumps would give."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

import pytest

from scanner.models import Skipped
from scanner.report.export import write_scan_json
from scanner.scan import ScanSummary


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_scan_json_equals_one_dump(count: int) -> None:
    summary = ScanSummary(documents=2, by_kind=Counter(post=2), by_year=Counter({"2024": 2}),
                          by_source=Counter(files=2), findings_by_category=Counter(contact=count),
                          by_language=Counter(en=1, de=1),
                          skipped=[Skipped("a.zip!b.json", "not JSON")])
    records: list[dict[str, Any]] = [{"entity": "EMAIL_ADDRESS", "value_redacted": f"r…{i}@é.org",
                                      "factors": [{"name": "x", "value": 1.0}]} for i in range(count)]
    extra = {"profile": {"score": 12.5, "grade": "A"}, "scan_id": None}
    buffer = io.StringIO()
    write_scan_json(buffer, iter(records), summary, extra)
    expected = {
        "documents": {"total": 2, "by_kind": {"post": 2}, "by_year": {"2024": 2}, "by_source": {"files": 2},
                      "by_language": {"de": 1, "en": 1},
                      "detectors_by_language": {"all detectors": {"en": 1},
                                                "language-independent detectors": {"de": 1}}},
        "findings": records,
        "findings_by_category": {"contact": count},
        "skipped": [{"where": "a.zip!b.json", "reason": "not JSON"}],
        **extra,
    }
    assert buffer.getvalue() == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
