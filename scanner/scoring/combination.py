"""Quasi-identifiers that together single a person out raise every finding that takes part.

Sweeney (2000, "Simple Demographics Often Identify People Uniquely", Carnegie Mellon, Data Privacy
Working Paper 3) found that ZIP code, birth date and sex alone identify 87% of the US population;
Golle (2006, "Revisiting the uniqueness of simple demographics", WPES) re-measured 63%. A name with a
street address is a doxx; employer + city + name finds a person's workplace. No one of these values is
very sensitive on its own (tier 2-3), so the per-finding model under-rates them: here each complete
combination lifts its members by `boost` of the distance left to 100 (risk + (100 - risk) × boost).

A combination counts when its parts can be linked to one person: inside one document (they sit side
by side), or across documents when every part is about the person (matches the self profile, or is a
first-person disclosure). Each source that holds a part is raised, so the fix list shows all of them.
Employer + city + job title would be a fourth set; no detector reports job titles yet.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, replace

from scanner.models import Finding
from scanner.scoring.levels import Factor, Risk, level_of


@dataclass(frozen=True, slots=True)
class Combination:
    name: str
    parts: tuple[frozenset[str], ...]
    """Each part is satisfied by any one of its entities."""
    boost: float
    why: str


PLACE = frozenset({"POSTAL_CODE", "LOCATION", "STREET_ADDRESS"})
COMBINATIONS: tuple[Combination, ...] = (
    Combination("name + birth date + place", (frozenset({"PERSON"}), frozenset({"DATE_OF_BIRTH"}), PLACE),
                0.4, "Sweeney 2000: birth date, ZIP and sex identify 87% of the US population"),
    Combination("birth date + postal code", (frozenset({"DATE_OF_BIRTH"}), frozenset({"POSTAL_CODE"})),
                0.3, "Sweeney 2000; Golle 2006: 63% unique"),
    Combination("name + street address", (frozenset({"PERSON"}), frozenset({"STREET_ADDRESS"})),
                0.3, "locates a named person at home"),
    Combination("name + employer + city", (frozenset({"PERSON"}), frozenset({"ORGANIZATION"}),
                                           frozenset({"LOCATION"})),
                0.2, "finds a named person's workplace"),
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A finding with its base risk, as the combination pass sees it."""

    finding: Finding
    about_me: bool
    risk: Risk


def _complete(combination: Combination, entities: Set[str]) -> bool:
    return all(part & entities for part in combination.parts)


def _members(combination: Combination) -> frozenset[str]:
    return frozenset().union(*combination.parts)


def complete_across(linked: set[str] | frozenset[str]) -> list[Combination]:
    """The combinations that findings about the person complete, strongest first."""
    found = [combination for combination in COMBINATIONS if _complete(combination, linked)]
    return sorted(found, key=lambda combination: -combination.boost)


def strongest_for(entity: str, combinations: Sequence[Combination]) -> Combination | None:
    """The strongest of `combinations` that this entity takes part in."""
    return next((c for c in combinations if entity in _members(c)), None)


def raised(risk: Risk, combination: Combination, scope: str) -> Risk:
    """A risk lifted by a combination, with the factor that says so."""
    score = round(min(risk.score + (100.0 - risk.score) * combination.boost, 100.0), 1)
    factor = Factor("combination", combination.boost, f"{combination.name} {scope}: {combination.why}")
    return replace(risk, score=score, level=level_of(score), factors=(*risk.factors, factor))


def about_the_person(candidate: Candidate) -> bool:
    """Whether a finding can be linked to the person across documents (self profile or first person)."""
    return candidate.about_me or candidate.finding.first_person


def combine(document: Sequence[Candidate], linked: frozenset[str]) -> list[Risk]:
    """The final risks of one document's candidates, in order: each raised by its strongest combination.

    `linked` are the entities found about the person in every document of the scan and in earlier scans
    (`scanner.scoring.stored.raise_combinations` lifts the stored side), so a combination is completed
    across sources; the document's own entities complete one in the document.
    """
    in_document = {candidate.finding.entity for candidate in document}
    risks: list[Risk] = []
    for candidate in document:
        finding = candidate.finding
        best: tuple[Combination, str] | None = None
        for combination in COMBINATIONS:
            if finding.entity not in _members(combination):
                continue
            if about_the_person(candidate) and _complete(combination, linked):
                scope = "across your sources"
            elif _complete(combination, in_document):
                scope = "in this document"
            else:
                continue
            if best is None or combination.boost > best[0].boost:
                best = (combination, scope)
        if best is None:
            risks.append(candidate.risk)
            continue
        risks.append(raised(candidate.risk, *best))
    return risks
