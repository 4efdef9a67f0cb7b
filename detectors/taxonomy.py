"""Which entities exist, what category each belongs to, and how sensitive it is.

One table, kept as data, so the detectors, the scorer, the reports and the README agree. Entity names
follow Presidio wherever Presidio has the concept; one name per concept.

Tiers (1 is most sensitive), after GDPR Art. 9 and the order the scorer uses:
    1  special categories, health, government ids, financial data
    2  precise location, birth date, direct contact details, family members
    3  names, employer, city, age, postal code, network addresses
    4  handles, URLs, dates and other weak identifiers
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    IDENTITY = "identity"
    CONTACT = "contact"
    LOCATION = "location"
    HEALTH = "health"
    SPECIAL = "special"
    """A special category of personal data under GDPR Art. 9 (other than health)."""
    FINANCIAL = "financial"
    GOVERNMENT_ID = "government_id"
    ONLINE_ID = "online_id"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class EntityType:
    name: str
    category: Category
    tier: int
    """1 (most sensitive) to 4."""
    description: str


def _types(category: Category, tier: int, *entries: tuple[str, str]) -> list[EntityType]:
    return [EntityType(name, category, tier, description) for name, description in entries]


ENTITY_TYPES: tuple[EntityType, ...] = tuple(
    _types(
        Category.HEALTH,
        1,
        ("MEDICAL_CONDITION", "a disease, disorder, disability or health state"),
        ("MEDICATION", "a drug or treatment substance"),
        ("MEDICAL_PROCEDURE", "a surgery, therapy or test"),
        ("MEDICAL_LICENSE", "a medical licence number"),
        ("UK_NHS", "UK NHS number"),
        ("AU_MEDICARE", "Australian Medicare number"),
    )
    + _types(
        Category.SPECIAL,
        1,
        ("RELIGION", "religious or philosophical belief stated about a person"),
        ("POLITICAL_OPINION", "political opinion or affiliation stated about a person"),
        ("SEXUAL_ORIENTATION", "sexual orientation stated about a person"),
        ("GENDER_IDENTITY", "gender identity stated about a person"),
        ("ETHNIC_ORIGIN", "racial or ethnic origin stated about a person"),
        ("TRADE_UNION", "trade-union membership stated about a person"),
    )
    + _types(
        Category.FINANCIAL,
        1,
        ("CREDIT_CARD", "payment card number"),
        ("IBAN_CODE", "international bank account number"),
        ("US_BANK_NUMBER", "US bank account number"),
        ("CRYPTO", "cryptocurrency wallet address"),
    )
    + _types(
        Category.GOVERNMENT_ID,
        1,
        ("US_SSN", "US social security number"),
        ("US_ITIN", "US taxpayer identification number"),
        ("US_PASSPORT", "US passport number"),
        ("US_DRIVER_LICENSE", "US driver's licence number"),
        ("UK_NINO", "UK national insurance number"),
        ("ES_NIF", "Spanish tax id (NIF)"),
        ("ES_NIE", "Spanish foreigner id (NIE)"),
        ("IT_FISCAL_CODE", "Italian fiscal code"),
        ("IT_DRIVER_LICENSE", "Italian driver's licence"),
        ("IT_PASSPORT", "Italian passport"),
        ("IT_IDENTITY_CARD", "Italian identity card"),
        ("PL_PESEL", "Polish PESEL number"),
        ("SG_NRIC_FIN", "Singapore NRIC/FIN"),
        ("AU_TFN", "Australian tax file number"),
        ("IN_AADHAAR", "Indian Aadhaar number"),
        ("IN_PAN", "Indian permanent account number"),
        ("IN_PASSPORT", "Indian passport"),
        ("IN_VOTER", "Indian voter id"),
        ("FI_PERSONAL_IDENTITY_CODE", "Finnish personal identity code"),
        ("KR_RRN", "Korean resident registration number"),
    )
    + _types(
        Category.LOCATION,
        2,
        ("STREET_ADDRESS", "a street address"),
        ("GEO_COORDINATES", "latitude and longitude"),
    )
    + _types(
        Category.IDENTITY,
        2,
        ("DATE_OF_BIRTH", "a birth date"),
        ("FAMILY_MEMBER", "a named family member ('my daughter Emma')"),
    )
    + _types(
        Category.CONTACT,
        2,
        ("EMAIL_ADDRESS", "an email address"),
        ("PHONE_NUMBER", "a phone number"),
    )
    + _types(
        Category.IDENTITY,
        3,
        ("PERSON", "a person's name"),
        ("AGE", "a person's age"),
    )
    + _types(Category.OTHER, 3, ("ORGANIZATION", "an employer, school or other organisation"))
    + _types(
        Category.LOCATION,
        3,
        ("LOCATION", "a city, region, country or place"),
        ("POSTAL_CODE", "a postal code"),
    )
    + _types(
        Category.ONLINE_ID,
        3,
        ("IP_ADDRESS", "an IP address"),
        ("MAC_ADDRESS", "a network device address"),
    )
    + _types(
        Category.ONLINE_ID,
        4,
        ("USERNAME", "a handle or profile address (@name, u/name)"),
        ("URL", "a web address"),
    )
    + _types(
        Category.OTHER,
        4,
        ("DATE_TIME", "a date or time"),
        ("NRP", "a nationality, religious or political group named in passing"),
    )
)

ENTITIES: dict[str, EntityType] = {entity.name: entity for entity in ENTITY_TYPES}

UNKNOWN = EntityType("UNKNOWN", Category.OTHER, 4, "an entity outside the taxonomy")


def entity_type(name: str) -> EntityType:
    """The taxonomy entry for an entity name; unknown names fall into 'other', tier 4."""
    return ENTITIES.get(name, UNKNOWN)


def category_of(name: str) -> Category:
    return entity_type(name).category


def tier_of(name: str) -> int:
    return entity_type(name).tier


STATEMENT_ENTITIES = frozenset({
    "MEDICAL_CONDITION", "MEDICATION", "MEDICAL_PROCEDURE", "RELIGION", "POLITICAL_OPINION",
    "SEXUAL_ORIENTATION", "GENDER_IDENTITY", "ETHNIC_ORIGIN", "TRADE_UNION", "AGE", "DATE_OF_BIRTH",
    "STREET_ADDRESS", "FAMILY_MEMBER",
})
"""Sensitive entities that are words said about someone, not identifiers: each is personal data only
when the text says whose it is (detectors.subject); without a subject it is a topic mention. Numbers
that identify by themselves (ids, cards, phones, emails, coordinates) need no subject."""


def needs_subject(name: str) -> bool:
    return name in STATEMENT_ENTITIES
