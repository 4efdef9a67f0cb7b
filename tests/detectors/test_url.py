"""Our URL recognizer finds exactly what Presidio's does, searching only whitespace-free runs with a dot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from presidio_analyzer.predefined_recognizers import UrlRecognizer as StockUrlRecognizer

from detectors.recognizers.url import LinkRecognizer

OURS = LinkRecognizer()
STOCK = StockUrlRecognizer()


def spans(recognizer: StockUrlRecognizer, text: str) -> list[tuple[int, int, float]]:
    return sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, ["URL"], None))


@pytest.mark.parametrize("text", [
    "RT @SportsCenter: Curry drops 40 http://t.co/PnxpKlOHzW via @ESPN, see www.espn.com/nba",
    "my site is rowan.example.org/about and 'https://fernwood.io/team' (or \"kim.biz\")",
    "email rowan.hale@example.org, not a url",
    "no links here at all",
    "ends with a dot. Then www.bbc.co.uk.",
    "tabs\thttps://a.com/x\nnewline www.b.net",
])
def test_same_spans_as_presidio(text: str) -> None:
    assert spans(OURS, text) == spans(STOCK, text)


@given(st.text(alphabet=st.sampled_from(list("abc.:/ w-'\"()\n")), max_size=60))
def test_same_spans_on_any_text(text: str) -> None:
    assert spans(OURS, text) == spans(STOCK, text)


def test_same_spans_on_the_synthetic_pii_set(shared: Path) -> None:
    sentences = json.loads((shared / "bench/presidio_synth/synth_dataset_v2.json").read_text())
    for sentence in sentences[:400]:
        assert spans(OURS, sentence["full_text"]) == spans(STOCK, sentence["full_text"])


def test_gate_is_a_domain() -> None:
    assert OURS.might_match("see example.com") and OURS.might_match("see EXAMPLE.CO.UK/x")
    assert not OURS.might_match("no link") and not OURS.might_match("no link. None at all.")
