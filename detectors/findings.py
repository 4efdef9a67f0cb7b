"""Turning detected spans and stated fields into `Finding`s, each with a masked snippet."""

from __future__ import annotations

from detectors.resolve import Span
from detectors.subject import MENTION_WORDS, WORDS
from detectors.taxonomy import category_of
from scanner.models import Document, Finding
from scanner.redact import mask, redact_reason, snippet

STRUCTURED_DETECTOR = "structured"


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
    masks = [(span.start, span.end, span.entity) for span in spans]
    text = document.text
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


def _with_subject(reason: str, span: Span) -> str:
    """The reason with whose attribute it is in words ('...; about you (first person)')."""
    if span.subject is not None:
        return f"{reason}; {WORDS[span.subject]}"
    return f"{reason}; {MENTION_WORDS}" if span.is_mention else reason
