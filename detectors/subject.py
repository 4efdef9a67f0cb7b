"""Whose attribute a sensitive span is: the writer, a named person, a relative, or nobody (a mention).

A condition, a religion or an age is personal data only when the text says someone has it: "I've got
a chest infection", "@karo_b is pregnant", "my dad's heart attack", not "flu season is here" or "a
51-year-old woman was injured". Every span of a statement entity (`taxonomy.needs_subject`) gets a
subject here, from cue words in its clause: a relative ("my mum", "our son", "dad's"), the writer ("I",
"my", "we", a clause that opens on a verb: "Starting chemo Monday"), a named person or @handle linked
to it by a verb or a bracket ("Jessica Simpson is pregnant", "Mia (3 months)"), or the person a reply
speaks to ("@jimmy722 your surgery"). A recognizer whose pattern already says who (a special-category
frame, a named family member) puts its subject in the result's metadata and is taken at its word.
Spans with no subject stay in the engine's output marked as mentions; the scan drops and counts them
unless the person asks for them (`--include-mentions`).

Cue windows, not a parse: they read a few dozen characters around the few spans of statement entities,
so the engine keeps running spaCy's NER alone (figures in tests/benchmarks/disclosures.py and the README).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from detectors.resolve import Span
from detectors.taxonomy import needs_subject


class Subject(StrEnum):
    """Whose attribute a finding is."""

    SELF = "self"
    """The writer ("I'm diabetic", "my migraines")."""
    NAMED = "named"
    """A named person, an @handle, or an office only one person holds."""
    RELATIVE = "relative"
    """Someone tied to the writer ("my mum", "our son", "dad's")."""


WORDS: dict[str, str] = {
    Subject.SELF: "about you (first person)",
    Subject.NAMED: "about a named person",
    Subject.RELATIVE: "about someone close to you",
}
"""How a finding's reason says its subject in words."""
MENTION_WORDS = "a topic mention: no one is said to have it"

KIN = (r"(?:wife|husband|hubby|wifey|partner|boyfriend|girlfriend|bf|gf|fianc[ée]e?|spouse|mum|mom|mommy|"
       r"momma|mummy|mama|mother|dad|daddy|papa|father|parents|son|sons|daughter|daughters|kid|kids|child|"
       r"children|baby|babies|toddler|brother|brothers|bro|sister|sisters|sis|sibling|siblings|twins?|"
       r"grandma|grandmother|granny|nan|nana|grandad|granddad|grandpa|grandfather|grandparents|grandson|"
       r"granddaughter|aunt|auntie|aunty|uncle|cousin|cousins|niece|nieces|nephew|nephews|in-laws|"
       r"(?:mother|father|sister|brother|son|daughter)-in-law|stepmom|stepdad|stepson|stepdaughter|family)")
"""Words for the writer's relatives and partner."""

_CLAUSE_END = re.compile(r"[.!?;\n]+(?=\s|$)|\s[-–—~|]\s|\.\.\.+|…")
_RELATIVE = re.compile(
    rf"\b(?:my|our|me\s+and\s+my)\s+(?:[\w'’-]+\s+){{0,2}}?{KIN}\b|"
    rf"(?<![\w@])(?:{KIN})(?:['’]s|s['’])(?!\w)",
    re.IGNORECASE,
)
_SELF = re.compile(r"(?<![\w'’@#-])(?:i|i['’]m|im|i['’]ve|ive|i['’]d|i['’]ll|me|my|mine|myself|we|we['’]re|"
                   r"we['’]ve|us|our|ours)(?![\w'’-])", re.IGNORECASE)
_IMPLICIT_SELF = re.compile(
    r"\s*(?:(?:just|finally|so|officially|still|now|currently)\s+)?(?:starting|started|start|had|have|got|"
    r"getting|finished|finishing|diagnosed|recovering|booked|taking|took|beat|survived|hate|love|off\s+to|"
    r"going\s+to|went\s+to|back\s+from|home\s+from|fighting|battling|dealing\s+with|suffering|turning|"
    r"turned|celebrating|praying|voting|voted|supporting|proud|"
    r"(?:day|week|month)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+of|"
    r"waiting\s+for|working\s+at|performing\s+at|see\s+you)\b",
    re.IGNORECASE,
)
"""A clause that opens on a verb with no subject is the writer speaking ("Starting chemo Monday")."""


def opening_verb(before: str, verbs: re.Pattern[str] = _IMPLICIT_SELF) -> re.Match[str] | None:
    """The verb the words before a term open on, with no subject, a colon starting them afresh: in
    "Update: starting chemo" the writer's act, in "Starting today: free flu jabs" a notice under a
    heading (none). `verbs` is a caller's own list of such verbs, matched from the start."""
    return verbs.match(before.rsplit(":", 1)[-1])
_LINK = re.compile(
    r"^(?:['’]s\s+)?(?:[\s,]*(?:\(|,|:|is|was|are|were|has|had|have|got|gets|getting|having|just|now|still|"
    r"been|being|also|finally|officially|diagnosed|with|born|turns|turned|turning|aged|age|died|dies|dead|"
    r"suffering|suffers|from|battling|fighting|recovering|underwent|undergoing|needs?|needed|to|be|a|an|"
    r"the|her|his|their|on|in|at|of|endorses|endorsing|endorsed|backs|backing|backed|supports|supporting|"
    r"voted|votes|voting|for|said|says|again|reportedly|confirmed|announced|that|so|very|really|not|"
    r"\d{1,3}|years?|old|months?|weeks?|today|tomorrow|yesterday|who|&amp;|and))*[\s,]*$",
    re.IGNORECASE,
)
"""Words that may sit between a name and what is said of it ("Jessica Simpson is pregnant")."""
_HYPOTHETICAL = re.compile(
    r"\b(?:if|whenever|unless|in\s+case|would|wish|imagine|pretend|suppose|what\s+if|"
    r"when\s+(?:I|you|he|she|we|they)\s*(?:['’]m|am|are|['’]re|is|['’]s|get|gets|feel|feels))\b",
    re.IGNORECASE,
)
"""A clause that imagines or generalises ("when I'm sick", "if you think he is 10") states nothing."""
_GENERAL_CLAIM = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,2}(?:improves?|protects?|reduces?|prevents?|increases?|raises?|lowers?|"
    r"cuts?|helps?|boosts?|causes?|may|might|can|could|should|must|will|is|are|works?|saves?)\b",
    re.IGNORECASE,
)
"""A verb right after the term that makes an opening gerund the subject of a general claim ("Getting a
flu jab protects you", "Starting chemo early improves outcomes"), not the writer's act."""
_APPOSITIVE = re.compile(r"(?-i:\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*),\s+(?:a|an|aged)\s+$")
"""A capitalised name and ', a': what follows describes that person ("Tal al-Mallohi, a 19-year-old")."""
_NEWS = re.compile(
    r"\b(?:police|officers?|crash|collision|fire\s+crews?|blaze|shooting|stabbing|stabbed|robbery|burglary|"
    r"arrested|suspect|victims?|incident|killed|injured|died|dead|body|reported|investigat\w+|closed\s+off|"
    r"an?\s+(?:man|woman|boy|girl|teenager|pedestrian|driver|resident))\b",
    re.IGNORECASE,
)
"""Words of a news report about an address, where no one the reader could name lives."""
_PRONOUN = re.compile(r"(?<![\w'’])(?:he|she|he['’]s|she['’]s|him|her|his|hers)(?![\w'’])", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"(?<![\w'’])(?:you|your|you['’]re|ur|u)(?![\w'’])", re.IGNORECASE)
_REPLY = re.compile(r"^\s*(?:RT\s+)?@\w+")
NAME_ENTITIES = frozenset({"PERSON", "USERNAME", "FAMILY_MEMBER"})
"""Entities that name someone: near a sensitive term, the term may be theirs."""
_WINDOW = 90
"""Characters of the clause before a span that are read for cues."""
_AFTER = 40
"""Characters of the clause after a span read for a first-person word ("anxiety is killing me")."""


@dataclass(frozen=True, slots=True)
class _Names:
    """The (start, end) of names and handles, sorted by start: the ones near a span are a binary search away.

    Each statement span used to ask every name in the text whether it was near, which cost spans times
    names: on a 1 MB text, more than detecting it as tweets took in all.
    """

    spans: list[tuple[int, int]]
    starts: list[int]

    @classmethod
    def of(cls, names: Iterable[tuple[int, int]]) -> _Names:
        ordered = sorted(names)
        return cls(ordered, [start for start, _ in ordered])

    def starting(self, low: int, high: int) -> list[tuple[int, int]]:
        """The names that start at or after `low` and at or before `high`."""
        return self.spans[bisect.bisect_left(self.starts, low):bisect.bisect_right(self.starts, high)]


def attributed(text: str, spans: Sequence[Span]) -> list[Span]:
    """The spans with a subject on every statement entity that has one; the rest marked as mentions."""
    names = _Names.of((span.start, span.end) for span in spans if span.entity in NAME_ENTITIES)
    address = functools.cache(lambda: _address_subject(text))  # reads the whole text: once, not per address
    result = []
    for span in spans:
        if not needs_subject(span.entity):
            result.append(span)
            continue
        subject = span.subject or (address() if span.entity == "STREET_ADDRESS"
                                   else _clause_subject(text, span.start, span.end, names))
        first_person = subject == Subject.SELF or (span.first_person and subject is not None)
        result.append(replace(span, subject=subject, first_person=first_person))
    return result


def subject_of(text: str, start: int, end: int, names: Sequence[tuple[int, int]] = (),
               entity: str = "") -> str | None:
    """Who the words around text[start:end] say has it; None when no one does."""
    if entity == "STREET_ADDRESS":
        return _address_subject(text)
    return _clause_subject(text, start, end, _Names.of(names))


def _clause_subject(text: str, start: int, end: int, names: _Names) -> str | None:
    """Who the clause around text[start:end] says has it, read from cue words and nearby names."""
    clause_start, clause_end = clause_bounds(text, start, end)
    before = text[clause_start:start]
    after = text[end:clause_end]
    if hypothetical(before):
        return None
    if _RELATIVE.search(before) or _RELATIVE.match(after.lstrip()):
        return Subject.RELATIVE
    if _named_before(text, clause_start, start, names) or _named_after(after, end, names):
        return Subject.NAMED
    inside = text[start:end]
    self_after = _SELF.search(after)
    if (_SELF.search(before) or (self_after and self_after.start() < _AFTER) or _SELF.search(inside)
            or (opening_verb(before) and not general_claim(after))):
        return Subject.SELF
    if _APPOSITIVE.search(before):
        return Subject.NAMED
    if _PRONOUN.search(before) and names.spans:
        return Subject.NAMED
    if _SECOND_PERSON.search(before + after) and _REPLY.match(text):
        return Subject.NAMED
    return None


def _address_subject(text: str) -> str | None:
    """An address locates whoever lives or trades there, so it counts unless the text is news about
    unnamed people ("police were called to 12 Castle Road"): the writer's when they speak, else named."""
    if _SELF.search(text):
        return Subject.SELF
    return None if _NEWS.search(text) else Subject.NAMED


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause around text[start:end] begins and ends, read at most _WINDOW characters out."""
    window_start = max(0, start - _WINDOW)
    ends = list(_CLAUSE_END.finditer(text, window_start, start))
    found = _CLAUSE_END.search(text, end, end + _WINDOW)
    return (ends[-1].end() if ends else window_start,
            found.start() if found else min(len(text), end + _WINDOW))


def general_claim(after: str) -> bool:
    """The words after the term make its clause a general claim, not the writer's act."""
    return _GENERAL_CLAIM.match(after) is not None


def hypothetical(before: str) -> bool:
    """The clause imagines or generalises before the term ("when I'm sick"): it states nothing."""
    return _HYPOTHETICAL.search(before) is not None


def _named_before(text: str, clause_start: int, start: int, names: _Names) -> bool:
    """A name or handle in the clause, joined to the span by linking words only."""
    for _, name_end in names.starting(clause_start, start):
        if name_end <= start and _LINK.match(text[name_end:start]):
            return True
    return False


_BEFORE_NAME = re.compile(r"(?:st|nd|rd|th)?[\s,:(]*(?:(?:birthday|bday|b-day)\s+)?(?:of|for|to)?[\s,:(]*",
                          re.IGNORECASE)


def _named_after(after: str, end: int, names: _Names) -> bool:
    """'... for @jordy', '... (born 1926) Willie Mae': a name right after the span, in its clause."""
    return any(_BEFORE_NAME.fullmatch(after[:name_start - end])
               for name_start, _ in names.starting(end, end + len(after)))
