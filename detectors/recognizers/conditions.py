"""Condition names beyond the lexicons: disease-shaped words and phrases, abbreviations, false friends.

A lexicon never lists every disease, so `detectors.recognizers.health` also looks for the shapes
disease names take ("…itis", "…oma", "X syndrome", "X deficiency", "X-deficient"), follows an
abbreviation a text defines ("Duchenne muscular dystrophy (DMD)") through the rest of that text, and
widens a hit over the adjectives that belong to it ("familial", "X-linked", "hemolytic"). Guards drop
the everyday senses of medical words ("Cancer" the star sign, the Great Depression, "stroke of genius").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from detectors.gatewords import gate_words
from detectors.wordstarts import may_match


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of text that may name a condition, with a score and the reason it was picked."""

    start: int
    end: int
    score: float
    reason: str


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
_PHRASE_HEAD_WORDS = gate_words(_PHRASE_HEADS)
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
    "fever": re.compile(r"\b(?:football|soccer|cabin|spring|bieber|world\s+cup|election|gold|dance|jungle|"
                        r"baseball|playoff|march|saturday\s+night)\s+fever\b|\bfever\s+(?:pitch|dream)\b",
                        re.IGNORECASE),
    "fracture": re.compile(r"\b(?:party|coalition|alliance|relationship|political)\b", re.IGNORECASE),
}
"""Bare terms with a common non-medical sense, and the nearby words that reveal that sense."""


def inside_address(text: str, start: int, end: int) -> bool:
    """Whether the hit is part of a URL, an email address or an @handle ('www.GyrateAtrophy.si')."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text))
    token = text[token_start:token_end]
    return "@" in token or "://" in token or token.lower().startswith("www.")


def guarded(text: str, start: int, end: int) -> bool:
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


def shape_candidates(text: str) -> list[Candidate]:
    """Single words shaped like diseases: '…itis', '…emia', '…osis', tumour stems with '…oma'."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        if not word.lower().endswith(_SHAPE_ENDINGS) or not _SHAPES.fullmatch(word):
            continue
        short_acronym = word.isupper() and len(word) < 6
        if word.lower() in _NOT_DISEASES or short_acronym or guarded(text, *match.span()):
            continue
        found.append(Candidate(match.start(), match.end(), 0.45, f"disease-like word '{word}'"))
    return found


def deficiency_candidates(text: str) -> list[Candidate]:
    """Deficiencies named adjective-first or head-first: 'HPRT-deficient', 'deficiency of aspartoacylase'."""
    if "deficien" not in text:  # in every match; the regex is slower to say no
        return []
    return [Candidate(match.start(), match.end(), 0.45, f"deficiency '{match.group()}'")
            for match in _DEFICIENT.finditer(text)
            if re.split(r"[\s\-]", match.group().lower())[0] not in _NOT_MEDICAL_MODIFIERS]


def phrase_candidates(text: str) -> list[Candidate]:
    """'X syndrome', 'X disease', 'X deficiency'…: the head with up to three modifiers before it."""
    if not may_match(text, _PHRASE_HEAD_WORDS):
        return []
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
        if guarded(text, match.start(), match.end()) and not text[start].isupper():
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


def abbreviation_candidates(text: str, found: list[Candidate]) -> list[Candidate]:
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


def merged(candidates: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates become one span covering them all, with the best score and its reason."""
    merged = []
    for cluster in _overlapping_clusters(candidates):
        best = max(cluster, key=lambda c: (c.score, c.end - c.start))
        start, end = min(c.start for c in cluster), max(c.end for c in cluster)
        merged.append(Candidate(start, end, best.score, best.reason))
    return merged


def with_modifiers(text: str, candidate: Candidate) -> Candidate:
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


def outside(candidates: list[Candidate], spans: list[tuple[int, int]]) -> list[Candidate]:
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
