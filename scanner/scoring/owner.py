"""Whose data a finding is: the owner's (the person scanning), someone else's, or not known.

The findings table is read top down, so the owner's own data must come before other people's at the same
tier: in a LinkedIn export the owner's birth date and phone, not the connections' emails. The rules live
here, in one place, for the scorer, the store and `--about-me`:

* first person: the writer says it of themselves ("I was diagnosed with ..."), flagged by the recognizer
  (`Finding.first_person`) or attributed to the writer by the subject of a statement (`subject == "self"`);
* the owner's own field: a value the export states in the account's own files (the birth date, phone
  and email in a profile or account file, what the platform inferred about the owner), unless the file
  is about other people;
* third party: a document of other people's data (connections, contacts, synced contacts, messages
  received) says so in `metadata["third_party"]` (what kind of other people), set by the reader.
"""

from __future__ import annotations

from detectors.findings import STRUCTURED_DETECTOR
from scanner.models import DocumentInfo, DocumentKind, Finding

OWN_KINDS = frozenset({DocumentKind.ACCOUNT, DocumentKind.PROFILE, DocumentKind.BIO, DocumentKind.INFERENCE})
"""Documents of the account itself: their stated values are the owner's, unless marked third party."""
OTHER_PEOPLE_ENTITIES = frozenset({"FAMILY_MEMBER"})
"""Stated in the owner's profile, yet naming someone else (Facebook's family members)."""
THIRD_PARTY_KEY = "third_party"


def first_person(finding: Finding) -> bool:
    """The owner discloses it of themselves (so says its recognizer, or its statement's subject 'self').
    In other people's documents (mail or a message received) the writer is someone else: not the owner."""
    return ((finding.first_person or getattr(finding, "subject", None) == "self")
            and third_party(finding.document) is None)


def third_party(document: DocumentInfo) -> str | None:
    """What kind of other people's data the document holds ('connections', 'message received'), or None."""
    return document.metadata.get(THIRD_PARTY_KEY) or None


def owners_field(finding: Finding) -> bool:
    """A value the export states in the account's own files, about the account's owner."""
    return (finding.detector == STRUCTURED_DETECTOR and finding.document.kind in OWN_KINDS
            and finding.entity not in OTHER_PEOPLE_ENTITIES and third_party(finding.document) is None)
