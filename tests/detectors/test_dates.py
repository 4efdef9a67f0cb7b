"""Which DATE_TIME texts are dates (detectors/recognizers/dates.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.recognizers.dates import is_plausible_date


@pytest.mark.parametrize(
    "text",
    ["1977", "2000-04-16 11:34:35", "2/8/1935", "Tuesday", "friday", "March 14, 1988", "14th of March",
     "in March", "Tuesday morning", "Christmas", "9am", "at 3 pm", "the 1990s", "12/2019"],
)
def test_dates_kept(text: str) -> None:
    assert is_plausible_date(text)


@pytest.mark.parametrize(
    "text",
    ["next week", "this month", "the weekend", "morning", "a year", "3 years", "a couple of months",
     "the first three months", "79 year old", "6750", "46", "7 days", "5 minutes", "May"],
)
def test_durations_relative_phrases_and_numbers_dropped(text: str) -> None:
    assert not is_plausible_date(text)


@given(st.text(max_size=100))
def test_never_raises(text: str) -> None:
    assert is_plausible_date(text) in {True, False}
