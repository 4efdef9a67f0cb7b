"""Latitude and longitude (detectors/recognizers/geo.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.geo import GeoCoordinatesRecognizer

RECOGNIZER = GeoCoordinatesRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["GEO_COORDINATES"], None)]


@pytest.mark.parametrize(
    ("text", "coordinates"),
    [
        ("we are at 45.5118, -122.5941 now", "45.5118, -122.5941"),
        ("at 45°30'42.5\"N 122°35'38.8\"W ok", "45°30'42.5\"N 122°35'38.8\"W"),
        ("45.5118° N, 122.5941° W", "45.5118° N, 122.5941° W"),
        ("lat: 45.51, lon: -122.59", "lat: 45.51, lon: -122.59"),
        ("latitude=45.51 & longitude=-122.59", "latitude=45.51 & longitude=-122.59"),
        ("geo:37.786971,-122.399677", "geo:37.786971,-122.399677"),
        ("https://www.google.com/maps/place/X/@45.5118,-122.5941,15z", "45.5118,-122.5941"),
        ("https://maps.google.com/?q=45.5118,-122.5941", "45.5118,-122.5941"),
    ],
)
def test_finds_coordinates(text: str, coordinates: str) -> None:
    assert found(text) == [coordinates]


@pytest.mark.parametrize(
    "text",
    ["price 1.50, 2.25", "version 1.2.3", "99.1234, 200.1234", "scores 12.5, 13.75 and 14", "v1.2.345,6.789"],
)
def test_leaves_other_numbers(text: str) -> None:
    assert found(text) == []


def test_megabyte_of_decimals_then_coordinates() -> None:
    text = "1.2345, 1.2 °1'1\" " * 55_000 + "home: 45.5118, -122.5941"
    assert found(text)[-1] == "45.5118, -122.5941"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .,-+°'\"NSEWlatong:=@/q?", max_size=200) | st.text(max_size=200))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for result in RECOGNIZER.analyze(text, ["GEO_COORDINATES"], None):
        assert 0 <= result.start < result.end <= len(text)
