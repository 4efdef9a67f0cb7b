"""The self profile (`[me]` in exposure.toml): which findings are about the person running the scan.

A value matches however it is spelled: emails ignore case, and for Gmail the dots and +tags of the
local part; phones compare digits (the last ten, so +1 503-555-0142 = (503) 555 0142); handles ignore
a leading @ or u/ and the instance of a fediverse handle; names match with or without diacritics, in
either order, by initials ("R. Hale"), by any part of a hyphenated surname, or by a listed nickname;
the city matches its first component ("Portland, OR" = "Portland"); the birth date in common formats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from detectors.taxonomy import category_of
from scanner.errors import ConfigError
from scanner.models import Finding

_GMAIL = frozenset({"gmail.com", "googlemail.com"})
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%m/%d/%Y", "%d.%m.%Y",
                 "%Y/%m/%d", "%d/%m/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B, %Y")


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: 'Émile  Zola' -> 'emile zola'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def email_key(email: str) -> str:
    local, _, domain = fold(email).strip("<>").rpartition("@")
    if domain in _GMAIL:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-10:]


def handle_key(handle: str) -> str:
    text = fold(handle).strip()
    text = re.sub(r"^https?://", "", text).rstrip("/")
    text = text.rsplit("/", 1)[-1]
    text = text.lstrip("@").removeprefix("u/")
    return text.split("@", 1)[0]


def parse_date(text: str) -> date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", " ".join(text.replace(",", ", ").split())).strip()
    cleaned = cleaned.replace(" ,", ",")
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def name_variants(name: str) -> set[str]:
    """Folded spellings of one name: full, reversed, initials + surname, each part of a hyphenated surname."""
    tokens = [w for w in fold(name).replace(",", " ").split() if w]
    if not tokens:
        return set()
    first, surname = tokens[0], tokens[-1]
    surnames = {surname, *surname.split("-")} if "-" in surname else {surname}
    variants = {" ".join(tokens), " ".join(tokens).replace("-", " ")}
    for last in surnames:
        variants |= {f"{first} {last}", f"{last} {first}", f"{last}, {first}", f"{first[0]} {last}",
                     f"{first[0]}. {last}", f"{first[0]}.{last}"}
    return {" ".join(v.split()) for v in variants}


def _strings(raw: Any, key: str) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return list(raw)
    raise ConfigError(f"[me] {key}: expected a string or a list of strings")


@dataclass(frozen=True, slots=True)
class SelfProfile:
    """Normalised keys of the person's own values; empty when no [me] table is configured."""

    names: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    handles: frozenset[str] = frozenset()
    cities: frozenset[str] = frozenset()
    birth_date: date | None = None

    @classmethod
    def from_mapping(cls, me: Mapping[str, Any]) -> SelfProfile:
        """From the [me] table: names, nicknames, emails, phones, handles, city, birth_date."""
        names: set[str] = set()
        for name in _strings(me.get("names", me.get("name")), "names"):
            names |= name_variants(name)
        names |= {fold(n) for n in _strings(me.get("nicknames"), "nicknames")}
        cities = {fold(c.split(",")[0]) for c in _strings(me.get("city"), "city")}
        birth = me.get("birth_date")
        if isinstance(birth, datetime):
            birth = birth.date()
        elif isinstance(birth, str):
            parsed = parse_date(birth)
            if parsed is None:
                raise ConfigError("[me] birth_date: not a date (use YYYY-MM-DD)")  # not echoed: a birth date
            birth = parsed
        elif birth is not None and not isinstance(birth, date):
            raise ConfigError("[me] birth_date: expected a date (YYYY-MM-DD)")
        phones = (phone_key(x) for x in _strings(me.get("phones", me.get("phone")), "phones"))
        handles = (handle_key(x) for x in _strings(me.get("handles"), "handles"))
        return cls(
            names=frozenset(n for n in names if n),
            emails=frozenset(email_key(e) for e in _strings(me.get("emails", me.get("email")), "emails")),
            phones=frozenset(p for p in phones if len(p) >= 7),
            handles=frozenset(h for h in handles if h),
            cities=frozenset(c for c in cities if c),
            birth_date=birth,
        )

    @property
    def empty(self) -> bool:
        return not (self.names or self.emails or self.phones or self.handles or self.cities
                    or self.birth_date)

    def matches(self, entity: str, value: str) -> bool:
        """Whether a value of this entity is one of the person's own."""
        if entity == "EMAIL_ADDRESS":
            return email_key(value) in self.emails
        if entity == "PHONE_NUMBER":
            key = phone_key(value)
            return len(key) >= 7 and key in self.phones
        if entity in {"USERNAME", "URL"}:
            return handle_key(value) in self.handles
        if entity == "PERSON" and value.startswith(("@", "u/", "/u/")):  # a name-like handle (handles.py)
            return handle_key(value) in self.handles
        if entity == "PERSON":
            name = fold(value).strip(" ,").removesuffix("'s").removesuffix("’s")
            return name in self.names
        if entity == "LOCATION":
            return fold(value.split(",")[0]) in self.cities
        if entity in {"DATE_OF_BIRTH", "DATE_TIME"}:
            return self.birth_date is not None and parse_date(value) == self.birth_date
        return False

    def about_me(self, finding: Finding) -> bool:
        return self.matches(finding.entity, finding.value)

    def promoted(self, finding: Finding) -> Finding:
        """A date equal to the person's birth date is their birth date: scored and combined as one."""
        if finding.entity == "DATE_TIME" and self.matches("DATE_OF_BIRTH", finding.value):
            return replace(finding, entity="DATE_OF_BIRTH", category=category_of("DATE_OF_BIRTH"),
                           reason=f"{finding.reason}; the date is your birth date")
        return finding
