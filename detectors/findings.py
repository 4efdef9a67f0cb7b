"""Turning detected spans and stated fields into `Finding`s, each with a masked snippet."""

from __future__ import annotations

from dataclasses import replace

from detectors.implied import owner_attributed
from detectors.resolve import Span
from detectors.subject import MENTION_WORDS, WORDS, Subject
from detectors.taxonomy import category_of
from scanner.models import Document, DocumentKind, Finding
from scanner.redact import Masks, mask, redact_reason, snippet

STRUCTURED_DETECTOR = "structured"
OWN_KINDS = frozenset({DocumentKind.SEARCH, DocumentKind.ACTIVITY, DocumentKind.NOTE, DocumentKind.BIO,
                       DocumentKind.PROFILE, DocumentKind.ACCOUNT})
"""Documents that are the owner's own acts or self-description: what they search for, do, note down
or say in their profile is about them unless the words name someone else (a search for 'lupus' is a
health signal about the searcher, not a topic mention)."""
OWN_WORDS = "about you (your own search, activity, note or profile)"
OWNER_WRITTEN_KINDS = frozenset({DocumentKind.POST, DocumentKind.COMMENT})
"""What the account owner writes in an export or on a crawled account of theirs (retweets are ACTIVITY)."""
UNKNOWN_AUTHOR_SOURCES = frozenset({"web", "files", "input"})
"""Sources whose posts may be anyone's words (a news feed, a file, pasted text)."""
THIRD_PARTY_KEY = "third_party"
"""Set by a reader on other people's data (scanner.scoring.owner reads the same key)."""


def findings_for(document: Document, spans: list[Span]) -> list[Finding]:
    """Findings for one document: its stated fields first, then what the detectors found in its text."""
    info = document.info()
    found = [
        Finding(
            document=info,
            entity=value.entity,
            category=category_of(value.entity),
            start=0,
            end=0,
            score=1.0,
            detector=STRUCTURED_DETECTOR,
            reason=f"stated in the field {value.label}",
            snippet=f"{value.label}: [{mask(value.value, value.entity)}]",
            value=value.value,
        )
        for value in document.structured
        if value.value.strip()
    ]
    masks = Masks((span.start, span.end, span.entity) for span in spans)
    text = document.text
    if document.kind in OWN_KINDS:
        spans = [_as_own(span) for span in spans]
    elif written_by_owner(document):
        spans = owner_attributed(text, spans)
    found.extend(
        Finding(
            document=info,
            entity=span.entity,
            category=category_of(span.entity),
            start=span.start,
            end=span.end,
            score=span.score,
            detector=span.detector,
            reason=_with_subject(redact_reason(span.reason, text[span.start:span.end], span.entity), span),
            snippet=snippet(text, span.start, span.end, masks),
            value=text[span.start:span.end],
            first_person=span.first_person,
            subject=span.subject,
            mention=span.is_mention,
        )
        for span in spans
    )
    return found


def written_by_owner(document: Document) -> bool:
    """The owner's own post or comment, where a clause with the pronoun dropped is the owner speaking
    (detectors.implied); not a message (received ones are not always marked), a page or a file."""
    return (document.kind in OWNER_WRITTEN_KINDS and document.source not in UNKNOWN_AUTHOR_SOURCES
            and not document.metadata.get(THIRD_PARTY_KEY))


def _with_subject(reason: str, span: Span) -> str:
    """The reason with whose attribute it is in words ('...; about you (first person)')."""
    if OWN_WORDS in reason:
        return reason
    if span.subject is not None:
        return f"{reason}; {WORDS[span.subject]}"
    return f"{reason}; {MENTION_WORDS}" if span.is_mention else reason


def _as_own(span: Span) -> Span:
    """A mention in the owner's own search, activity, note or profile: theirs."""
    if not span.is_mention:
        return span
    return replace(span, subject=Subject.SELF, first_person=True, reason=f"{span.reason}; {OWN_WORDS}")
