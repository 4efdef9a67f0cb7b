"""PII detection: the Presidio engine over spaCy, our recognizers, and the entity taxonomy."""

from detectors import lazy_patterns as _lazy_patterns  # noqa: F401  (must run before Presidio is imported)
from detectors import offline as _offline  # noqa: F401  (must run before Presidio is imported)
