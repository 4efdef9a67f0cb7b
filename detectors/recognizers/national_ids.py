"""Government identifiers of other countries that Presidio ships but only enables for their own languages.

English text mentions them too (expats, forms, screenshots of documents), so they run here for "en".
Each keeps Presidio's pattern and checksum. Those whose shape is distinctive (UK NINO "AB 12 34 56 C",
Spanish NIF/NIE with their check letter, the 16-character Italian fiscal code, Singapore NRIC/FIN,
Finnish and Korean codes, Indian PAN) count on their own; those that are plain digit runs or short
letter-digit mixes (Australian TFN and Medicare, Aadhaar, PESEL, passports, identity cards, voter ids)
count only with a naming word near them, because a checksum alone lets one random number in ten pass.
English naming words are added to Presidio's native ones ("tax file number", "fiscal code").

Presidio's Indian PAN recognizer is replaced: its weakest pattern looks ahead to the end of the text
from every position (quadratic; 40 s on 20 kB of digits), so here only the real PAN shape counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, LocalRecognizer, Pattern, RecognizerResult
from presidio_analyzer import predefined_recognizers as stock
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.caseless import CaselessGate
from detectors.prefilter import has_digit, needs_digit
from detectors.recognizers.base import LANGUAGE, ContextualRecognizer, WordGated, words_pattern

WINDOW = 48
"""Characters before (and half as many after) an id searched for its naming words."""
CONTEXT_SCORE = 0.6
"""Score of an id found next to its naming word when Presidio's own pattern score is lower."""


@dataclass(frozen=True, slots=True)
class NationalId:
    """How one stock recognizer runs here: its class, English naming words, and whether they are required."""

    recognizer: Callable[..., EntityRecognizer]
    words: tuple[str, ...]
    needs_context: bool
    shape: str = ""
    """A regex (case-insensitive) every match of the stock patterns contains: the engine's gate."""


NATIONAL_IDS: tuple[NationalId, ...] = (
    NationalId(
        stock.UkNinoRecognizer, ("national insurance", "ni number", "nino", "ni no"),
        False, r"\d{2} ?\d{2} ?\d{2}",
    ),
    NationalId(
        stock.EsNifRecognizer, ("dni", "nif", "spanish id", "tax id", "documento"),
        False, r"\d{7}-?[a-z]",
    ),
    NationalId(stock.EsNieRecognizer, ("nie", "foreigner id", "spanish residence"), False, r"\d{7}-?[a-z]"),
    NationalId(
        stock.ItFiscalCodeRecognizer, ("fiscal code", "codice fiscale", "tax code", "cf"),
        False, r"[a-z]{6}[\dlmnp-v]{2}[a-z\d]{8}",  # all 16 characters (8 pass a third of tweets)
    ),
    NationalId(
        stock.SgFinRecognizer, ("nric", "fin", "singapore id", "ic number"),
        False, r"[a-z]\d{7}[a-z]",
    ),
    NationalId(
        stock.FiPersonalIdentityCodeRecognizer, ("personal identity code", "hetu"),
        False, r"\d{6}[-+a-fu-y]\d{3}",
    ),
    NationalId(
        stock.KrRrnRecognizer, ("resident registration number", "rrn", "korean id"),
        False, r"\d{6}-?[1-4]\d{6}",
    ),
    NationalId(stock.PlPeselRecognizer, ("pesel",), True),
    NationalId(stock.AuTfnRecognizer, ("tax file number", "tfn"), True),
    NationalId(stock.AuMedicareRecognizer, ("medicare",), True),
    NationalId(stock.InAadhaarRecognizer, ("aadhaar", "aadhar", "uidai", "uid"), True),
    NationalId(stock.InPassportRecognizer, ("passport", "indian passport"), True),
    NationalId(stock.InVoterRecognizer, ("voter", "voter id", "epic", "elector"), True),
    NationalId(stock.ItPassportRecognizer, ("passport", "passaporto"), True),
    NationalId(stock.ItIdentityCardRecognizer, ("identity card", "id card", "carta d'identità", "cie"), True),
    NationalId(stock.ItDriverLicenseRecognizer, ("driving licence", "driver's license", "patente"), True),
)


class NationalIdRecognizer(LocalRecognizer):
    """A stock country recognizer run for English, optionally only next to one of its naming words."""

    def __init__(self, national_id: NationalId) -> None:
        self.inner = national_id.recognizer(supported_language=LANGUAGE)
        self.needs_context = national_id.needs_context
        self.shape = re.compile(national_id.shape or r"\d", re.IGNORECASE)
        self.shape_needs_digit = needs_digit(self.shape)
        self._shape_gate = CaselessGate(self.shape)
        native = [word for word in self.inner.context if word.isascii()]
        self.words = words_pattern(tuple(native) + national_id.words)
        self.named = WordGated(self.words)
        """The naming words as the engine's gate (see `might_match`)."""
        super().__init__(
            supported_entities=list(self.inner.supported_entities),
            supported_language=LANGUAGE,
            name=type(self.inner).__name__,
            context=sorted(set(self.inner.context) | set(national_id.words)),
        )

    def load(self) -> None:
        """The wrapped recognizer is ready when constructed."""

    @property
    def gate_needs_digit(self) -> bool:
        """Whether `might_match` is false for every text without a digit (see prefilter.gate_needs_digit)."""
        return not self.needs_context and self.shape_needs_digit

    @property
    def gate_words(self) -> frozenset[str] | None:
        """Words one of which every text `might_match` lets through holds (see prefilter.gate_words)."""
        return self.named.words if self.needs_context else None

    def might_match(self, text: str) -> bool:
        """The engine's cheap precondition: a naming word where one is required, else the id's shape."""
        if self.needs_context:
            return self.named.search(text) is not None
        return (has_digit(text) or not self.shape_needs_digit) and self._shape_gate.search(text) is not None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        kept = []
        for result in self.inner.analyze(text, entities, nlp_artifacts) or ():  # type: ignore[arg-type]
            named = self._named_near(text, result.start, result.end)
            if self.needs_context and not named:
                continue
            if self.needs_context:
                result.score = max(result.score, CONTEXT_SCORE)
            metadata = result.recognition_metadata = result.recognition_metadata or {}
            label = result.entity_type.replace("_", " ")
            metadata["reason"] = f"{label} pattern" + (" next to its name" if named else "")
            kept.append(result)
        return kept

    def _named_near(self, text: str, start: int, end: int) -> bool:
        window = text[max(0, start - WINDOW) : start] + " " + text[end : end + WINDOW // 2]
        return self.words.search(window) is not None



class IndianPanRecognizer(ContextualRecognizer):
    """Indian Permanent Account Number: five letters (the fourth the holder type), four digits, a letter."""

    ENTITY = "IN_PAN"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("PAN", r"(?<![\w-])(?-i:[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z])(?![\w-])", 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = ["pan", "permanent account number", "pan card", "income tax"]
    REASON = "Indian PAN"
    GATE = re.compile(r"\d{4}")


def national_id_factories() -> list[Callable[[], EntityRecognizer]]:
    """One factory per country id, for `OUR_RECOGNIZERS`."""
    wrapped: list[Callable[[], EntityRecognizer]] = [partial(NationalIdRecognizer, n) for n in NATIONAL_IDS]
    return [*wrapped, IndianPanRecognizer]
