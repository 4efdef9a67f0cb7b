"""Birth dates and ages, told apart from any other date or number by the words around them.

A date is a DATE_OF_BIRTH only after "born", "DOB", "date of birth" or "my birthday is"; a number is an
AGE only in the ways people state ages: "34 years old", "a 34-year-old", "34yo", "aged 34", "at the age
of 34", "I'm 34", "turning 40". The span is the date or the number alone. "I'm 34" and "turned 40" count
only when nothing like a unit follows ("I'm 5 minutes away", "turned 90 degrees" are no ages), and only
plausible human ages (0-120) are kept. First-person statements ("I'm 34", "my birthday is") are marked,
since they disclose the writer's own data.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from detectors.caseless import CaselessGate
from detectors.recognizers.base import ContextualRecognizer, Searchable
from detectors.subject import Subject

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})(?!\d)|{_YEAR}-\d{{1,2}}-\d{{1,2}}"
    rf"|{_DAY}\s+(?:of\s+)?{MONTH},?(?:\s+{_YEAR})?|{MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\d)|{MONTH},?\s+{_YEAR}"
    rf"|{_YEAR})"
)
_DATE_IN_MATCH = re.compile(DATE + r"$", re.IGNORECASE)
_FIRST_PERSON = re.compile(
    r"(?<![\w'])(?:i|i'm|im|i've|i'll|i'd|my\s+(?:birthday|dob|d\.o\.b|date\s+of\s+birth|birth\s*date|age))(?![\w'])",
    re.IGNORECASE,
)
_AGE_NUMBER = re.compile(r"\d{1,3}")

_BIRTH_WORDS = (
    r"(?:born(?:\s+today)?(?:\s+(?:on|in))?(?:\s+the)?|date\s+of\s+birth|d\.?o\.?b\.?|birth\s*date|birthday(?:\s+is)?(?:\s+on)?"
    r"(?:\s+the)?|b\.)"
)
_AFTER_BARE_AGE = (
    r"(?=\s*(?:$|[.,!?;:)]|(?:years?|yrs?|y/?o|today|tomorrow|yesterday|last|this|next|on|in|and|soon|now|lol|haha|"
    r"myself|already|yet|too|so|we|i|my|our)(?![\w/])))"
)
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"


class DateOfBirthRecognizer(ContextualRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("date after a birth word", rf"(?<![\w])(?:{_BIRTH_WORDS})\s*[:=-]?\s*{DATE}(?![\w])", 0.85),
    ]
    CONTEXT: ClassVar[list[str]] = ["born", "birth", "birthday", "dob"]
    REASON = "birth date"
    GATE = re.compile(r"born|birth|d\.?o\.?b|b\.", re.IGNORECASE)

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        matched = text[result.start : result.end]
        date = _last_date(matched)
        if date is None:
            return None
        result.recognition_metadata["first_person"] = _first_person(text, result.start, matched)
        result.start, result.end = result.start + date[0], result.start + date[1]
        return result


class AgeRecognizer(ContextualRecognizer):
    ENTITY = "AGE"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "number years old",
            r"(?<![\w.,])\d{1,3}(?:[\s-]*(?:years?|yrs?)[\s-]*old|\s*-?\s*y/?o(?![\w/])|[\s-]year[\s-]old)",
            0.85,
        ),
        Pattern(
            "aged number",
            r"(?<![\w])(?:aged|age|ages|at\s+the\s+age\s+of|age\s+of)\s*[:=]?\s*\d{1,3}(?![\w.,]\d|\d|\s*%)",
            0.8,
        ),
        Pattern(
            "I am number",
            rf"(?<![\w'])(?:i'?m|i\s+am|im|you['’]?re|you\s+are|u\s+r|he['’]s|she['’]s|he\s+is|she\s+is)\s+"
            rf"(?:now\s+|only\s+|just\s+|almost\s+|nearly\s+)?\d{{1,3}}"
            rf"(?![\d.,]\d){_AFTER_BARE_AGE}",
            0.6,
        ),
        Pattern(
            "turned number",
            rf"(?<![\w])(?:turn(?:ed|ing|s)?|will\s+be|when\s+(?:i|he|she|they)\s+(?:was|were))\s+\d{{1,3}}"
            rf"(?![\d.,]\d){_AFTER_BARE_AGE}",
            0.6,
        ),
        Pattern(
            "is number today",
            r"(?<![\w])(?:is|was|are|['’]s)\s+(?:now\s+|only\s+|just\s+|almost\s+|nearly\s+)?\d{1,3}(?![\d.,]\d)"
            r"(?=\s*(?:today|tomorrow|now|this\s+(?:week|month|year)|on\s+\w+day|years?|yrs?|y/?o)(?![\w/]))",
            0.6,
        ),
        Pattern(
            "about number now",
            r"(?<![\w])(?:nearly|almost|pushing|just\s+turned|over)\s+\d{1,3}(?![\d.,]\d)"
            r"(?=\s+(?:now|this\s+year|next\s+(?:week|month|year))(?![\w]))",
            0.55,
        ),
        Pattern(
            "ordinal birthday",
            rf"(?<![\w])(?:{_ORDINAL}\s+(?:birthday|bday|b-day|b'day)|happy\s+{_ORDINAL}(?![\w])(?!\s+of\b))",
            0.6,
        ),
        Pattern(
            "name (age)",
            r"(?-i:\p{Lu}\p{Ll}+)\s?\(\s*\d{1,2}\s*(?:months?|mos?|weeks?|wks?|yrs?|years?|y/?o|yo)\s*\)",
            0.6,
        ),
        Pattern(
            "died at number",
            r"(?<![\w])(?:dies|died|dead|passed\s+away|passes\s+away)\s+at\s+\d{1,3}(?![\d.,]\d)",
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["age", "aged", "old", "years"]
    PATTERN_GATES: ClassVar[dict[str, Searchable]] = {
        "number years old": CaselessGate(re.compile(r"\d[\s-]*y", re.IGNORECASE)),
        "aged number": CaselessGate(re.compile(r"age", re.IGNORECASE)),
        "I am number": CaselessGate(re.compile(r"[mers]\s+(?:[a-z]+\s+)?\d", re.IGNORECASE)),
        "turned number": CaselessGate(re.compile(r"(?:turn|be|was|were)\w*\s+\d", re.IGNORECASE)),
        "is number today": CaselessGate(re.compile(r"(?<![\w])(?:is|was|are)\s|['’]s\s", re.IGNORECASE)),
        "about number now": CaselessGate(re.compile(r"nearly|almost|pushing|turned|over", re.IGNORECASE)),
        "ordinal birthday": CaselessGate(re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)),
        "name (age)": re.compile(r"\(\s*\d"),
        "died at number": CaselessGate(re.compile(r"dies|died|dead|passe", re.IGNORECASE)),
    }
    """What every match of each pattern holds (the cue's last letter before the number, a word, a digit
    and 'y'): most texts with a digit hold few of them, and the pattern is not run on the others."""
    REASON = "age"
    GATE = re.compile(r"\d", re.IGNORECASE)

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        matched = text[result.start : result.end]
        numbers = list(_AGE_NUMBER.finditer(matched))
        if not numbers:
            return None
        number = numbers[0] if matched[:1].isdigit() else numbers[-1]
        if not 0 < int(number.group()) <= 120:
            return None
        result.recognition_metadata["first_person"] = _first_person(text, result.start, matched)
        if matched[:1].isupper() and "(" in matched:
            result.recognition_metadata["subject"] = Subject.NAMED
        result.start, result.end = result.start + number.start(), result.start + number.end()
        return result


def _last_date(matched: str) -> tuple[int, int] | None:
    """Where the date sits in a 'born on <date>' match: the shortest suffix that is a whole date."""
    for start in range(len(matched)):
        if (start == 0 or not matched[start - 1].isalnum()) and _DATE_IN_MATCH.match(matched, start):
            return start, len(matched)
    return None


def _first_person(text: str, start: int, matched: str = "") -> bool:
    """True if the clause leading to the hit speaks of the writer ("I'm", "my birthday", "I was born").

    "My father retired at the age of 61" is about the father, so a bare "my" does not count.
    """
    clause_start = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    lead = text[max(clause_start + 1, start - 40) : start] + " " + matched
    return _FIRST_PERSON.search(lead) is not None
