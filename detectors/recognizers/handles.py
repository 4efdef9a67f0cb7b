"""@handles and u/ handles that spell a person's name: a reference to a named individual, reported as PERSON.

A handle is an identifier (online.py reports it as USERNAME), but "@david_myers77" or "@DrBruceBaird" also
names someone, and a reader of the findings wants to know that a named person is mentioned. The handle is
split into its parts (underscores, digits, camelCase; a run of lower-case letters is tried as a given name
followed by a family name) and the parts are looked up in the given-name and family-name gazetteers of
gazetteer.py. Handles with a word that marks an organisation or a product (News, TV, Official, FC, Radio...)
never count. Where this PERSON and the USERNAME cover the same handle, detectors.resolve keeps the PERSON;
the handle is still the finding's text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.recognizers.gazetteer import Lexicons, lexicons
from detectors.recognizers.online import UsernameRecognizer

LANGUAGE = "en"
NAME = "HandleNameRecognizer"

TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "sir", "dame", "lady", "lord"})
"""Title prefixes: "@DrBruceBaird", "@MrMikeStreet"."""

ORGANISATION_WORDS = frozenset({
    "news", "tv", "fc", "official", "officiel", "oficial", "tweets", "tweet", "radio", "app", "apps", "inc",
    "ltd", "llc", "co", "corp", "hq", "team", "club", "store", "shop", "media", "sports", "sport",
    "finance", "music", "records", "magazine", "mag", "games", "game", "gaming", "online", "daily", "weekly",
    "times", "post", "press", "journal", "herald", "tribune", "gazette", "network", "channel", "studio",
    "studios", "films", "film", "pictures", "productions", "group", "global", "world", "international",
    "foundation", "fund", "trust", "society", "association", "council", "union", "party", "gov", "govt",
    "university", "uni", "college", "school", "academy", "institute", "library", "museum", "hospital",
    "clinic", "church", "city", "county", "police", "fire", "army", "navy", "support", "help", "care",
    "cares", "info", "updates", "update", "alerts", "live", "show", "podcast", "blog", "band", "fans", "fan",
    "facts", "quotes", "memes", "vines", "pics", "photos", "videos", "hotel", "hotels", "travel", "tours",
    "restaurant", "cafe", "theatre", "theater", "cinema", "farm", "farms", "conf", "festival", "fest",
    "bar", "pub", "bakery", "kitchen", "food", "foods", "market", "labs", "lab",
    "tech", "digital", "systems", "solutions", "services", "consulting", "agency", "marketing", "jobs",
    "careers", "deals", "sale", "sales", "offers", "shopping", "fashion", "beauty", "style", "design",
    "official1", "brand", "company", "business", "bank", "insurance", "energy", "motors", "auto", "cars",
    "airlines", "airways", "air", "rail", "transit", "football", "soccer", "basketball", "baseball",
    "hockey", "cricket", "rugby", "racing", "nfl", "nba", "mlb", "nhl", "espn", "bbc", "cnn", "fox",
    "nbc", "abc", "cbs", "itv", "sky", "nyt", "wsj", "fm", "am", "uk", "usa", "us", "org", "net", "com",
})
"""Words in a handle that mark an organisation, a product or a feed: such handles stay USERNAME."""

FILLERS = frozenset({"the", "its", "im", "iam", "real", "just", "x", "xo", "xx", "xoxo"})
"""Words around a name in a handle that say nothing ("@TheNickSavoia", "@Real_Liam_Payne", "@itsjane")."""

_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_HANDLE = re.compile(
    rf"{UsernameRecognizer.PATTERNS[0].regex}|{UsernameRecognizer.PATTERNS[1].regex}"
)
_PREFIX = re.compile(r"^/?u/|^@")
MIN_GIVEN = 3
"""Shortest given name looked for at the start of a run of lower-case letters ("ann" + "smith")."""
MIN_RUN_GIVEN = 4
"""Shortest given name taken as the start of a run with an unknown rest ("paige" + "arooney")."""
MIN_SURNAME = 4
"""Shortest family name accepted after it (shorter ends match by chance: "jo" + "nes")."""


@dataclass(frozen=True, slots=True)
class Verdict:
    score: float
    reason: str


def handle_parts(handle: str) -> list[str]:
    """A handle's lower-cased word parts, digits dropped: "@TheNickSavoia" -> ["the", "nick", "savoia"]."""
    name = _PREFIX.sub("", handle).split("@", 1)[0]
    return [part.lower() for part in _PARTS.findall(name) if not part.isdigit()]


def _is_given(word: str, lex: Lexicons, strict: bool) -> bool:
    """A given name; strict: one that is not also a common word ("paula", not "will")."""
    clash = lex.given_names.get(word)
    return clash == "-" or (clash is not None and not strict)


def _is_other_name(word: str, lex: Lexicons) -> bool:
    """A second part that may be a name the gazetteers lack ("savoia"): 3+ letters, not a common word."""
    return word in lex.surnames or (len(word) >= MIN_GIVEN and word not in lex.common_words)


def _split_run(run: str, lex: Lexicons) -> tuple[str, str] | None:
    """A lower-case run read as given name + family (or second given) name: "davidmyers" -> (david, myers)."""
    for cut in range(len(run) - MIN_SURNAME, MIN_GIVEN - 1, -1):
        given, rest = run[:cut], run[cut:]
        family = rest in lex.surnames or _is_given(rest, lex, strict=True)
        if family and _is_given(given, lex, strict=False):
            return given, rest
    return None


def _pair(first: str, second: str, lex: Lexicons) -> Verdict | None:
    """Two adjacent parts of a handle read as a full name, best reading first."""
    for given, family in ((first, second), (second, first)):
        if _is_given(given, lex, strict=False) and family in lex.surnames:
            return Verdict(0.85, f"handle contains the given name '{given}' and surname '{family}'")
    if _is_given(first, lex, strict=False) and _is_given(second, lex, strict=False):
        return Verdict(0.75, f"handle contains the given names '{first}' and '{second}'")
    if _is_given(first, lex, strict=False) and _is_other_name(second, lex):
        return Verdict(0.7, f"handle contains the given name '{first}' and a second name '{second}'")
    if second in lex.surnames and first not in lex.common_words and len(first) >= MIN_GIVEN:
        return Verdict(0.6, f"handle contains the surname '{second}' after a name '{first}'")
    return None


def judge(handle: str, lex: Lexicons | None = None) -> Verdict | None:
    """Whether a handle looks like a person's name, with the reason; None when it does not."""
    lex = lex or lexicons()
    parts = handle_parts(handle)
    if not parts or any(part in ORGANISATION_WORDS for part in parts):
        return None
    words = [part for part in parts if part not in TITLES and part not in FILLERS]
    if parts[0] in TITLES and words and len(words[0]) >= 2:
        return Verdict(0.8, f"handle starts with the title '{parts[0]}'")
    pairs = [_pair(first, second, lex) for first, second in itertools.pairwise(words)]
    best = max((pair for pair in pairs if pair is not None), key=lambda pair: pair.score, default=None)
    if best is not None:
        return best
    if len(words) == 1:
        split = _split_run(words[0], lex)
        if split is not None:
            return Verdict(0.75, f"handle reads as the given name '{split[0]}' and surname '{split[1]}'")
    for word in words:
        if len(word) >= MIN_GIVEN and _is_given(word, lex, strict=True):
            return Verdict(0.65, f"handle contains the given name '{word}'")
    given = _given_prefix(words[0], lex) if len(words) == 1 else None
    if given is not None:
        return Verdict(0.55, f"handle starts with the given name '{given}'")
    return None


def _given_prefix(run: str, lex: Lexicons) -> str | None:
    """The longest strict given name (MIN_RUN_GIVEN+ letters) opening a longer run ("paigearooney")."""
    for cut in range(len(run) - MIN_GIVEN, MIN_RUN_GIVEN - 1, -1):
        if _is_given(run[:cut], lex, strict=True):
            return run[:cut]
    return None


class HandleNameRecognizer(LocalRecognizer):
    """PERSON for @handles and u/ handles made of a personal name (see the module docstring)."""

    ENTITIES: ClassVar[list[str]] = ["PERSON"]

    def __init__(self) -> None:
        super().__init__(supported_entities=self.ENTITIES, supported_language=LANGUAGE, name=NAME)

    def load(self) -> None:
        """Nothing to load: the gazetteers load on first use."""

    def might_match(self, text: str) -> bool:
        """Every hit is an @handle or a u/ handle."""
        return "@" in text or "u/" in text

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        lex = lexicons()
        results = []
        for match in _HANDLE.finditer(text):
            verdict = judge(match.group(), lex)
            if verdict is None:
                continue
            results.append(
                RecognizerResult(
                    entity_type="PERSON",
                    start=match.start(),
                    end=match.end(),
                    score=verdict.score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=NAME, original_score=verdict.score, textual_explanation=verdict.reason
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        "reason": verdict.reason,
                    },
                )
            )
        return results
