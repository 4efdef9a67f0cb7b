"""Who receives a request and who receives a complaint: scanner/data/privacy_contacts.json.

The records are the datenanfragen/data project's (CC0 1.0, compiled by compile_contacts.py). A
company is chosen for a platform (Document.source) or an AI crawler's operator; where it has an EU and
a US entity, the one of the person's side of the Atlantic. The competent authority (GDPR Art. 77(1))
is that of the person's country (for Germany, of their state), and the lead authority (Art. 56) is
that of the company's EU establishment, to which the person's authority passes a cross-border case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "privacy_contacts.json"
EUROPE = frozenset({
    "at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie", "it", "lt",
    "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk", "is", "li", "no", "gb", "ch",
})
"""Countries where the GDPR (or the UK GDPR, or Switzerland's revised FADP with the same rights) applies."""


@dataclass(frozen=True, slots=True)
class Contact:
    """A company's privacy contact or a data protection authority."""

    slug: str
    """The record's name in datenanfragen/data."""
    name: str
    address: str
    email: str | None
    webform: str | None
    country: str
    """ISO 3166-1 alpha-2, lower case: where this entity is established."""
    region: str | None = None
    """ISO 3166-2 for an authority of one German state."""

    @property
    def in_europe(self) -> bool:
        return self.country in EUROPE


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def about() -> dict[str, str]:
    """Source, commit and licence of the records, for the letters' footer and the README."""
    return dict(_data()["_about"])


def _company(slug: str) -> Contact:
    record = _data()["companies"][slug]
    return Contact(slug, record["name"], record["address"], record.get("email"), record.get("webform"),
                   record["country"])


def _authority(slug: str) -> Contact:
    record = _data()["authorities"][slug]
    return Contact(slug, record["name"], record["address"], record.get("email"), record.get("webform"),
                   record["relevant-countries"][0], record.get("region"))


def _pick(slugs: list[str], country: str | None) -> Contact:
    """The entity on the person's side: EU/EEA/UK/CH residents get the European one, others the other."""
    companies = [_company(slug) for slug in slugs]
    european = country is None or country in EUROPE
    for company in companies:
        if company.in_europe == european:
            return company
    return companies[0]


def company_for_platform(source: str, country: str | None) -> Contact | None:
    """The privacy contact of the company that runs a platform; None when no record is known."""
    slugs = _data()["platforms"].get(source)
    return _pick(slugs, country) if slugs else None


def company_for_operator(operator: str, country: str | None) -> Contact | None:
    """The privacy contact of an AI crawler's operator (as ai_crawlers.tsv names it), if known."""
    slugs = _data()["operators"].get(operator)
    return _pick(slugs, country) if slugs else None


@dataclass(frozen=True, slots=True)
class Authorities:
    """Where a complaint can go, and what to say when the person's own authority is not known."""

    own: Contact | None
    """The authority of the person's country (state, in Germany): Art. 77(1), the person's language."""
    lead: Contact | None
    """The authority of the company's EU establishment (Art. 56), when it is another one."""
    note: str
    """Why these, in a sentence."""


def competent_authorities(country: str | None, region: str | None, company: Contact) -> Authorities:
    """The person's authority (country, and state in Germany) and the lead one of the company."""
    records = [_authority(slug) for slug in _data()["authorities"]]
    own: Contact | None = None
    note = ""
    if country is not None:
        here = [record for record in records if record.country == country]
        if country == "de":
            here = [record for record in here if record.region is not None and record.region == region]
            if not here:
                note = "Germany has one authority per state: set [me] region (e.g. DE-BE) to pick yours. "
        own = here[0] if len(here) == 1 else None
    lead_here = [record for record in records if record.country == company.country]
    lead = lead_here[0] if company.in_europe and len(lead_here) == 1 else None
    if own is not None:
        note += f"You can complain to the authority where you live ({own.name}), GDPR Art. 77(1)"
        note += (f"; it works with the lead authority of {company.name} ({lead.name}), Art. 56."
                 if lead is not None and lead.slug != own.slug else ".")
        return Authorities(own, None if lead is None or lead.slug == own.slug else lead, note)
    if lead is not None:
        note += (f"The lead authority for {company.name} is {lead.name}, where it has its EU "
                 "establishment (GDPR Art. 56); it takes complaints from anywhere.")
    else:
        note += (f"{company.name} has no EU establishment in our records: complain to the authority "
                 "of the EU country you live in, or to your own country's regulator.")
    return Authorities(None, lead, note)
