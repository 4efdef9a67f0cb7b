"""Health data: medical conditions, medications and procedures, as people write about them.

Terms come from lexicons in `detectors/data/` (technical names after ICD-10-CM and MedlinePlus, WHO
essential medicines, lay words and abbreviations), compiled once into one regex each. Conditions
missing from the lexicons are caught by their shape ("…itis", "…oma", "X syndrome", "X deficiency")
at lower confidence, and an abbreviation the text defines ("Duchenne muscular dystrophy (DMD)") is
followed through the rest of the text. The framing decides the confidence: a first-person
disclosure ("I was diagnosed with", "my meds") raises it, a news-like mention ("patients",
"researchers") lowers it, and known false friends ("Cancer" the star sign, the Great Depression)
are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.lexicon import compile_terms, read_terms

CONDITION = "MEDICAL_CONDITION"
MEDICATION = "MEDICATION"
PROCEDURE = "MEDICAL_PROCEDURE"

FIRST_PERSON_BOOST = 0.25
OTHER_PERSON_BOOST = 0.1
NEWS_PENALTY = 0.1
FLOOR = 0.4
"""No health hit is scored below the engine's threshold: lowered, not lost."""
CEILING = 0.95


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A compiled term list with the score and wording its hits carry."""

    label: str
    pattern: re.Pattern[str]
    score: float
    context: Callable[[str, int, int], bool] | None = None
    """A check of the words around a hit (text, start, end) that must pass for it to count."""


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    score: float
    reason: str


def _lexicon(label: str, files: tuple[str, ...], score: float, *, case_sensitive: bool = False,
             context: Callable[[str, int, int], bool] | None = None) -> Lexicon:
    terms = [term for name in files for term in read_terms(name)]
    pattern = compile_terms(terms, case_sensitive=case_sensitive, with_plurals=not case_sensitive)
    return Lexicon(label, pattern, score, context)


# Disease-like word shapes. Each entry: the suffix regex and words of that shape that are not diseases.
_WORD = re.compile(r"(?<![\w\-])[A-Za-z][A-Za-z\-]{4,}(?![\w\-])")
_SHAPE_ENDINGS = (
    "itis", "itides", "oma", "omas", "omata", "emia", "emias", "pathy", "pathies", "osis", "oses", "iasis",
    "iases", "plasia", "plasias", "trophy", "trophies", "algia", "algias", "uria", "urias", "cardia",
    "cardias", "penia", "penias", "plegia", "plegias", "paresis", "megaly", "ectasia", "ectasias", "rrhea",
    "rrheas", "rrhoea", "rrhoeas", "ism",
)
_SHAPES = re.compile(
    r"[a-z][a-z\-]{2,}(?:itis|itides|a?emias?|opath(?:y|ies)|osis|oses|iasis|iases|"
    r"plasias?|[a-z]trophy|[a-z]trophies|algias?|(?:at|in|os|ly|ys|ct|on|yr|al)urias?|cardias?|penias?|plegias?|"
    r"paresis|megaly|ectasias?|rrh(?:o)?eas?)|(?:hyper|hypo)[a-z]{4,}ism|"
    r"[a-z\-]*(?:carcin|sarc|lymph|melan|gli|aden|myel|blast|fibr|lip|angi|neur|thym|terat|theli|papill|hepat|"
    r"nephr|insulin|gastrin|chord|hemat|haemat|granul|xanth|mening|cyt|ependym|schwann|my|chondr|oste|trach|"
    r"glauc|derm)om(?:as?|ata)",
    re.IGNORECASE,
)
"""Word shapes of diseases: inflammation (…itis), tumours (…oma), blood (…emia), disease (…pathy, …osis)."""
_NOT_DISEASES = frozenset((
    "diploma", "diplomas", "aroma", "aromas", "oklahoma", "tacoma", "sonoma", "paloma", "soma", "stoma",
    "stomas", "stroma", "chroma", "idioma", "senioritis", "academia", "bohemia", "euphemia", "sympathy",
    "empathy", "apathy", "antipathy", "telepathy", "homeopathy", "osteopathy", "naturopathy", "allopathy",
    "diagnosis", "diagnoses", "prognosis", "prognoses", "hypnosis", "osmosis", "symbiosis", "mitosis",
    "meiosis", "apoptosis", "metamorphosis", "apotheosis", "anastomosis", "endocytosis", "exocytosis",
    "phagocytosis", "pinocytosis", "ketosis", "gnosis", "nostalgia", "cardia", "symbioses",
))

_PHRASE_HEADS = re.compile(
    r"(?<![\w\-])(?:syndromes?|diseases?|disorders?|deficienc(?:y|ies)|dystroph(?:y|ies)|cancers?|"
    r"carcinomas?|tumou?rs?|neoplasms?|palsy|palsies|malformations?|insufficiency|atrophy|"
    r"abnormalit(?:y|ies)|retardation)(?![\w\-])",
    re.IGNORECASE,
)
_WEAK_HEADS = frozenset(("abnormality", "abnormalities", "retardation"))
"""Heads that name a disease only after a specific modifier ("brain abnormalities", not "apparent ones")."""
_DEFICIENT = re.compile(
    r"(?<![\w\-])(?:(?:[A-Z0-9][\w]*|[a-z][\w]*-)[\s\-]?deficient|"
    r"deficienc(?:y|ies)\s+(?:of|in)\s+(?:the\s+)?[A-Za-z0-9][\w\-]*)(?![\w\-])"
)
"""Deficiencies named the other way round: "HPRT-deficient", "deficiency of aspartoacylase"."""
_MODIFIER = re.compile(r"([A-Za-z0-9][\w'’\-]*)\s+$")
_STOP_MODIFIERS = frozenset((
    "the", "a", "an", "this", "that", "these", "those", "of", "with", "and", "or", "in", "on", "for", "to",
    "from", "by", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "his", "her",
    "their", "my", "our", "your", "its", "as", "at", "which", "who", "whom", "any", "some", "no", "not",
    "other", "such", "many", "most", "more", "all", "each", "every", "what", "whose", "into", "than",
    "then", "also", "both", "either", "neither", "only", "own", "same", "so", "very", "can", "could", "may",
    "might", "will", "would", "should", "must", "do", "does", "did", "about", "against", "between",
    "during", "without", "within", "via", "per",
))
_GENERIC_MODIFIERS = frozenset((
    "human", "rare", "common", "new", "serious", "severe", "chronic", "genetic", "inherited", "hereditary",
    "familial", "complex", "multifactorial", "specific", "certain", "different", "various", "related",
    "associated", "underlying", "known", "major", "progressive", "fatal", "lethal", "similar", "late-onset",
    "early-onset", "adult-onset", "infectious",
))
_NOT_MEDICAL_MODIFIERS = frozenset((
    "civil", "public", "political", "world", "economic", "imposter", "impostor", "stockholm", "china",
    "peter", "poppy", "paris", "jerusalem", "havana", "mental-health", "sudden-wealth", "shiny-object",
    "only-child", "middle-child", "second-album", "software", "design", "manufacturing", "product", "code",
    "quality", "safety", "character", "structural", "legal", "moral", "data", "fatal", "minor", "major",
    "additional", "apparent", "cellular", "molecular", "gene", "enzyme", "protein", "non", "doubly",
))

_NUMBERS = frozenset(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "human"))
"""Words before a head that count cases rather than name a kind ('two cancers', 'human tumours')."""
_DISEASE_ADJECTIVES = frozenset((
    "hereditary", "familial", "congenital", "chronic", "acute", "sporadic", "classical", "classic",
    "juvenile", "infantile", "idiopathic", "bilateral", "unilateral", "benign", "malignant", "metastatic",
    "invasive", "recurrent", "early-onset", "late-onset", "adult-onset", "x-linked", "autosomal",
    "dominant", "recessive", "primary", "secondary", "atypical", "refractory", "progressive", "advanced",
    "aggressive",
))
"""Words that specify a condition and belong to its name: 'familial hypercholesterolemia'."""
_PLAIN_ADJECTIVES = frozenset((
    "typical", "critical", "political", "general", "total", "normal", "usual", "actual", "potential",
    "several", "clinical", "medical", "physical", "special", "original", "additional", "social", "economic",
    "specific", "public", "basic", "electric", "historic", "logical", "local", "national", "international",
    "global", "personal", "natural", "annual", "final", "legal", "digital", "magic", "dramatic", "tragic",
    "terrific", "horrific", "comic", "ironic", "iconic", "emotional", "musical", "official", "spiritual",
    "financial", "practical", "identical", "individual", "equal", "initial", "crucial", "capital",
    "hospital", "animal", "regional", "mammal", "rural", "similar", "regular", "popular", "particular",
    "familiar", "solar", "polar", "major", "minor", "genetic", "characteristic", "phenotypic", "clinic",
    "systematic", "statistical", "experimental", "functional", "structural", "biological", "arterial",
    "radical", "vertical",
))
"""Adjectives ending like disease adjectives (-ic, -al, -ar) that do not narrow a condition down."""

_ABBREVIATION_DEFINED = re.compile(r"\s*\(\s*([A-Za-z0-9][A-Za-z0-9\-/+]{1,9})\s*[);,]")

_GENE_WORDS = re.compile(
    r"\s*\b(?:genes?|proteins?|products?|mutated|mutations?|locus|loci|alleles?|promoters?|"
    r"expression|transcripts?|mRNA|receptors?|kinases?|enzymes?|antigens?)\b",
    re.IGNORECASE,
)
"""Words after a name that make it a gene or protein, not the disease named after it."""

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

_GUARDS: dict[str, re.Pattern[str]] = {
    "cancer": re.compile(
        r"(?:zodiac|horoscope|astrolog|\bsigns?\b|\bmoon\b|\bsun\b|\brising\b|\bleos?\b|gemini|\baries\b|virgo|"
        r"libra|scorpio|sagittarius|capricorn|aquarius|pisces|taurus|tropic\s+of)",
        re.IGNORECASE,
    ),
    "depression": re.compile(r"\b(?:great|economic|tropical|recession|economy|market|1930s|financial|storm|"
                             r"weather|ground|land)\b", re.IGNORECASE),
    "stroke": re.compile(
        r"\bstrokes?\s+of\b|\b(?:brush|pen|swim\w*|golf|tennis|paddle|keyboard|key)\b", re.IGNORECASE
    ),
    "seizure": re.compile(r"\bseizures?\s+of\b|\b(?:police|customs|drugs?\s+seizure|assets?|cocaine|haul|"
                          r"property)\b", re.IGNORECASE),
    "coma": re.compile(r"\bfood\s+coma\b", re.IGNORECASE),
    "shingles": re.compile(r"\b(?:roof\w*|asphalt|cedar|tiles?)\b", re.IGNORECASE),
    "thrush": re.compile(r"\b(?:song|mistle|birds?|nest|wood|garden|blackbird)\b", re.IGNORECASE),
    "hives": re.compile(r"\b(?:bees?|honey|beekeep\w*|hive)\b", re.IGNORECASE),
    "warts": re.compile(r"\bwarts\s+and\s+all\b", re.IGNORECASE),
    "plague": re.compile(r"\blike\s+the\s+plague\b|\bplague\s+of\b", re.IGNORECASE),
    "alcoholic": re.compile(r"\balcoholic\s+(?:drinks?|beverages?|content|spirits?|cocktails?|punch)\b|"
                            r"\bnon-?alcoholic\b", re.IGNORECASE),
    "paralysed": re.compile(r"\bparaly[sz]ed\s+(?:by|with)\b", re.IGNORECASE),
    "paralyzed": re.compile(r"\bparaly[sz]ed\s+(?:by|with)\b", re.IGNORECASE),
    "overweight": re.compile(r"\b(?:baggage|luggage|bags?|suitcase|allowance)\b", re.IGNORECASE),
    "tumor": re.compile(r"\btumou?r\s+necrosis\s+factor\b", re.IGNORECASE),
    "necrosis": re.compile(r"\bnecrosis\s+factor\b", re.IGNORECASE),
    "ulcers": re.compile(r"\bulcers?\b(?=\s+(?:drugs?|medication))", re.IGNORECASE),
    "myopia": re.compile(r"\b(?:political|strategic|policy)\s+myopia\b", re.IGNORECASE),
    "fracture": re.compile(r"\b(?:party|coalition|alliance|relationship|political)\b", re.IGNORECASE),
}
"""Bare terms with a common non-medical sense, and the nearby words that reveal that sense."""


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

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if self.ENTITY not in entities:
            return []
        candidates = self.candidates(text)
        results = []
        for candidate in _merged([_with_modifiers(text, c) for c in candidates]):
            score, reason, first_person = _framed(text, candidate)
            results.append(self._result(candidate, score, reason, first_person))
        return results

    def candidates(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for lexicon in self.LEXICONS:
            for match in lexicon.pattern.finditer(text):
                term = match.group()
                if _guarded(text, match.start(), match.end()):
                    continue
                if lexicon.context is not None and not lexicon.context(text, match.start(), match.end()):
                    continue
                reason = f"{lexicon.label} '{term}'"
                found.append(Candidate(match.start(), match.end(), lexicon.score, reason))
        if self.USE_SHAPES:
            found.extend(_shape_candidates(text))
            found.extend(_phrase_candidates(text))
            found.extend(Candidate(m.start(), m.end(), 0.45, f"deficiency '{m.group()}'")
                         for m in _DEFICIENT.finditer(text)
                         if re.split(r"[\s\-]", m.group().lower())[0] not in _NOT_MEDICAL_MODIFIERS)
            found.extend(_abbreviation_candidates(text, found))
        found = [c for c in found if not _inside_address(text, c.start, c.end)]
        if found and self.YIELDS_TO:
            wider = [match.span() for lexicon in self.YIELDS_TO for match in lexicon.pattern.finditer(text)]
            found = _outside(found, wider)
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


def _inside_address(text: str, start: int, end: int) -> bool:
    """Whether the hit is part of a URL, an email address or an @handle ('www.GyrateAtrophy.si')."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text))
    token = text[token_start:token_end]
    return "@" in token or "://" in token or token.lower().startswith("www.")


def _guarded(text: str, start: int, end: int) -> bool:
    """True when a bare term with a common non-medical sense is used in that sense here."""
    term = text[start:end]
    if term.lower() in ("cancer", "cancers") and term[0].isupper() and not _sentence_start(text, start):
        return True
    guard = _GUARDS.get(term.lower()) or _GUARDS.get(term.lower().removesuffix("s"))
    if guard is None:
        return False
    window = text[max(0, start - 60):min(len(text), end + 60)]
    return guard.search(window) is not None


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].strip()
    return not before or before[-1] in ".!?:\n\"'(#"


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
    r"\b(?:my|our)\s+\w+(?:\s+\w+)?\s+(?:is|was|['’]s|went|became)|\bas\s+an?|\bbeing)"
    r"\s+(?:(?:partially|legally|profoundly|completely|totally|now|still|also|so|very|almost|\d+\s+(?:weeks?|"
    r"months?))\s+)*$",
    re.IGNORECASE,
)
"""'I'm', 'she is', 'my son is', 'as a': what must come right before a word like 'deaf' or 'pregnant'."""


def _said_of_a_person(text: str, start: int, end: int) -> bool:
    """Whether an everyday health word ('blind', 'sober', 'pregnant') is said of someone: 'I'm deaf'."""
    return _A_PERSON_IS.search(text, max(0, start - 60), start) is not None


def _shape_candidates(text: str) -> list[Candidate]:
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        if not word.lower().endswith(_SHAPE_ENDINGS) or not _SHAPES.fullmatch(word):
            continue
        short_acronym = word.isupper() and len(word) < 6
        if word.lower() in _NOT_DISEASES or short_acronym or _guarded(text, *match.span()):
            continue
        found.append(Candidate(match.start(), match.end(), 0.45, f"disease-like word '{word}'"))
    return found


def _phrase_candidates(text: str) -> list[Candidate]:
    """'X syndrome', 'X disease', 'X deficiency'…: the head with up to three modifiers before it."""
    found = []
    for match in _PHRASE_HEADS.finditer(text):
        start = match.start()
        modifiers: list[str] = []
        while len(modifiers) < 3:
            previous = _MODIFIER.search(text, max(0, start - 40), start)
            if previous is None:
                break
            word = previous.group(1)
            if not _may_modify(word):
                break
            modifiers.insert(0, word.lower())
            start = previous.start(1)
        if not modifiers or any(word in _NOT_MEDICAL_MODIFIERS for word in modifiers):
            continue
        generic = all(word in _GENERIC_MODIFIERS for word in modifiers)
        if generic and match.group().lower() in _WEAK_HEADS:
            continue
        phrase = text[start:match.end()]
        if _guarded(text, match.start(), match.end()) and not text[start].isupper():
            continue
        score = 0.4 if generic else 0.5
        found.append(Candidate(start, match.end(), score, f"disease-like phrase '{phrase}'"))
    return found


def _may_modify(word: str) -> bool:
    """Whether a word before 'disease', 'syndrome'… can be part of the condition's name."""
    lower = word.lower()
    verb_or_adverb = word.islower() and lower.endswith(("ing", "ly", "ed"))
    verb_or_adverb = verb_or_adverb and lower not in _DISEASE_ADJECTIVES
    return not (lower in _STOP_MODIFIERS or lower in _NUMBERS or verb_or_adverb or word.isdigit())


def _abbreviation_candidates(text: str, found: list[Candidate]) -> list[Candidate]:
    """Every later use of an abbreviation the text defines right after a condition: 'cystic fibrosis (CF)'."""
    defined: dict[str, str] = {}
    for candidate in found:
        window = text[candidate.end:candidate.end + 40]
        if "(" not in window:
            continue
        for gap in (0, *[m.end() for m in re.finditer(r"\s+[\w\-]+", window[:25])]):
            definition = _ABBREVIATION_DEFINED.match(window, gap)
            if _GENE_WORDS.search(window, 0, gap):
                break
            if definition is not None:
                abbreviation = definition.group(1)
                long_form = text[candidate.start:candidate.end + gap]
                if _plausible_abbreviation(abbreviation, long_form):
                    defined[abbreviation] = long_form
                break
    extra = []
    for abbreviation in defined:
        for match in re.finditer(rf"(?<![\w\-]){re.escape(abbreviation)}(?![\w\-])", text):
            extra.append(Candidate(match.start(), match.end(), 0.5,
                                   f"abbreviation '{abbreviation}' defined in the text"))
    return extra


def _plausible_abbreviation(abbreviation: str, long_form: str) -> bool:
    letters = [c for c in abbreviation if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in letters) < 2:
        return False
    initials = {word[0].lower() for word in re.findall(r"[A-Za-z][\w']*", long_form)}
    return letters[0].lower() in initials


def _merged(candidates: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates become one span covering them all, with the best score and its reason."""
    merged = []
    for cluster in _overlapping_clusters(candidates):
        best = max(cluster, key=lambda c: (c.score, c.end - c.start))
        start, end = min(c.start for c in cluster), max(c.end for c in cluster)
        merged.append(Candidate(start, end, best.score, best.reason))
    return merged


def _with_modifiers(text: str, candidate: Candidate) -> Candidate:
    """The condition with the adjectives that specify it: 'hereditary', 'X-linked', 'chronic hemolytic'."""
    start = candidate.start
    for _ in range(3):
        previous = _MODIFIER.search(text, max(0, start - 40), start)
        if previous is None or not _is_disease_adjective(previous.group(1)):
            break
        start = previous.start(1)
    return candidate if start == candidate.start else Candidate(start, candidate.end, candidate.score,
                                                                  candidate.reason)


def _is_disease_adjective(word: str) -> bool:
    lower = word.lower()
    if lower in _DISEASE_ADJECTIVES:
        return True
    shaped = lower.endswith(("ic", "al", "ar")) and len(lower) > 4
    return word.islower() and shaped and lower not in _PLAIN_ADJECTIVES


def _overlapping_clusters(candidates: list[Candidate]) -> Iterator[list[Candidate]]:
    """Runs of candidates that overlap one another, so settling overlaps never compares distant hits."""
    cluster: list[Candidate] = []
    cluster_end = -1
    for candidate in sorted(candidates, key=lambda c: c.start):
        if cluster and candidate.start >= cluster_end:
            yield cluster
            cluster = []
        cluster.append(candidate)
        cluster_end = max(cluster_end, candidate.end) if len(cluster) > 1 else candidate.end
    if cluster:
        yield cluster


def _outside(candidates: list[Candidate], spans: list[tuple[int, int]]) -> list[Candidate]:
    """The candidates not lying within any of the spans."""
    if not spans:
        return candidates
    spans.sort()
    starts = [start for start, _ in spans]
    furthest = list(accumulate((end for _, end in spans), max))
    kept = []
    for candidate in candidates:
        index = bisect_right(starts, candidate.start) - 1
        if index < 0 or furthest[index] < candidate.end:
            kept.append(candidate)
    return kept


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
        first = _IMPLICIT_SELF.match(before)
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
    )
    YIELDS_TO = MedicationRecognizer.LEXICONS + MedicalProcedureRecognizer.LEXICONS
    USE_SHAPES = True
