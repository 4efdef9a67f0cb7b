"""The accuracy harness's scoring and corpus readers (tests/benchmarks/metrics.py, corpora.py), tiny inputs.

The harness itself runs by hand over ../shared; these checks keep its arithmetic and readers honest in the
default run, without any model or shared data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from corpora import (
    BTC_LABELS,
    WNUT17_LABELS,
    Entity,
    conll_example,
    join_tokens,
    load_presidio_synth,
    pubtator_examples,
)
from metrics import Counts, count_example, score


def test_exact_and_overlap_counts() -> None:
    gold = [Entity("PERSON", 0, 10), Entity("LOCATION", 20, 26)]
    predicted = [Entity("PERSON", 0, 5), Entity("LOCATION", 20, 26), Entity("PERSON", 30, 33)]
    exact = score([gold], [predicted], "exact")
    overlap = score([gold], [predicted], "overlap")
    assert exact.get("PERSON").precision == 0 and exact.get("PERSON").recall == 0
    assert overlap.get("PERSON").precision == pytest.approx(0.5)
    assert overlap.get("PERSON").recall == pytest.approx(1.0)
    assert overlap.get("PERSON").f1 == pytest.approx(2 / 3)
    assert exact.get("LOCATION").f1 == 1.0


def test_labels_must_agree_and_touching_spans_do_not_overlap() -> None:
    predicted = [Entity("LOCATION", 0, 5), Entity("PERSON", 5, 9)]
    counts = count_example([Entity("PERSON", 0, 5)], predicted, "overlap")
    assert counts["PERSON"].true_gold == 0
    assert counts["LOCATION"].true_predicted == 0


def test_empty_counts_score_zero_and_micro_pools_labels() -> None:
    assert Counts().f1 == 0.0
    scores = score([[Entity("A", 0, 1)], [Entity("B", 0, 1)]], [[Entity("A", 0, 1)], []], "exact")
    pooled = scores.micro()
    assert (pooled.true_predicted, pooled.predicted, pooled.true_gold, pooled.gold) == (1, 1, 1, 2)
    assert scores.micro(["B"]).recall == 0.0


def test_join_tokens_spaces_like_a_person_types() -> None:
    text, starts = join_tokens(["You", "'", "ve", "got", "@", "amy", "'s", "note", ",", "right", "?"])
    assert text == "You've got @amy's note, right?"
    assert starts[5] == text.index("amy")


def test_conll_entities_keep_offsets_and_join_handles() -> None:
    rows = [("RT", "O"), ("@", "B-PER"), ("amy_b", "B-PER"), (":", "O"), ("Ann", "B-PER"), ("Lee", "I-PER"),
            ("in", "O"), ("Leeds", "B-LOC")]
    example = conll_example(rows, BTC_LABELS)
    found = [(e.label, example.text[e.start : e.end]) for e in example.entities]
    assert found == [("PERSON", "@amy_b"), ("PERSON", "Ann Lee"), ("LOCATION", "Leeds")]


def test_conll_unscored_labels_dropped() -> None:
    rows = [("Star", "B-creative-work"), ("Wars", "I-creative-work"), ("with", "O"), ("Bo", "B-person")]
    example = conll_example(rows, WNUT17_LABELS)
    assert [(e.label, example.text[e.start : e.end]) for e in example.entities] == [("PERSON", "Bo")]


def test_pubtator_offsets_cover_title_and_abstract() -> None:
    lines = [
        "1|t|Cystic fibrosis in children.",
        "1|a|We studied anemia.",
        "1\t0\t15\tCystic fibrosis\tSpecificDisease\tD003550",
        "1\t40\t46\tanemia\tDiseaseClass\tD000740",
        "",
    ]
    (example,) = pubtator_examples(lines)
    assert [example.text[e.start : e.end] for e in example.entities] == ["Cystic fibrosis", "anemia"]


def test_presidio_synth_labels_mapped(tmp_path: Path) -> None:
    record = {
        "full_text": "Mr. Bo Li lives in Oslo 0150",
        "spans": [
            {"entity_type": "TITLE", "entity_value": "Mr.", "start_position": 0, "end_position": 3},
            {"entity_type": "PERSON", "entity_value": "Bo Li", "start_position": 4, "end_position": 9},
            {"entity_type": "GPE", "entity_value": "Oslo", "start_position": 19, "end_position": 23},
            {"entity_type": "ZIP_CODE", "entity_value": "0150", "start_position": 24, "end_position": 28},
        ],
    }
    path = tmp_path / "synth.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    (example,) = load_presidio_synth(path).examples
    assert [e.label for e in example.entities] == ["PERSON", "LOCATION", "POSTAL_CODE"]
