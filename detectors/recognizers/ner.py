"""Names, places and organisations from spaCy's entities, cleaned and scored for social-media text.

Presidio's stock SpacyRecognizer passes every spaCy entity on with one flat score of 0.85 (Presidio
#786), so a threshold cannot tell "Allen Iverson" from "Hmm", an emoji or a t.co link labelled PERSON,
and it finds nothing in all-lower-case or all-caps posts (#1354). This recognizer replaces it:

- spans are trimmed of what cannot be part of a name (URLs, @handles, hashtags, "RT", emoji, a
  trailing "'s", a leading "the", platform shorthand such as "ICYMI" or "Jan") and split where such junk
  sits inside them; a verb spaCy folded into the end of a name goes ("Jimmy Fallon Makes");
- each span gets its own score from its shape (casing, length, digits, sentence position) and from
  gazetteers (gazetteer.py), and is relabelled where they clearly contradict spaCy (a known city
  labelled PERSON, a given name labelled ORG, "Undercliff Ave" labelled ORG, "Chelsea FC" labelled
  PERSON); where the place gazetteer finds a place over exactly a PERSON's span, the place wins;
- names and places spaCy missed are found in the gazetteers: lower-case and all-caps given names and
  places, US state codes, hashtags of places and of full names, capitalised words after "thanks",
  "poor", "Mrs" and the like.

Measured on the WNUT-17 and BTC dev sets, a second spaCy pass over a title-cased copy of lower-case and
all-caps texts added nothing once its spans had to be backed by a gazetteer, while costing a quarter
more spaCy time, so there is none. @handles are left to the USERNAME recognizer: a handle is an
account name, and BTC's habit of labelling them PER is not followed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from detectors.recognizers.dates import is_plausible_date
from detectors.recognizers.gazetteer import Hit, Lexicons, Tokens, casing, gazetteer_hits, lexicons, shape
from detectors.resolve import kept_in_rank_order

LANGUAGE = "en"
NAME = "SocialNerRecognizer"

SPACY_LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
    "NORP": "NRP",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}
"""spaCy labels → our entities; everything else (CARDINAL, PRODUCT, ...) is not personal data."""

FACILITY_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "square", "park",
    "bridge", "airport", "station", "palace", "tower", "beach", "lake", "river", "mountain", "island",
    "embassy", "interchange", "gardens", "castle", "cathedral", "stadium", "springs", "town",
    "village", "heights", "hills", "valley", "bay",
})
"""Last words that make a spaCy "organisation" or "person" a place ("Topkapi Palace", "Undercliff Ave")."""

ORGANISATION_WORDS = frozenset({
    "fc", "afc", "news", "tv", "radio", "inc", "ltd", "llc", "corp", "plc", "club", "university", "college",
    "school", "academy", "institute", "hospital", "council", "party", "foundation", "society", "association",
    "museum", "records", "studios", "group", "network", "times", "journal", "bank", "airlines", "motors",
})
"""Last words that make a spaCy "person" an organisation ("Chelsea FC", "Fox News", "Harvard University")."""

_LEADING = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_INNER_PUNCTUATION = frozenset({".", "-", "'", "’"})


@dataclass(frozen=True, slots=True)
class Candidate:
    entity: str
    start: int
    end: int
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Piece:
    """Tokens first..last-1 of a spaCy entity, after clean-up."""

    tokens: Tokens
    first: int
    last: int

    @property
    def words(self) -> list[str]:
        return [word for word in self.tokens.words[self.first : self.last] if _wordlike(word)]

    @property
    def key(self) -> str:
        return self.tokens.key(self.first, self.last)


def clean_pieces(tokens: Tokens, first: int, last: int, split_at_punctuation: bool = True,
                 stop: frozenset[str] = frozenset()) -> list[Piece]:
    """The parts of tokens first..last-1 left after junk and `stop` words (lower-cased) are cut out and
    edges trimmed ("the", "'s").

    Names are also split at punctuation other than . - ' ("Moses Malone & Julius Erving"); dates are not.
    """
    pieces: list[Piece] = []
    start = first
    for index in range(first, last + 1):
        cut = index == last or tokens.junk[index] or tokens.lower[index] in stop
        if not cut and split_at_punctuation:
            word = tokens.words[index]
            cut = not _wordlike(word) and word not in _INNER_PUNCTUATION
        if cut:
            end = index
            while end > start and _trailing(tokens.words[end - 1]):
                end -= 1
            begin = start
            while end > begin and (tokens.lower[begin] in _LEADING or not _wordlike(tokens.words[begin])):
                begin += 1
            if end > begin:
                pieces.append(Piece(tokens, begin, end))
            start = index + 1
    return pieces


def _trailing(word: str) -> bool:
    """Trimmed from the end of a name: "'s", a lone apostrophe, punctuation."""
    return word in _POSSESSIVE or not _wordlike(word)


def _wordlike(word: str) -> bool:
    """Holds a letter or digit (most tokens are nothing but, which one call tells)."""
    return word.isalnum() or any(character.isalnum() for character in word)


def _has_digit(words: list[str]) -> bool:
    joined = "".join(words)
    return not joined.isalpha() and any(map(str.isdigit, joined))


def _has_letter(words: list[str]) -> bool:
    joined = "".join(words)
    return joined.isalpha() or any(map(str.isalpha, joined))


class Judge:
    """Scores and labels one cleaned spaCy entity from its shape and the gazetteers."""

    def __init__(self, lex: Lexicons, all_caps_text: bool = False) -> None:
        self.lex = lex
        self.all_caps_text = all_caps_text
        """In a text written in capitals, a capitalised word is no acronym."""

    def person(self, piece: Piece, words: list[str], written: str) -> tuple[float, str]:
        lowered = [word.lower() for word in words]
        clash = self.lex.given_names.get(lowered[0])
        if _has_digit(words):
            return 0.0, "digits in a name"
        if written == "lower":
            if clash == "-":
                return (0.7 if len(words) > 1 else 0.6), "given name written in lower case"
            if clash is not None:
                return 0.5, "lower-case given name that is also a word"
            return 0.3, "lower-case words without a known given name"
        if len(words) == 1:
            if clash is not None:
                return 0.85, "known given name"
            if lowered[0] in self.lex.common_words:
                return 0.3, "a common word, capitalised"
            if written == "upper":
                return 0.35, "a single all-caps word"
            if lowered[0] in self.lex.surnames:
                return 0.7, "a known family name"
            return 0.55, "a single capitalised word"
        if written == "upper":
            return (0.6 if clash is not None else 0.45), "all-caps words"
        if written == "title" and not all(word in self.lex.common_words for word in lowered):
            if clash is not None or lowered[-1] in self.lex.surnames:
                return 0.9, "capitalised words with a known given or family name"
            return 0.7, "capitalised words"
        return 0.5, "mixed-case words"

    def location(self, piece: Piece, words: list[str], written: str, label: str) -> tuple[float, str]:
        clash = self.lex.places.get(piece.key)
        if clash == "-" or (clash is not None and written == "title"):
            return 0.9, "known place"
        if clash is not None:
            return 0.6, "known place that is also a word or a name"
        if len(words) == 1 and words[0] in self.lex.state_codes:
            return 0.7, "US state code"
        if written == "lower":
            return 0.3, "lower-case words, not a known place"
        if _has_digit(words):
            return 0.3, "digits in a place name"
        if len(words) == 1:
            if piece.key in self.lex.common_words:
                return 0.3, "a common word"
            if written == "upper":
                return 0.4, "a single all-caps word"
            if piece.tokens.starts_sentence(piece.first):
                return 0.35, "a capitalised word at the start of a sentence"
        if label == "FAC":
            return 0.5, "building or facility named by spaCy"
        return 0.7, "place named by spaCy"

    def organization(self, words: list[str], written: str) -> tuple[float, str]:
        if len(words) == 1 and written == "upper" and len(words[0]) <= 4 and not self.all_caps_text:
            return 0.6, "an acronym"
        if len(words) == 1 and words[0].lower() in self.lex.common_words and written in ("upper", "lower"):
            return 0.3, "a common word"
        if written == "lower":
            return 0.45, "lower-case words"
        return 0.8, "organisation named by spaCy"

    def relabel(self, entity: str, piece: Piece, words: list[str], written: str) -> str:
        """A different entity where the gazetteers contradict spaCy's label."""
        lowered = [word.lower() for word in words]
        place = self.lex.places.get(piece.key)
        is_place = place == "-" or (place == "word" and written == "title")
        surname = lowered[-1] in self.lex.surnames
        misread = entity in ("ORGANIZATION", "NRP") or (entity == "PERSON" and not surname)
        if misread and is_place and lowered[0] not in self.lex.given_names:
            return "LOCATION"
        if entity == "ORGANIZATION" and len(words) == 1 and words[0] in self.lex.state_codes:
            return "LOCATION"
        if entity in ("ORGANIZATION", "PERSON") and len(words) > 1 and lowered[-1] in FACILITY_WORDS:
            return "LOCATION"
        if entity in ("ORGANIZATION", "PERSON") and len(words) > 1 and lowered[-1] in ORGANISATION_WORDS:
            return "ORGANIZATION"
        if (entity in ("ORGANIZATION", "LOCATION") and place is None and written in ("title", "upper")
                and lowered[-1] not in FACILITY_WORDS):
            given = self.lex.given_names.get(lowered[0])
            single = len(words) == 1
            cased = written == "title" or self.all_caps_text
            if (single and given == "-" and cased) or (not single and given and len(words) <= 3):
                return "PERSON"
            if len(words) == 1 and lowered[0] in self.lex.surnames and written == "title":
                return "PERSON"
        return entity

    def without_trailing_verbs(self, piece: Piece) -> Piece:
        """The piece less verbs folded into its end ("Jimmy Fallon Makes" → "Jimmy Fallon"), to one word."""
        last = piece.last
        while last - 1 > piece.first and (piece.tokens.lower[last - 1] in self.lex.trailing_verbs
                                          or not _wordlike(piece.tokens.words[last - 1])):
            last -= 1
        return piece if last == piece.last else Piece(piece.tokens, piece.first, last)

    def judge(self, label: str, piece: Piece) -> Candidate | None:
        entity = SPACY_LABELS[label]
        if entity != "DATE_TIME":
            piece = self.without_trailing_verbs(piece)
        words = piece.words
        if not words or (entity != "DATE_TIME" and not _has_letter(words)):
            return None
        written = shape(words)
        if entity in ("PERSON", "ORGANIZATION", "LOCATION", "NRP"):
            entity = self.relabel(entity, piece, words, written)
        if entity == "PERSON":
            score, why = self.person(piece, words, written)
        elif entity == "LOCATION":
            score, why = self.location(piece, words, written, label)
        elif entity == "ORGANIZATION":
            score, why = self.organization(words, written)
        elif entity == "DATE_TIME":
            plausible = is_plausible_date(piece.tokens.text[self._start(piece) : self._end(piece)])
            score, why = (0.85, "a date or time") if plausible else (0.0, "not a plausible date")
        else:
            score, why = 0.85, "named by spaCy"
        return Candidate(entity, self._start(piece), self._end(piece), score, f"spaCy {label}: {why}")

    @staticmethod
    def _start(piece: Piece) -> int:
        return piece.tokens.start[piece.first]

    @staticmethod
    def _end(piece: Piece) -> int:
        return piece.tokens.end(piece.last - 1)


def spacy_candidates(ents: Iterable[SpacySpan], tokens: Tokens, judge: Judge) -> Iterator[Candidate]:
    for ent in ents:
        if ent.label_ not in SPACY_LABELS:
            continue
        name = SPACY_LABELS[ent.label_] != "DATE_TIME"
        stop = judge.lex.shorthand if name else frozenset()
        for piece in clean_pieces(tokens, ent.start, ent.end, name, stop):
            candidate = judge.judge(ent.label_, piece)
            if candidate is not None:
                yield candidate


def select(candidates: Iterable[Candidate], threshold: float) -> list[Candidate]:
    """Non-overlapping candidates at or above the threshold, the best scored (then longest) first."""
    return kept_in_rank_order((c for c in candidates if c.score >= threshold),
                              lambda c: (-c.score, -(c.end - c.start), c.start))


def find(doc: Doc, threshold: float = 0.4, text: str | None = None) -> list[Candidate]:
    """Names, places, organisations, groups and dates in one parsed text, scored, without overlaps.
    `text` is the doc's text, if the caller has it."""
    lex = lexicons()
    tokens = Tokens.of(doc, text)
    ents = doc.ents  # built anew on each read
    # Whether the text is written in capitals matters to spaCy's entities and to state codes only
    all_caps_text = ((bool(ents) or not lex.state_codes.isdisjoint(tokens.words))
                     and casing(tokens) == "upper")
    candidates = list(spacy_candidates(ents, tokens, Judge(lex, all_caps_text))) if ents else []
    hits = list(gazetteer_hits(tokens, lex, all_caps_text))
    places = {(hit.start, hit.end): hit for hit in hits if hit.entity == "LOCATION"}
    candidates = [_place_over_person(candidate, places.get((candidate.start, candidate.end)))
                  for candidate in candidates]
    candidates.extend(Candidate(hit.entity, hit.start, hit.end, hit.score, hit.reason) for hit in hits)
    return select(candidates, threshold)


PLACE_OVER_PERSON = 0.6
"""A gazetteer place scored this high (not a one-word place that is also a family name) beats a PERSON."""


def _place_over_person(candidate: Candidate, place: Hit | None) -> Candidate:
    """A spaCy PERSON the place gazetteer finds as a place, over the same span, is that place."""
    if place is None or candidate.entity != "PERSON" or place.score < PLACE_OVER_PERSON:
        return candidate
    return Candidate("LOCATION", candidate.start, candidate.end, max(candidate.score, place.score),
                     f"{place.reason}, not a person")


class SocialNerRecognizer(LocalRecognizer):
    """Replaces Presidio's SpacyRecognizer: per-span scores and the clean-up in the module docstring."""

    ENTITIES: ClassVar[list[str]] = ["PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME"]
    FLOOR = 0.1
    """Spans scored below this are certainly not entities; the rest are left to the engine's threshold."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=self.ENTITIES, supported_language=LANGUAGE, name=NAME
        )

    def load(self) -> None:
        """Nothing to load: spaCy has run already; the gazetteers load on first use."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None or not isinstance(nlp_artifacts.tokens, Doc):
            return []
        wanted = set(entities) & set(self.ENTITIES)
        return [
            RecognizerResult(
                entity_type=candidate.entity,
                start=candidate.start,
                end=candidate.end,
                score=candidate.score,
                analysis_explanation=AnalysisExplanation(
                    recognizer=NAME, original_score=candidate.score, textual_explanation=candidate.reason
                ),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    "reason": candidate.reason,
                },
            )
            for candidate in find(nlp_artifacts.tokens, self.FLOOR, getattr(nlp_artifacts, "doc_text", None))
            if candidate.entity in wanted
        ]
