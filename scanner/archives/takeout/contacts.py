"""Google Contacts (`Contacts/<group>/<group>.vcf`, vCard 3.0; old cards 2.1): one document per contact.

A contact is other people's data the person keeps, stated in named fields: name, emails, phones,
postal addresses, birthday and organisation become structured values (full confidence); the free
text NOTE is scanned as text. Cards are streamed one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import is_email
from scanner.archives.takeout.contentlines import Property, blocks, components, unescape
from scanner.models import Document, DocumentKind, StructuredValue, Visibility

SOURCE = "google"


def is_vcard(head: str) -> bool:
    return head.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCARD")


def _name(props: list[Property]) -> str:
    for prop in props:
        if prop.name == "FN" and unescape(prop.value).strip():
            return unescape(prop.value).strip()
    for prop in props:
        if prop.name == "N":
            family, given, *rest = [*components(prop.value), "", ""]
            middle = rest[0] if rest else ""
            return " ".join(part for part in (given, middle, family) if part)
    return ""


def _address(prop: Property) -> str:
    """ADR components (PO box; extended; street; locality; region; postal code; country), one line."""
    parts = [part.replace("\n", ", ") for part in components(prop.value)]
    return ", ".join(part for part in parts if part)


def _email(prop: Property) -> str:
    value = unescape(prop.value).strip().removeprefix("mailto:")
    return value if is_email(value) else ""


def _phone(prop: Property) -> str:
    value = unescape(prop.value).strip().removeprefix("tel:")
    return value if sum(char.isdigit() for char in value) >= 5 else ""


_FIELDS: dict[str, tuple[str, str, Callable[[Property], str]]] = {
    "EMAIL": ("EMAIL_ADDRESS", "contacts.email", _email),
    "TEL": ("PHONE_NUMBER", "contacts.phone", _phone),
    "ADR": ("STREET_ADDRESS", "contacts.address", _address),
    "BDAY": ("DATE_OF_BIRTH", "contacts.birthday", lambda prop: unescape(prop.value).strip()),
    "ORG": ("ORGANIZATION", "contacts.org", lambda prop: ", ".join(filter(None, components(prop.value)))),
}
"""vCard property -> (entity, label, the value it states or '')."""


def contact_values(props: list[Property]) -> list[StructuredValue]:
    found: list[StructuredValue] = []
    name = _name(props)
    if name:
        found.append(StructuredValue("PERSON", name, "contacts.name"))
    for prop in props:
        if prop.name in _FIELDS:
            entity, label, read = _FIELDS[prop.name]
            if value := read(prop):
                found.append(StructuredValue(entity, value, label))
    return list(dict.fromkeys(found))


def contact_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for index, props in enumerate(blocks(stream, "VCARD")):
            text = "\n".join(unescape(p.value).strip() for p in props if p.name == "NOTE" and p.value.strip())
            structured = contact_values(props)
            if not text and not structured:
                continue
            yield Document(
                id=f"{locator}#{index}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.OTHER,
                visibility=Visibility.PRIVATE,
                metadata={"type": "contact"},
                structured=tuple(structured),
            )
