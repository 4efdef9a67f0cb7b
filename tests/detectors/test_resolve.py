"""Overlap resolution: the sweep keeps what asking every kept span kept (speed: benchmarks/long_text.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.resolve import YIELDS_AT_EQUAL_SPECIFICITY, Span, resolve_overlaps, specificity

ENTITIES = ("PERSON", "LOCATION", "EMAIL_ADDRESS", "DATE_TIME", "USERNAME", "URL", "AGE")


def pairwise(spans: list[Span]) -> list[Span]:
    """The rule as it was first written: in rank order, keep a span unless a kept one overlaps it."""
    ranked = sorted(spans, key=lambda s: (-specificity(s.entity), s.entity in YIELDS_AT_EQUAL_SPECIFICITY,
                                          -s.score, -(s.end - s.start), s.start))
    kept: list[Span] = []
    for span in ranked:
        if span.end > span.start and not any(k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))


SPANS = st.lists(
    st.builds(
        lambda entity, start, length, score: Span(entity, start, start + length, score, "d", "r"),
        st.sampled_from(ENTITIES), st.integers(0, 60), st.integers(0, 15),
        st.sampled_from((0.4, 0.6, 0.85, 1.0)),
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(SPANS)
def test_the_sweep_keeps_what_the_pairwise_rule_kept(spans: list[Span]) -> None:
    assert resolve_overlaps(spans) == pairwise(spans)

