"""The risk of one finding: a product of explicit, explainable factors.

    risk = 100 × sensitivity × confidence × subject × visibility × ai_training × age   (capped at 100)

then raised by `scanner.scoring.combination` when the finding is part of a set of quasi-identifiers that
singles a person out. Each factor is a `Factor` carrying the number and the reason, so `--explain`
can print exactly how a score came about. Where the numbers come from:

* sensitivity — the taxonomy tier (detectors/taxonomy.py). Tier 1 is GDPR Art. 9(1) special categories
  (health, religion, politics, sexual orientation, ethnic origin, union membership), Art. 87 national
  identification numbers and financial account numbers, i.e. NIST SP 800-122 §3.2's "high" confidentiality
  impact PII (1.0). Tier 2 is data that locates or contacts a person directly (precise location, birth
  date, email, phone, named family members; NIST "moderate", 0.7). Tier 3 is linkable, not identifying on
  its own (name, employer, city, postal code, IP; 0.4). Tier 4 is weak identifiers (handles, URLs; 0.2).
* confidence — the detector's score, mapped to 0.4..1.0 so an uncertain hit is discounted, not dropped.
* subject — a first-person disclosure ("I was diagnosed with ...") is about the writer and, under
  GDPR Art. 9(2)(e), data "manifestly made public by the data subject" loses the special-category
  protection: 1.15. A value matching the self profile, or stated in the account's own files (the birth
  date, phone and email of a profile or account file): 1.0. Anything else may be about someone else: 0.75.
  A topic mention (a sensitive term no one is said to have, kept by --include-mentions): 0.15, so low.
  Other people's data (connections, contacts, messages received; scanner.scoring.owner): 0.35, so the
  owner's data ranks above other people's of the same tier and visibility (0.35 × 0.6 unknown < 1.0 ×
  0.3 private: the owner's private phone still outranks a connection's email).
* visibility — who could read it where it was published (public 1.0 ... direct message 0.25).
* ai_training — for readable sources only, the SourceSignals of the host or platform: captured by
  Common Crawl (the base of most LLM pre-training sets) ×1.2, AI training crawlers let in by robots.txt
  ×1.1 or refused ×0.85, a noai / TDM reservation / ai.txt opt-out ×0.9, a platform that trains on public
  posts by default ×1.15 (×0.95 if it does not); the product is kept within 0.7..1.35.
* age — contact and location details go stale (an old address is less harmful than today's): ×1.0 up to
  two years, 0.9 to five, 0.8 to ten, 0.7 beyond. Health, special categories, ids, names and birth dates
  do not go stale and keep 1.0.

Levels: critical ≥ 75, high ≥ 50, medium ≥ 25, low below.

The sources fix the order of things; the numbers are our calibration (no source gives weights), kept
here in one place and pinned by the worked examples in tests/test_score.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

from detectors.taxonomy import Category, entity_type
from scanner.models import DocumentInfo, Finding, SourceSignals, Visibility
from scanner.scoring.levels import Factor, Risk, level_of
from scanner.scoring.owner import first_person, third_party

TIER_WEIGHTS: dict[int, float] = {1: 1.0, 2: 0.7, 3: 0.4, 4: 0.2}
TIER_WHY: dict[Category, str] = {
    Category.HEALTH: "health data: GDPR Art. 9(1) special category, NIST SP 800-122 high impact",
    Category.SPECIAL: "GDPR Art. 9(1) special category of personal data",
    Category.GOVERNMENT_ID: "national identification number: GDPR Art. 87, NIST SP 800-122 high impact",
    Category.FINANCIAL: "financial account number: NIST SP 800-122 high impact",
}
VISIBILITY_WEIGHTS: dict[Visibility, float] = {
    Visibility.PUBLIC: 1.0,
    Visibility.UNLISTED: 0.8,
    Visibility.UNKNOWN: 0.6,
    Visibility.FOLLOWERS: 0.5,
    Visibility.PRIVATE: 0.3,
    Visibility.DIRECT: 0.25,
}
READABLE = frozenset({Visibility.PUBLIC, Visibility.UNLISTED, Visibility.UNKNOWN})
DURABLE_ENTITIES = frozenset({"PERSON", "DATE_OF_BIRTH", "FAMILY_MEMBER"})
"""Tier 2-4 entities that stay true for life, so age does not lower their risk."""
AI_TRAINING_RANGE = (0.7, 1.35)
MENTION_WEIGHT = 0.15
"""A topic mention (listed only with --include-mentions) stays low whatever else holds: 100 × 0.15 × 1.35
(the highest AI-training factor) is 20, under the medium floor of 25."""
AGE_STEPS = ((2.0, 1.0, "under 2 years old"), (5.0, 0.9, "2 to 5 years old"),
             (10.0, 0.8, "5 to 10 years old"))
"""(up to years, factor, why); older is 0.7. Coarse on purpose: explanations repeat and are stored once."""


def sensitivity(entity: str) -> Factor:
    kind = entity_type(entity)
    why = TIER_WHY.get(kind.category, f"tier {kind.tier}: {kind.description}") if kind.tier == 1 else \
        f"tier {kind.tier}: {kind.description}"
    return Factor("sensitivity", TIER_WEIGHTS.get(kind.tier, 0.2), why)


def confidence(score: float) -> Factor:
    clamped = min(max(score, 0.0), 1.0)
    return Factor("confidence", 0.4 + 0.6 * clamped, f"detector score {clamped:.2f}")


THIRD_PARTY_WEIGHT = 0.35


def subject(first_person: bool, about_me: bool, third_party: str | None = None,
            mention: bool = False) -> Factor:
    if mention:
        return Factor("subject", MENTION_WEIGHT, "a topic mention: no one is said to have it")
    if third_party and not first_person:
        return Factor("subject", THIRD_PARTY_WEIGHT, f"someone else's data ({third_party})")
    if first_person:
        return Factor("subject", 1.15, "first-person disclosure: made public by you (GDPR Art. 9(2)(e))")
    if about_me:
        return Factor("subject", 1.0, "about you: matches your self profile or your account's own field")
    return Factor("subject", 0.75, "may be about someone else")


def visibility(document: DocumentInfo) -> Factor:
    return Factor("visibility", VISIBILITY_WEIGHTS[document.visibility], f"{document.visibility.value}")


def ai_training(document: DocumentInfo, source: SourceSignals | None) -> Factor:
    if document.visibility not in READABLE:
        return Factor("ai_training", 1.0, "not public: crawlers cannot read it")
    if source is None:
        return Factor("ai_training", 1.0, "source not checked")
    value, reasons = 1.0, []
    if source.common_crawl_captures:
        value *= 1.2
        reasons.append(f"in Common Crawl ({source.common_crawl_captures} captures)")
    allowed, blocked = source.training_crawlers_allowed, source.training_crawlers_blocked
    if allowed and not blocked:
        value *= 1.1
        reasons.append("robots.txt lets AI crawlers in: " + ", ".join(allowed[:3]))
    elif blocked and not allowed:
        value *= 0.85
        reasons.append("robots.txt refuses AI crawlers")
    if source.noai or source.tdm_reserved or source.ai_txt_disallows:
        value *= 0.9
        reasons.append("opt-out signal (noai / TDM reservation / ai.txt)")
    if source.platform_trains_by_default is True:
        value *= 1.15
        reasons.append(f"{source.platform or source.key} trains on public posts by default")
    elif source.platform_trains_by_default is False:
        value *= 0.95
        reasons.append(f"{source.platform or source.key} does not train by default")
    low, high = AI_TRAINING_RANGE
    return Factor("ai_training", min(max(value, low), high), "; ".join(reasons) or "no signal either way")


def age(entity: str, created_at: datetime | None, now: datetime) -> Factor:
    kind = entity_type(entity)
    if kind.tier == 1 or entity in DURABLE_ENTITIES:
        return Factor("age", 1.0, "does not go stale")
    if created_at is None:
        return Factor("age", 1.0, "date unknown")
    when = created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC)
    years = max((now - when).days, 0) / 365.25
    for limit, value, why in AGE_STEPS:
        if years <= limit:
            return Factor("age", value, why)
    return Factor("age", 0.7, "over 10 years old")


def finding_risk(finding: Finding, about_me: bool, source: SourceSignals | None,
                 now: datetime | None = None) -> Risk:
    """The base risk of one finding (before combinations)."""
    now = now or datetime.now(UTC)
    document = finding.document
    factors = (
        sensitivity(finding.entity),
        confidence(finding.score),
        subject(first_person(finding), about_me, third_party(finding.document), finding.mention),
        visibility(document),
        ai_training(document, source),
        age(finding.entity, document.created_at, now),
    )
    score = 100.0
    for factor in factors:
        score *= factor.value
    score = round(min(score, 100.0), 1)
    return Risk(score, level_of(score), factors)
