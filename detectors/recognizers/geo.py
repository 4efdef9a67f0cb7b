"""Latitude and longitude: a precise location, often a home, that people paste without noticing.

Finds decimal pairs ("45.5118, -122.5941", at least three decimals each so prices and versions stay
out), degrees with hemispheres ("45°30'42.5\"N 122°35'38.8\"W", "45.5118° N, 122.5941° W"), labelled
pairs ("lat: 45.51, lon: -122.59"), geo: URIs and the coordinates in map links (".../@45.51,-122.59,15z",
"?q=45.51,-122.59"). Pairs outside -90..90 / -180..180 are dropped.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from detectors.recognizers.base import ContextualRecognizer

_DECIMAL_PAIR = r"[-+]?\d{1,2}\.\d{3,9}\s*,\s*[-+]?\d{1,3}\.\d{3,9}"
_DMS = r"\d{1,3}\s?°\s?(?:\d{1,2}\s?['′]\s?(?:\d{1,2}(?:\.\d+)?\s?(?:\"|″|'')?)?)?\s?"
_DECIMAL_DEGREES = r"\d{1,3}(?:\.\d+)?\s?°\s?"
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


class GeoCoordinatesRecognizer(ContextualRecognizer):
    ENTITY = "GEO_COORDINATES"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("decimal latitude, longitude", rf"(?<![\w.,@=:+-]){_DECIMAL_PAIR}(?!\d|\.\d|,\d)", 0.6),
        Pattern(
            "degrees with hemispheres",
            rf"(?<![\w.]){_DMS}(?-i:[NS])\s*,?\s*{_DMS}(?-i:[EW])(?!\w)"
            rf"|(?<![\w.]){_DECIMAL_DEGREES}(?-i:[NS])\s*,?\s*{_DECIMAL_DEGREES}(?-i:[EW])(?!\w)",
            0.8,
        ),
        Pattern(
            "labelled latitude and longitude",
            r"(?<!\w)lat(?:itude)?\s*[:=]\s*[-+]?\d{1,2}(?:\.\d+)?\s*[,;&]?\s*(?:lng|lon|long|longitude)\s*[:=]\s*"
            r"[-+]?\d{1,3}(?:\.\d+)?(?![\d.])",
            0.85,
        ),
        Pattern("geo URI", r"(?<!\w)geo:[-+]?\d{1,2}(?:\.\d+)?,[-+]?\d{1,3}(?:\.\d+)?", 0.9),
        Pattern(
            "map link coordinates",
            r"(?<=/@|[?&](?:q|ll|query|center|destination|daddr|saddr)=)[-+]?\d{1,2}\.\d{2,9},\s*[-+]?\d{1,3}\.\d{2,9}",
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["lat", "latitude", "lon", "longitude", "coordinates", "gps", "location"]
    REASON = "geographic coordinates"
    GATE = re.compile(r"\d\.\d|°", re.IGNORECASE)

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        matched = text[result.start : result.end]
        if "°" in matched:
            return result
        numbers = [float(number) for number in _NUMBER.findall(matched.removeprefix("geo:"))]
        if len(numbers) < 2 or abs(numbers[0]) > 90 or abs(numbers[1]) > 180:
            return None
        return result
