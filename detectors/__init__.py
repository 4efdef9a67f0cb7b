"""PII detection: the Presidio engine over spaCy, our recognizers, and the entity taxonomy."""

from detectors import offline as _offline  # noqa: F401  (must run before Presidio is imported)
