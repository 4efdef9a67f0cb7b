"""The account side of an X archive: who the person is, and what X recorded about them.

These files state values in named fields (the email in account.js, login IPs, the birth date), so
their documents carry them as `StructuredValue`s that become full-confidence findings. Most of it is
private to the account (X holds it, nobody else sees it): visibility 'private'. The old screen names
and the profile were public.

Data about ads (targeting criteria) and X's inferences (personalization.js) are the person's too,
as X sees them; the advertisers' own texts in those files are not, and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scanner.archives.formats.fields import parse_time
from scanner.models import Document, DocumentKind, StructuredValue, Visibility

SOURCE = "twitter"
MAX_DISTINCT = 2000
"""Distinct login IPs / targeting criteria kept per file: enough to show the pattern, bounded in memory."""


@dataclass(frozen=True, slots=True)
class Account:
    """What the reader needs to know about the account to label every other document."""

    account_id: str | None = None
    screen_name: str | None = None
    protected: bool = False

    def post_url(self, tweet_id: str) -> str:
        return f"https://x.com/{self.screen_name or 'i/web'}/status/{tweet_id}"

    def profile_url(self) -> str | None:
        return f"https://x.com/{self.screen_name}" if self.screen_name else None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _values(*pairs: tuple[str, Any, str]) -> tuple[StructuredValue, ...]:
    return tuple(StructuredValue(entity, _text(raw), label) for entity, raw, label in pairs if _text(raw))


def _document(
    locator: str,
    kind: DocumentKind,
    visibility: Visibility,
    text: str = "",
    structured: tuple[StructuredValue, ...] = (),
    created_at: datetime | None = None,
    url: str | None = None,
) -> Document:
    return Document(
        id=locator,
        text=text,
        source=SOURCE,
        kind=kind,
        url=url,
        created_at=created_at,
        visibility=visibility,
        structured=structured,
    )


def account_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """account.js: the private email, and the public handle and display name, as two documents."""
    for record in records:
        data = record.get("account") if isinstance(record, dict) else None
        if not isinstance(data, dict):
            continue
        key = _text(data.get("accountId")) or "account"
        created = parse_time(data.get("createdAt"))
        yield _document(
            f"{locator}#{key}",
            DocumentKind.ACCOUNT,
            Visibility.PRIVATE,
            structured=_values(("EMAIL_ADDRESS", data.get("email"), "account.email")),
            created_at=created,
        )
        yield _document(
            f"{locator}#{key}-public",
            DocumentKind.ACCOUNT,
            Visibility.PUBLIC,
            text=_text(data.get("accountDisplayName")),
            structured=_values(
                ("USERNAME", data.get("username"), "account.username"),
                ("PERSON", data.get("accountDisplayName"), "account.displayName"),
            ),
            created_at=created,
            url=account.profile_url(),
        )


def profile_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """profile.js: the bio, location and website as shown on the public profile."""
    for number, record in enumerate(records):
        profile = record.get("profile") if isinstance(record, dict) else None
        description = profile.get("description") if isinstance(profile, dict) else None
        if not isinstance(description, dict):
            continue
        bio, location = _text(description.get("bio")), _text(description.get("location"))
        yield _document(
            f"{locator}#{number}",
            DocumentKind.BIO,
            Visibility.PUBLIC,
            text="\n".join(part for part in (bio, location) if part),
            structured=_values(
                ("LOCATION", location, "profile.location"),
                ("URL", description.get("website"), "profile.website"),
            ),
            url=account.profile_url(),
        )


def ageinfo_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """ageinfo.js: the birth date and age X holds."""
    for number, record in enumerate(records):
        meta = record.get("ageMeta") if isinstance(record, dict) else None
        info = meta.get("ageInfo") if isinstance(meta, dict) else None
        if not isinstance(info, dict):
            continue
        ages = info.get("age") if isinstance(info.get("age"), list) else []
        yield _document(
            f"{locator}#{number}",
            DocumentKind.ACCOUNT,
            Visibility.PRIVATE,
            structured=_values(
                ("DATE_OF_BIRTH", info.get("birthDate"), "ageinfo.birthDate"),
                ("AGE", ages[0] if ages else None, "ageinfo.age"),
            ),
        )


def ip_audit_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """ip-audit.js: one document for the file with each distinct login IP, dated by the latest login."""
    seen: dict[str, None] = {}
    latest: datetime | None = None
    for record in records:
        audit = record.get("ipAudit") if isinstance(record, dict) else None
        if not isinstance(audit, dict):
            continue
        address = _text(audit.get("loginIp"))
        if address and len(seen) < MAX_DISTINCT:
            seen.setdefault(address)
        when = parse_time(audit.get("createdAt"))
        if when is not None and (latest is None or when > latest):
            latest = when
    if seen:
        yield _document(
            locator,
            DocumentKind.ACTIVITY,
            Visibility.PRIVATE,
            created_at=latest,
            structured=tuple(StructuredValue("IP_ADDRESS", ip, "ip-audit.loginIp") for ip in seen),
        )


def creation_ip_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """account-creation-ip.js: the IP the account was created from."""
    for number, record in enumerate(records):
        data = record.get("accountCreationIp") if isinstance(record, dict) else None
        if isinstance(data, dict) and _text(data.get("userCreationIp")):
            yield _document(
                f"{locator}#{number}",
                DocumentKind.ACCOUNT,
                Visibility.PRIVATE,
                structured=_values(
                    ("IP_ADDRESS", data.get("userCreationIp"), "account-creation-ip.userCreationIp")
                ),
            )


def email_change_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """email-address-change.js: every address the account has had."""
    for number, record in enumerate(records):
        data = record.get("emailAddressChange") if isinstance(record, dict) else None
        change = data.get("emailChange") if isinstance(data, dict) else None
        if not isinstance(change, dict):
            continue
        yield _document(
            f"{locator}#{number}",
            DocumentKind.ACCOUNT,
            Visibility.PRIVATE,
            created_at=parse_time(change.get("changedAt")),
            structured=_values(
                ("EMAIL_ADDRESS", change.get("changedFrom"), "emailChange.changedFrom"),
                ("EMAIL_ADDRESS", change.get("changedTo"), "emailChange.changedTo"),
            ),
        )


def screen_name_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """screen-name-change.js: old handles, which were public while in use."""
    for number, record in enumerate(records):
        data = record.get("screenNameChange") if isinstance(record, dict) else None
        change = data.get("screenNameChange", data) if isinstance(data, dict) else None
        if not isinstance(change, dict):
            continue
        yield _document(
            f"{locator}#{number}",
            DocumentKind.ACCOUNT,
            Visibility.PUBLIC,
            created_at=parse_time(change.get("changedAt")),
            structured=_values(
                ("USERNAME", change.get("changedFrom"), "screenNameChange.changedFrom"),
                ("USERNAME", change.get("changedTo"), "screenNameChange.changedTo"),
            ),
        )


def phone_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """phone-number.js: the phone number on the account."""
    for number, record in enumerate(records):
        device = record.get("device") if isinstance(record, dict) else None
        if isinstance(device, dict) and _text(device.get("phoneNumber")):
            yield _document(
                f"{locator}#{number}",
                DocumentKind.ACCOUNT,
                Visibility.PRIVATE,
                structured=_values(("PHONE_NUMBER", device.get("phoneNumber"), "device.phoneNumber")),
            )


def _targeting(value: Any, found: dict[str, None]) -> None:
    """Collect 'type: value' of every matchedTargetingCriteria entry below a record (iteratively)."""
    stack = [value]
    while stack and len(found) < MAX_DISTINCT:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            criteria = item.get("matchedTargetingCriteria")
            if isinstance(criteria, list):
                for criterion in criteria:
                    if isinstance(criterion, dict) and _text(criterion.get("targetingValue")):
                        kind = _text(criterion.get("targetingType")) or "Targeting"
                        found.setdefault(f"{kind}: {_text(criterion['targetingValue'])}")
            stack.extend(value for key, value in item.items() if key != "matchedTargetingCriteria")


def ad_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """ad-engagements.js / ad-impressions.js: how advertisers targeted the person (distinct criteria)."""
    found: dict[str, None] = {}
    for record in records:
        _targeting(record, found)
    if found:
        yield _document(locator, DocumentKind.ACTIVITY, Visibility.PRIVATE, text="\n".join(found))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _names(items: Any, key: str) -> list[str]:
    return [name for item in _list(items) if (name := _text(_dict(item).get(key)))]


def personalization_documents(records: Iterable[Any], locator: str, account: Account) -> Iterator[Document]:
    """personalization.js: what X inferred (gender, age, languages, interests, places)."""
    for number, record in enumerate(records):
        data = _dict(_dict(record).get("p13nData"))
        if not data:
            continue
        demographics = _dict(data.get("demographics"))
        lines = (
            [f"Gender: {gender}"]
            if (gender := _text(_dict(demographics.get("genderInfo")).get("gender")))
            else []
        )
        if languages := _names(demographics.get("languages"), "language"):
            lines.append("Languages: " + ", ".join(languages))
        if interests := _names(_dict(data.get("interests")).get("interests"), "name"):
            lines.append("Interests: " + ", ".join(interests))
        if ages := _list(_dict(data.get("inferredAgeInfo")).get("age")):
            lines.append("Inferred age: " + ", ".join(str(age) for age in ages))
        places = [place for item in _list(data.get("locationHistory")) if (place := _text(item))]
        yield _document(
            f"{locator}#{number}",
            DocumentKind.ACTIVITY,
            Visibility.PRIVATE,
            text="\n".join(lines),
            structured=tuple(
                StructuredValue("LOCATION", place, "personalization.locationHistory") for place in places
            ),
        )


HANDLERS = {
    "account": account_documents,
    "profile": profile_documents,
    "ageinfo": ageinfo_documents,
    "ip-audit": ip_audit_documents,
    "account-creation-ip": creation_ip_documents,
    "email-address-change": email_change_documents,
    "screen-name-change": screen_name_documents,
    "phone-number": phone_documents,
    "ad-engagements": ad_documents,
    "ad-impressions": ad_documents,
    "personalization": personalization_documents,
}
"""Data file type (file name without `-partN.js`) → documents of its records."""
