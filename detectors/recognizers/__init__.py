"""The recognizer registry: Presidio's predefined recognizers we keep, plus our own.

A new recognizer is one module in this package plus one line in `OUR_RECOGNIZERS`.

Two optional members a recognizer may define, read by `detectors.engine`:

- `might_match(self, text: str) -> bool`: a cheap necessary condition (a substring test, a
  precompiled regex search, a shared fact about the text from `detectors.prefilter.has_digit` or
  `detectors.wordstarts`). False means analyze() would certainly find nothing in text, and the
  engine skips the call. Never a guess; recognizers without it run on every text.
- `spacy_components: tuple[str, ...]`: spaCy components the recognizer reads beyond the entities
  (e.g. ("parser",) for doc.sents, ("tagger", "attribute_ruler", "lemmatizer") for POS and lemmas).
  By default only NER runs, so token.pos_, token.lemma_ and doc.sents are empty; each extra
  component slows every text down.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

from detectors.recognizers.address import PostalCodeRecognizer, StreetAddressRecognizer
from detectors.recognizers.birth import AgeRecognizer, DateOfBirthRecognizer
from detectors.recognizers.cards import PaymentCardRecognizer
from detectors.recognizers.driver_license import UsDriverLicenseRecognizer
from detectors.recognizers.family import FamilyMemberRecognizer
from detectors.recognizers.geo import GeoCoordinatesRecognizer
from detectors.recognizers.handles import HandleNameRecognizer
from detectors.recognizers.health import (
    MedicalConditionRecognizer,
    MedicalProcedureRecognizer,
    MedicationRecognizer,
)
from detectors.recognizers.national_ids import national_id_factories
from detectors.recognizers.ner import SocialNerRecognizer
from detectors.recognizers.nhs import NhsNumberRecognizer
from detectors.recognizers.online import UsernameRecognizer
from detectors.recognizers.phone import PhoneNumberRecognizer
from detectors.recognizers.special import (
    EthnicOriginRecognizer,
    GenderIdentityRecognizer,
    PoliticalOpinionRecognizer,
    ReligionRecognizer,
    SexualOrientationRecognizer,
    TradeUnionRecognizer,
)
from detectors.recognizers.url import LinkRecognizer

LANGUAGE = "en"

OUR_RECOGNIZERS: list[Callable[[], EntityRecognizer]] = [
    SocialNerRecognizer,
    PhoneNumberRecognizer,
    PaymentCardRecognizer,
    UsDriverLicenseRecognizer,
    NhsNumberRecognizer,
    StreetAddressRecognizer,
    PostalCodeRecognizer,
    DateOfBirthRecognizer,
    AgeRecognizer,
    GeoCoordinatesRecognizer,
    UsernameRecognizer,
    HandleNameRecognizer,
    FamilyMemberRecognizer,
    *national_id_factories(),
    MedicalConditionRecognizer,
    MedicationRecognizer,
    MedicalProcedureRecognizer,
    ReligionRecognizer,
    PoliticalOpinionRecognizer,
    SexualOrientationRecognizer,
    GenderIdentityRecognizer,
    EthnicOriginRecognizer,
    TradeUnionRecognizer,
    LinkRecognizer,
]
"""Factories of our recognizers; each returns one configured recognizer."""

ENGLISH_ONLY: tuple[type[EntityRecognizer], ...] = (
    SocialNerRecognizer,
    FamilyMemberRecognizer,
    AgeRecognizer,
    DateOfBirthRecognizer,
    MedicalConditionRecognizer,
    MedicationRecognizer,
    MedicalProcedureRecognizer,
    ReligionRecognizer,
    PoliticalOpinionRecognizer,
    SexualOrientationRecognizer,
    GenderIdentityRecognizer,
    EthnicOriginRecognizer,
    TradeUnionRecognizer,
)
"""Recognizers that read English: the name model's entities or English words and phrases. Text in another
language gets every other recognizer (patterns, handles, coordinates; see detectors.language)."""

REPLACED_RECOGNIZERS: tuple[str, ...] = (
    "PhoneRecognizer",
    "CreditCardRecognizer",
    "UsLicenseRecognizer",
    "NhsRecognizer",
    "SpacyRecognizer",
    "UrlRecognizer",
)
"""Stock recognizers removed because one of ours replaces them (see each module's docstring for why)."""

NOT_PERSONAL: tuple[str, ...] = ("UuidRecognizer",)
"""Stock recognizers of identifiers that name software objects, not people: they would only add noise."""


def build_registry() -> RecognizerRegistry:
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.load_predefined_recognizers(languages=[LANGUAGE])
    for name in (*REPLACED_RECOGNIZERS, *NOT_PERSONAL):
        registry.remove_recognizer(name)
    for factory in OUR_RECOGNIZERS:
        registry.add_recognizer(factory())
    return registry
