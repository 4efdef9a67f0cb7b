"""Ranking findings by how much harm their exposure could do."""

from __future__ import annotations

from collections.abc import Iterable

from detectors.taxonomy import tier_of
from scanner.models import Finding


def rank_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most sensitive entity first, then most confident."""
    return sorted(findings, key=lambda f: (tier_of(f.entity), -f.score, f.document.id, f.start))
