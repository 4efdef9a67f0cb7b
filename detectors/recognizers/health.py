"""Health data: medical conditions, medications and procedures, as people write about them.

Terms come from lexicons in `detectors/data/` (technical names after ICD-10-CM and MedlinePlus, WHO
essential medicines, lay words and abbreviations), compiled once into one regex each. Conditions
missing from the lexicons are caught by their shape ("…itis", "…oma", "X syndrome", "X deficiency")
at lower confidence, and an abbreviation the text defines ("Duchenne muscular dystrophy (DMD)") is
followed through the rest of the text (both in `detectors.recognizers.conditions`). The framing decides the
confidence: a first-person disclosure ("I was diagnosed with", "my meds") raises it, a news-like
mention ("patients", "researchers") lowers it, and known false friends ("Cancer" the star sign, the
Great Depression) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.gatewords import gate_words
from detectors.lexicon import RegexSource, read_terms
from detectors.recognizers.conditions import (
    Candidate,
    abbreviation_candidates,
    deficiency_candidates,
    guarded,
    inside_address,
    merged,
    outside,
    phrase_candidates,
    shape_candidates,
    with_modifiers,
)
from detectors.recognizers.gazetteer import lexicons
from detectors.subject import opening_verb
from detectors.termsregex import TermsRegex
from detectors.wordstarts import may_match

CONDITION = "MEDICAL_CONDITION"
MEDICATION = "MEDICATION"
PROCEDURE = "MEDICAL_PROCEDURE"

FIRST_PERSON_BOOST = 0.25
OTHER_PERSON_BOOST = 0.1
NEWS_PENALTY = 0.1
FLOOR = 0.4
"""No health hit is scored below the engine's threshold: lowered, not lost."""
CEILING = 0.95


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """A compiled term list with the score and wording its hits carry.

    Compared and hashed by identity: hashing its regex would hash the whole alternation each time."""

    label: str
    source: TermsRegex | RegexSource
    """The terms' regex, compiled on first use (in pieces while texts need few: see `TermsRegex`)."""
    score: float
    context: Callable[[str, int, int], bool] | None = None
    """A check of the words around a hit (text, start, end) that must pass for it to count."""
    words: frozenset[str] | None = None
    """Words one of which every hit holds (see `detectors.wordstarts`): most texts have none."""


@lru_cache(maxsize=16)
def lexicon_hits(lexicon: Lexicon, text: str) -> tuple[tuple[int, int], ...]:
    """Where the lexicon's terms occur in the text; remembered for the last few texts, because the
    condition recognizer also reads the medication and procedure lexicons the next recognizers scan."""
    if not may_match(text, lexicon.words):
        return ()
    return tuple(match.span() for match in lexicon.source.finditer(text))


def _lexicon(label: str, files: tuple[str, ...], score: float, *, case_sensitive: bool = False,
             context: Callable[[str, int, int], bool] | None = None) -> Lexicon:
    terms = [term for name in files for term in read_terms(name)]
    source = TermsRegex(terms, case_sensitive=case_sensitive, with_plurals=not case_sensitive)
    return Lexicon(label, source, score, context, source.words)


_SENTENCE_END = re.compile(r"[.!?\n]")
_KIN = (r"(?:wife|husband|partner|boyfriend|girlfriend|mum|mom|mother|dad|father|son|daughter|kid|kids|child|"
        r"children|baby|brother|sister|sibling|grandma|grandmother|grandad|grandpa|grandfather|aunt|uncle|"
        r"cousin|niece|nephew|friend|best friend|flatmate|roommate|colleague|boss|fiancée?|spouse)")
_OTHER_PERSON = re.compile(
    rf"\b(?:my|our)\s+{_KIN}\b(?:'s)?|\b(?:he|she)(?:\s+(?:has|had|was|is|takes)\b|['’]s\b)", re.IGNORECASE
)
_FIRST_PERSON = re.compile(
    r"\b(?:I\s+(?:was|got|have\s+been|'ve\s+been)\s+diagnosed\s+with|"
    r"I\s+(?:have|had|'ve\s+had|'ve\s+got|suffer\s+from|am\s+on|take|took|started|am\s+taking|was\s+prescribed|need|needed|had\s+to\s+have|am\s+recovering\s+from|"
    r"live\s+with|survived|beat|got)|I'm\s+(?:on|taking|recovering\s+from|living\s+with|a|an|having|getting|"
    r"starting|due\s+for|booked\s+in\s+for)|Im\s+on|I\s+am|I'm|I've|Ive|(?i:my\s+own|my|me|myself|mine)|I)\b"
    r"|\b(?i:living\s+with|diagnosed\s+with)\b",
)
_IMPLICIT_SELF = re.compile(
    r"\s*(?:just\s+|finally\s+|so\s+|officially\s+)?(?:starting|started|start|had|got|getting|finished|finishing|"
    r"diagnosed|recovering|booked|taking|took|beat|survived|day\s+\d+\s+of|week\s+\d+\s+of|waiting\s+for)\b",
    re.IGNORECASE,
)
"""A sentence that opens on a verb with no subject is the writer speaking ("Starting chemo Monday")."""
_NEWS = re.compile(
    r"\b(?:study|studies|patients|researchers?|according\s+to|the\s+disease|trials?|cases|prevalence|incidence|"
    r"cohort|population|scientists|survey|news|reported|reports|awareness|research|charity|percent|"
    r"million|people\s+with|those\s+with|rates?\s+of|risk\s+of|linked\s+to|associated\s+with)\b",
    re.IGNORECASE,
)

class HealthRecognizer(EntityRecognizer):
    """Lexicon hits of one health entity, scored by who the text says they belong to."""

    ENTITY = CONDITION
    LEXICONS: tuple[Lexicon, ...] = ()
    YIELDS_TO: tuple[Lexicon, ...] = ()
    """Lexicons of other entities whose hits swallow ours ("flu" inside "flu shot" is a procedure)."""
    USE_SHAPES = False

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language="en")
        self.name: str = type(self).__name__

    def load(self) -> None:
        """Lexicons are compiled at import; nothing to load."""

    @cached_property
    def gate_words(self) -> frozenset[str] | None:
        """Words one of which every text with a lexicon hit holds (see prefilter.gate_words); None where
        condition shapes ("...itis") are also looked for, which no word announces."""
        words = [lexicon.words for lexicon in self.LEXICONS]
        if self.USE_SHAPES or any(found is None for found in words):
            return None
        return frozenset().union(*words)  # type: ignore[arg-type]

    def might_match(self, text: str) -> bool:
        """The engine's cheap precondition: a lexicon's words, unless shapes are looked for too."""
        return self.USE_SHAPES or any(may_match(text, lexicon.words) for lexicon in self.LEXICONS)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if self.ENTITY not in entities:
            return []
        candidates = self.candidates(text)
        results = []
        for candidate in merged([with_modifiers(text, c) for c in candidates]):
            score, reason, first_person = _framed(text, candidate)
            results.append(self._result(candidate, score, reason, first_person))
        return results

    def candidates(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for lexicon in self.LEXICONS:
            for start, end in lexicon_hits(lexicon, text):
                if guarded(text, start, end):
                    continue
                if lexicon.context is not None and not lexicon.context(text, start, end):
                    continue
                found.append(Candidate(start, end, lexicon.score, f"{lexicon.label} '{text[start:end]}'"))
        if self.USE_SHAPES:
            found.extend(shape_candidates(text))
            found.extend(phrase_candidates(text))
            found.extend(deficiency_candidates(text))
            found.extend(abbreviation_candidates(text, found))
        found = [c for c in found if not inside_address(text, c.start, c.end)]
        if found and self.YIELDS_TO:
            wider = [span for lexicon in self.YIELDS_TO for span in lexicon_hits(lexicon, text)]
            found = outside(found, wider)
        return found

    def _result(self, candidate: Candidate, score: float, reason: str, first_person: bool
                ) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=candidate.score,
                                          textual_explanation=reason)
        return RecognizerResult(
            entity_type=self.ENTITY, start=candidate.start, end=candidate.end, score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "reason": reason,
                "first_person": first_person,
            },
        )


class MedicationRecognizer(HealthRecognizer):
    """Drugs by generic or brand name, and lay words for them ("my meds", "antidepressants")."""

    ENTITY = MEDICATION
    LEXICONS = (_lexicon("medication lexicon", ("medications.txt",), 0.55),)


class MedicalProcedureRecognizer(HealthRecognizer):
    """Surgeries, therapies, treatments and tests ("chemo", "IVF", "my MRI")."""

    ENTITY = PROCEDURE
    LEXICONS = (_lexicon("procedure lexicon", ("medical_procedures.txt",), 0.5),)


_HEALTH_WORDS = re.compile(
    r"\b(?:diagnos\w*|symptoms?|flare\w*|doctors?|neurologist|rheumatologist|oncologist|consultant|meds|"
    r"medication|treatment|disease|disorder|condition|patients?|chronic|relapse\w*|remission|clinic|hospital|"
    r"illness|sclerosis|arthritis|dystrophy|leuka?emia|lymphoma|infarction|colitis|syndrome|therapy|"
    r"cancer|living\s+with|suffer\w*)\b",
    re.IGNORECASE,
)
_HEALTH_CUE_BEFORE = re.compile(r"\b(?:my|have|has|had|with|diagnosed\s+with|suffer\w*\s+from)\s+$",
                                re.IGNORECASE)
"""Words right before an ambiguous abbreviation that make it a condition: "my MS", "diagnosed with RA"."""


def _health_context(text: str, start: int, end: int) -> bool:
    """Whether an ambiguous abbreviation (MS, RA, ED) sits among health words."""
    window = text[max(0, start - 50):start] + " " + text[end:end + 50]
    letters = [c for c in window if c.isalpha()]
    shouting = len(letters) > 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    cued = _HEALTH_CUE_BEFORE.search(text, max(0, start - 30), start) is not None
    return not shouting and (cued or _HEALTH_WORDS.search(window) is not None)


_A_PERSON_IS = re.compile(
    r"(?:\bI\s*['’]?m|\bI\s+am|\bI\s+was|\bI['’]ve\s+been|\bI\s+have\s+been|\bI\s+became|\bI\s+went|\bI\s+got|"
    r"\b(?:he|she|they)\s*(?:['’]s|['’]re|\s+is|\s+was|\s+are|\s+went|\s+became)|"
    r"\b(?:my|our)\s+\w+(?:\s+\w+)?\s+(?:is|was|['’]s|went|became)|\bas\s+an?|\bbeing|"
    r"\b(?:got|get|getting|feel|feeling|felt|am|are|were)(?:\s+(?:so|really|very))?|\ba(?=\s+\w+\s+[A-Z]))"
    r"\s+(?:(?:partially|legally|profoundly|completely|totally|now|still|also|so|very|almost|\d+\s+(?:weeks?|"
    r"months?))\s+)*$",
    re.IGNORECASE,
)
"""'I'm', 'she is', 'my son is', 'as a': what must come right before a word like 'deaf' or 'pregnant'."""


_NAME_IS = re.compile(
    r"(?:(?P<name>(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))*)|@\w+)\s+(?:is|was|['’]s|got|gets|has\s+been|"
    r"became)(?:\s+(?:so|really|now|still|again|finally|officially|very))*\s+$",
    re.IGNORECASE,
)
"""A name or @handle and a verb ("Jessica Simpson is", "@karo_b is"): an everyday health word after it."""


_OPENS_SENTENCE = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:(?:still|now|finally|officially|almost|nearly|so|\d+\s+(?:weeks?|months?))\s+)*$",
    re.IGNORECASE,
)
"""Nothing but an adverb or a duration between the sentence start and the word ("Still pregnant", "12 weeks
pregnant today"): a post with its pronoun dropped, or a headline. Its subject is decided later
(detectors.subject; detectors.implied for the owner's own posts); with none it is only a mention."""


_TYPED_FOR_OTHER_WORDS = frozenset({"ill"})
"""Opening a sentence, 'Ill' is mostly "I'll" typed without its apostrophe ("Ill have to go")."""


def _said_of_a_person(text: str, start: int, end: int) -> bool:
    """Whether an everyday health word ('blind', 'sober', 'pregnant') is said of someone: 'I'm deaf',
    'Jessica Simpson is pregnant', or opens a sentence whose subject is dropped ('Still pregnant'); not
    of an idea ('Justice is blind': one common word is no name)."""
    if _A_PERSON_IS.search(text, max(0, start - 60), start) is not None:
        return True
    if (text[start:end].casefold() not in _TYPED_FOR_OTHER_WORDS
            and _OPENS_SENTENCE.search(text[max(0, start - 60):start]) is not None):
        return True
    named = _NAME_IS.search(text, max(0, start - 60), start)
    if named is None:
        return False
    name = named.group("name")
    return name is None or " " in name or name.lower() not in lexicons().common_words


def _framed(text: str, candidate: Candidate) -> tuple[float, str, bool]:
    """Score, reason and first-person flag after reading the words around a hit."""
    window_start = max(0, candidate.start - 80)
    boundary = _last(_SENTENCE_END, text[window_start:candidate.start])
    sentence_start = window_start + boundary.end() if boundary else window_start
    before = text[sentence_start:candidate.start]
    end_match = _SENTENCE_END.search(text, candidate.end, candidate.end + 80)
    after = text[candidate.end:end_match.start() if end_match else candidate.end + 80]
    other = _last(_OTHER_PERSON, before)
    first = _last(_FIRST_PERSON, before)
    if other is not None and (first is None or other.start() >= first.start() - 3):
        score = min(CEILING, candidate.score + OTHER_PERSON_BOOST)
        return score, f"{candidate.reason}; about someone close '{other.group()}'", False
    if first is None:
        first = opening_verb(before, _IMPLICIT_SELF)
    if first is not None:
        score = min(CEILING, candidate.score + FIRST_PERSON_BOOST)
        return score, f"{candidate.reason}; first-person '{first.group().strip()}'", True
    news = _NEWS.search(before) or _NEWS.search(after)
    if news is not None:
        score = max(FLOOR, candidate.score - NEWS_PENALTY)
        return score, f"{candidate.reason}; news-like '{news.group()}'", False
    return candidate.score, candidate.reason, False


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


_BODY_PARTS = (r"(?:knees?|ankles?|wrists?|back|arms?|legs?|hips?|shoulders?|neck|fingers?|toes?|ribs?|"
               r"hamstrings?|"
               r"ACL|collarbone|foot|feet|hands?|elbows?|nose|jaw|thumbs?|calf|calves|groin|achilles|spine|"
               r"skull|pelvis|cheekbone|tailbone|ligaments?|tendons?|muscles?)")
_INJURY = RegexSource(
    r"(?<![\w-])(?:twist(?:ed|ing)?|sprain(?:ed|ing)?|broke|broken|break(?:ing)?|fractur(?:ed|ing)|pull(?:ed|ing)|"
    r"tore|torn|tear(?:ing)?|dislocat(?:ed|ing)|hurt(?:ing)?|injur(?:ed|ing)|bruis(?:ed|ing)|crack(?:ed|ing)|"
    r"strain(?:ed|ing)|busted|snapped|rolled|jarred|smashed|damaged)\s+(?:my|his|her|their|your|our)\s+"
    rf"(?:(?:left|right|bad|good|lower|upper)\s+)?{_BODY_PARTS}(?![\w-])",
    re.IGNORECASE,
)
"""Everyday injuries said with a possessive: 'twisted my knee', 'she broke her wrist'."""


class MedicalConditionRecognizer(HealthRecognizer):
    """Diseases, disorders, mental health, reproductive and sexual health, disabilities."""

    ENTITY = CONDITION
    LEXICONS = (
        _lexicon("condition lexicon", ("medical_conditions.txt", "medical_conditions_rare.txt"), 0.6),
        _lexicon("lay condition term", ("medical_conditions_lay.txt",), 0.5),
        _lexicon("condition abbreviation", ("medical_abbreviations.txt",), 0.55, case_sensitive=True),
        _lexicon("condition abbreviation", ("medical_abbreviations_ambiguous.txt",), 0.5, case_sensitive=True,
                 context=_health_context),
        _lexicon("condition said of a person", ("medical_conditions_self.txt",), 0.55,
                 context=_said_of_a_person),
        Lexicon("injury", _INJURY, 0.55, words=gate_words(_INJURY)),
    )
    YIELDS_TO = MedicationRecognizer.LEXICONS + MedicalProcedureRecognizer.LEXICONS
    USE_SHAPES = True
