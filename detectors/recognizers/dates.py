"""Which DATE_TIME texts are dates worth reporting: calendar dates, years, times and weekdays.

spaCy labels durations ("3 years", "a couple of months"), relative phrases ("next week"), ages
("79 year old") and bare numbers (house numbers, postcodes) as DATE or TIME; stock Presidio reports
them all, which is why its DATE_TIME precision is low. A date says something about a person only when
it pins a point in time, so `is_plausible_date` keeps exactly those.
"""

from __future__ import annotations

import re

MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
)

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?:s|'s)?(?!\d)")
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}/\d{4})(?!\d)"
)
_TIME = re.compile(
    r"(?<!\d)\d{1,2}(?::\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?(?![a-z]))", re.IGNORECASE
)
_MONTH_WITH_NUMBER = re.compile(
    rf"(?<![a-z])(?:{MONTHS})\.?\s+\d{{1,4}}(?!\d)|(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})(?![a-z])",
    re.IGNORECASE,
)
_FULL_MONTH = re.compile(
    r"(?<![a-z])(?:january|february|march|april|june|july|august|september|october|november|december)(?![a-z])",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(rf"(?<![a-z])(?:{WEEKDAYS})(?![a-z])", re.IGNORECASE)
_HOLIDAY = re.compile(
    r"(?<![a-z])(?:christmas|xmas|easter|thanksgiving|new year'?s?(?: eve| day)?"
    r"|halloween|hanukkah|diwali|eid)"
    r"(?![a-z])",
    re.IGNORECASE,
)
_AGE_OR_DURATION = re.compile(
    r"(?<![a-z])(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)[- ]old(?![a-z])"
    r"|^\s*(?:for\s+)?(?:about\s+|over\s+|almost\s+|nearly\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|several|few|a few|couple|a couple of|many|\d+)\s+(?:more\s+)?(?:years?|months?|weeks?|days?|hours?|"
    r"minutes?|seconds?|decades?)\s*$",
    re.IGNORECASE,
)


def is_plausible_date(text: str) -> bool:
    """True if `text` (a DATE/TIME entity's text) names a calendar date, year, time of day or weekday.

    False for durations, relative phrases, ages and bare numbers that are not years.
    """
    if _AGE_OR_DURATION.search(text):
        return False
    return any(
        pattern.search(text)
        for pattern in (_NUMERIC_DATE, _YEAR, _MONTH_WITH_NUMBER, _FULL_MONTH, _WEEKDAY, _TIME, _HOLIDAY)
    )
