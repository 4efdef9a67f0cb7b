"""Named family members: "my daughter Emma", "my husband, Tom,", "our son Liam".

A named relative in a public post tells strangers who belongs to the writer's family (and often a
child's name), so it is reported with first_person set. The span is the name alone; the relation goes
into the reason ("daughter"), so a reviewer sees "Emma (daughter)". The name must be capitalised and not
a common capitalised word ("my son Is ...", "my mom Friday").
"""

from __future__ import annotations

import re
from functools import cache
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from detectors.gatewords import gate_words
from detectors.recognizers.base import ContextualRecognizer
from detectors.recognizers.gazetteer import lexicons
from detectors.subject import Subject
from detectors.wholewords import WholeWords, whole_words
from detectors.wordstarts import may_match

RELATIONS = (
    r"(?:mother|father|sister|brother|daughter|son)-in-law|daughters?|sons?|husband|wife|partner|boyfriend|girlfriend|fianc[ée]e?|spouse|mother|mom|mum|mommy|"
    r"mummy|mama|father|dad|daddy|papa|brothers?|sisters?|siblings?|grandma|granny|grandmother|grandpa|"
    r"grandfather|granddaughter|grandson|grandchild|aunt|auntie|uncle|niece|nephew|cousin|kids?|child|"
    r"children|baby|twins?|stepson|stepdaughter|stepmom|stepdad|stepmother|stepfather|hubby|wifey|sis|bro|"
    r"fianc[ée]|fiancee|momma|nan|nana|missus|bf|gf|boys|girls|nieces?|nephews|cousins|grandkids|grandchildren"
)
_QUALIFIERS = (
    r"(?:(?:little|lil|baby|big|older|younger|eldest|oldest|youngest|middle|twin|late|dear|beloved|step|ex|new|"
    r"lovely|beautiful|gorgeous|amazing|wonderful|darling|sweet|precious|handsome|awesome|favourite|favorite|"
    r"angelic|clever|brilliant|proud|crazy|silly|cheeky|gorgeous|fabulous|incredible|two|three|four|"
    r"\d{1,2}[- ]?(?:year|yr|month)[- ]?old)[- ]?\s*){0,2}"
)
_NAME = r"(?-i:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)"
NOT_NAMES = frozenset(
    {
        "I", "I'm", "The", "A", "An", "And", "But", "Or", "So", "Is", "Was", "Has", "Had", "Just", "Who",
        "When", "Where", "What", "Why", "How", "It", "He", "She", "They", "We", "You", "This", "That", "Then",
        "Today", "Tomorrow", "Yesterday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Christmas", "Easter", "Mom", "Mum", "Dad", "God", "Lol", "Also",
        "Still", "Now", "Never", "Always", "Said", "Says", "Loves", "Love", "Thanks", "Happy", "Please",
        "Here", "There", "Are", "Will", "Can", "Could", "Would", "Should", "Did", "Does", "Do", "Not",
        "At", "In", "On", "For", "With", "From", "To", "Of", "By", "If", "As", "After", "Before",
    }
)
_RELATION_IN_MATCH = re.compile(rf"(?:{RELATIONS})", re.IGNORECASE)
_HANDLE = r"@\w{1,30}"
_INFORMAL = r"(?:sis|bro|hubby|wifey|missus)"
"""Kin words that name the writer's own relative even after 'the' ("the big sis Abby")."""
_BARE_KIN = (r"(?:daughter|son|wife|husband|sister|brother|mum|mom|dad|father|mother|niece|nephew|cousin|"
             r"fianc[ée]e?|hubby|grandson|granddaughter)")
"""Kin words that tie an @handle to the writer without 'my' ("leaving daughter @jo to run the stand");
not 'bro', 'sis' or 'baby', which people call friends."""


_CHAT_WORDS = frozenset({"lol", "lmao", "haha", "hehe", "xoxo", "omg", "tonight", "today", "tomorrow",
                         "again",
                         "though", "tho", "pls", "plz", "thx", "innit", "init", "yesterday"})


def _common_word(word: str) -> bool:
    """An everyday word, not a name: a capitalised one that is no given name ("my Boyfriend House", title
    case), or any lower-case one (a lower-case name is taken only as a username: "my hubby lucanchan")."""
    known = lexicons()
    lower = word.lower()
    if word.islower():
        return lower in known.common_words or lower in _CHAT_WORDS
    return lower in known.common_words and lower not in known.given_names


class FamilyMemberRecognizer(ContextualRecognizer):
    ENTITY = "FAMILY_MEMBER"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "my relation Name",
            rf"(?<![\w])(?:my|our)\s+{_QUALIFIERS}(?:{RELATIONS}),?\s+{_NAME}(?![\w-])",
            0.7,
        ),
        Pattern(
            "my relations Name and Name",
            rf"(?<![\w])(?:my|our)\s+{_QUALIFIERS}(?:{RELATIONS}),?\s+{_NAME}(?:,\s*{_NAME})*,?\s+(?:and|&|&amp;)\s+"
            rf"{_NAME}(?![\w-])",
            0.7,
        ),
        Pattern(
            "my relation @handle",
            rf"(?<![\w])(?:(?:my|our)\s+{_QUALIFIERS}(?:{RELATIONS})|{_BARE_KIN}),?\s+{_HANDLE}(?![\w])",
            0.7,
        ),
        Pattern(
            "my relation username",
            rf"(?<![\w])(?:my|our)\s+{_QUALIFIERS}(?:{RELATIONS})\s+(?-i:[a-z][a-z0-9_]{{3,20}})"
            r"(?=\s*(?:$|[!.,?:;]|\s+https?:|\s+#))",
            0.6,
        ),
        Pattern(
            "the sis Name",
            rf"(?<![\w])the\s+{_QUALIFIERS}{_INFORMAL},?\s+{_NAME}(?![\w-])",
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["my", "our"]
    REASON = "named family member"
    FIRST_PERSON = True
    GATE = re.compile(rf"(?<![\w])(?:{RELATIONS})(?![\w])", re.IGNORECASE)
    """Every pattern holds a kin word."""
    GATE_WORDS = gate_words(GATE)

    @property
    def gate_words(self) -> frozenset[str] | None:
        """Words one of which every text `might_match` lets through holds (see prefilter.gate_words)."""
        return self.GATE_WORDS

    def might_match(self, text: str) -> bool:
        """The kin words' first letters against the text's words (one set lookup), the kin words whole
        (another, see `detectors.wholewords`: "son" and "kid" begin many words), then the gate."""
        if not may_match(text, self.GATE_WORDS):
            return False
        whole = _whole_kin_words()
        return (whole is None or whole.may_match(text)) and super().might_match(text)

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        matched = text[result.start : result.end]
        name = re.search(r"@?[^\W\d_][\w-]*$", matched)
        relations = _RELATION_IN_MATCH.findall(matched)
        if name is None or name.group() in NOT_NAMES or not relations or _common_word(name.group()):
            return None
        result.recognition_metadata["reason"] = f"named family member ({relations[-1].lower()})"
        result.recognition_metadata["subject"] = Subject.RELATIVE
        result.start = result.start + name.start()
        return result


@cache
def _whole_kin_words() -> WholeWords | None:
    """The kin words whole, read from the gate on first use (a few milliseconds, kept off start-up)."""
    return whole_words(FamilyMemberRecognizer.GATE)
