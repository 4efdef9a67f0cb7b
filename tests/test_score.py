"""The exposure model on small worked examples: each test pins one behaviour of scanner.scoring."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from scanner.models import DocumentKind, Exposed, Finding, SourceSignals, Visibility
from scanner.scoring.advice import advice
from scanner.scoring.findings import ScoredFinding
from scanner.scoring.levels import Level, level_of
from scanner.scoring.profile import aggregate, grade_of, profile_score
from scanner.scoring.signals import signals_for
from scanner.selfprofile import SelfProfile
from tests.scoring_examples import NOW, make_finding, score_findings

ME = SelfProfile.from_mapping({"names": ["Rowan Delacroix-Hale"], "city": "Portland",
                               "birth_date": "1988-03-14", "emails": ["rowan.hale@example.org"]})


def risk_of(*findings: Finding, profile: SelfProfile | None = None,
            signals: tuple[SourceSignals, ...] = ()) -> dict[str, ScoredFinding]:
    return {s.finding.value: s for s in score_findings(findings, signals, profile or SelfProfile(), b"k" * 32,
                                                        now=NOW)}


def test_public_first_person_diagnosis_outranks_private_dm_name_mention() -> None:
    diagnosis = make_finding("MEDICAL_CONDITION", "type 1 diabetes", first_person=True)
    mention = make_finding("PERSON", "Jonas Berg", document="dm/1", visibility=Visibility.DIRECT)
    ranked = score_findings([mention, diagnosis], key=b"k" * 32, now=NOW)
    assert [s.finding.value for s in ranked] == ["type 1 diabetes", "Jonas Berg"]
    assert ranked[0].risk.level is Level.CRITICAL
    assert ranked[1].risk.level is Level.LOW
    # 100 × 1.0 sensitivity × 0.91 confidence × 1.15 first person × 1.0 public = 104.65, capped
    assert ranked[0].risk.score == 100.0
    # 100 × 0.4 × 0.91 × 0.75 × 0.25 = 6.8
    assert ranked[1].risk.score == pytest.approx(6.8, abs=0.05)


def test_tiers_order_the_risk() -> None:
    scores = risk_of(make_finding("MEDICAL_CONDITION", "asthma"), make_finding("EMAIL_ADDRESS", "a@b.org"),
                     make_finding("PERSON", "Jo Park"), make_finding("USERNAME", "@jopark"))
    order = [scores[v].risk.score for v in ("asthma", "a@b.org", "Jo Park", "@jopark")]
    assert order == sorted(order, reverse=True)
    assert len(set(order)) == 4


def test_visibility_and_confidence_lower_the_risk() -> None:
    public = risk_of(make_finding("EMAIL_ADDRESS", "x@y.org"))["x@y.org"].risk.score
    followers = risk_of(make_finding("EMAIL_ADDRESS", "x@y.org", visibility=Visibility.FOLLOWERS))
    unsure = risk_of(make_finding("EMAIL_ADDRESS", "x@y.org", score=0.3))
    assert public > followers["x@y.org"].risk.score
    assert public > unsure["x@y.org"].risk.score


def test_about_me_counts_more_than_someone_else() -> None:
    mine = risk_of(make_finding("EMAIL_ADDRESS", "Rowan.Hale@example.org"), profile=ME)
    other = risk_of(make_finding("EMAIL_ADDRESS", "someone@example.org"), profile=ME)
    assert mine["Rowan.Hale@example.org"].about_me
    assert not other["someone@example.org"].about_me
    assert mine["Rowan.Hale@example.org"].risk.score > other["someone@example.org"].risk.score


def test_combination_across_sources_raises_both_sources() -> None:
    name = make_finding("PERSON", "Rowan Delacroix-Hale", document="blog/about", source="web")
    city = make_finding("LOCATION", "Portland", document="blog/about", source="web")
    birth = make_finding("DATE_OF_BIRTH", "14 March 1988", document="tw.zip!tweets.js#9", source="twitter")
    alone = {**risk_of(name, city, profile=ME), **risk_of(birth, profile=ME)}
    together = risk_of(name, city, birth, profile=ME)
    for value in ("Rowan Delacroix-Hale", "Portland", "14 March 1988"):
        assert together[value].risk.score > alone[value].risk.score
        assert together[value].risk.factors[-1].name == "combination"
        assert "Sweeney" in together[value].risk.factors[-1].why


def test_combination_needs_a_link_between_documents() -> None:
    """Without the self profile, parts in different documents may be different people: no boost."""
    name = make_finding("PERSON", "Rowan Delacroix-Hale", document="a")
    birth = make_finding("DATE_OF_BIRTH", "14 March 1988", document="b")
    city = make_finding("LOCATION", "Portland", document="b")
    scored = risk_of(name, birth, city)
    assert all(s.risk.factors[-1].name != "combination" for s in scored.values())


def test_combination_inside_one_document_counts_without_a_profile() -> None:
    name = make_finding("PERSON", "Jo Park", document="a")
    street = make_finding("STREET_ADDRESS", "12 Elm Street", document="a")
    scored = risk_of(name, street)
    base = risk_of(make_finding("PERSON", "Jo Park", document="a"))
    assert scored["Jo Park"].risk.score > base["Jo Park"].risk.score
    assert "in this document" in scored["Jo Park"].risk.factors[-1].why


def test_ai_training_signals_move_the_risk() -> None:
    open_site = SourceSignals(key="open.example", training_crawlers_allowed=("GPTBot", "CCBot"),
                              common_crawl_captures=12)
    closed_site = SourceSignals(key="closed.example", training_crawlers_blocked=("GPTBot",), noai=True)
    on_open = make_finding("EMAIL_ADDRESS", "a@open.example", url="https://www.open.example/", source="web")
    on_closed = make_finding("EMAIL_ADDRESS", "a@closed.example", url="https://closed.example/", source="web")
    scored = risk_of(on_open, on_closed, signals=(open_site, closed_site))
    assert scored["a@open.example"].risk.score > scored["a@closed.example"].risk.score
    factor = {f.name: f for f in scored["a@open.example"].risk.factors}["ai_training"]
    assert factor.value == pytest.approx(1.2 * 1.1)
    assert "Common Crawl" in factor.why


def test_platform_policy_applies_to_public_posts_only() -> None:
    policy = SourceSignals(key="mastodon", platform="mastodon", platform_trains_by_default=True)
    public = risk_of(make_finding("PERSON", "Jo Park"), signals=(policy,))["Jo Park"]
    private = risk_of(make_finding("PERSON", "Jo Park", visibility=Visibility.PRIVATE), signals=(policy,))
    assert {f.name: f.value for f in public.risk.factors}["ai_training"] == pytest.approx(1.15)
    assert {f.name: f.value for f in private["Jo Park"].risk.factors}["ai_training"] == 1.0


def test_signals_are_found_by_host_then_by_platform() -> None:
    host = SourceSignals(key="blog.example")
    platform = SourceSignals(key="twitter")
    table = {"blog.example": host, "twitter": platform}
    assert signals_for("https://www.blog.example/x", "web", table) is host
    assert signals_for(None, "twitter", table) is platform
    assert signals_for("https://other.example/", "web", table) is None


def test_contact_details_go_stale_but_health_does_not() -> None:
    old = NOW - timedelta(days=365 * 12)
    email_now = risk_of(make_finding("EMAIL_ADDRESS", "e@x.org", created_at=NOW))["e@x.org"].risk.score
    email_old = risk_of(make_finding("EMAIL_ADDRESS", "e@x.org", created_at=old))["e@x.org"].risk.score
    health_old = risk_of(make_finding("MEDICATION", "insulin", created_at=old))["insulin"].risk.score
    health_now = risk_of(make_finding("MEDICATION", "insulin", created_at=NOW))["insulin"].risk.score
    assert email_old == pytest.approx(email_now * 0.7, abs=0.1)
    assert health_old == health_now


def test_every_score_explains_itself_with_citations() -> None:
    scored = risk_of(make_finding("RELIGION", "Quaker", first_person=True))["Quaker"]
    names = [f.name for f in scored.risk.factors]
    assert names == ["sensitivity", "confidence", "subject", "visibility", "ai_training", "age"]
    text = scored.risk.explain()
    assert "GDPR Art. 9" in text
    product = 100.0
    for factor in scored.risk.factors:
        product *= factor.value
    assert scored.risk.score == pytest.approx(min(product, 100.0), abs=0.05)


def test_levels_have_fixed_floors() -> None:
    low, medium, high, critical = Level.LOW, Level.MEDIUM, Level.HIGH, Level.CRITICAL
    assert [level_of(x) for x in (0, 24.9, 25, 49.9, 50, 74.9, 75, 100)] == [
        low, low, medium, medium, high, high, critical, critical]


def test_fingerprint_ignores_offsets_and_spelling_of_the_value() -> None:
    a = make_finding("PHONE_NUMBER", "+1 503-555-0142")
    b = make_finding("PHONE_NUMBER", "(503) 555 0142")
    first, second = score_findings([a], key=b"k" * 32)[0], score_findings([b], key=b"k" * 32)[0]
    assert first.fingerprint == second.fingerprint
    other_key = score_findings([a], key=b"j" * 32)[0]
    assert other_key.value_hash != first.value_hash


def test_profile_score_counts_each_value_once_and_weak_identifiers_stay_weak() -> None:
    once = aggregate([90.0])
    assert once == 90.0
    repeated = profile_score([Exposed("MEDICAL_CONDITION:h", "health", "x", 90.0)] * 50)
    assert repeated.score == 90.0 and repeated.grade == "F" and repeated.values == 1
    handles = profile_score([Exposed(f"USERNAME:{i}", "online_id", "x", 20.0) for i in range(40)])
    assert handles.grade == "B"
    assert [grade_of(x) for x in (0, 19.9, 20, 40, 60, 80)] == ["A", "A", "B", "C", "D", "F"]


def test_profile_breakdown_by_category_and_source() -> None:
    items = [Exposed("a", "health", "twitter", 80.0), Exposed("b", "contact", "web", 40.0)]
    profile = profile_score(items)
    assert list(profile.by_category) == ["health", "contact"]
    assert profile.by_source == {"twitter": 80.0, "web": 40.0}
    assert profile.score > 80.0


def test_advice_names_the_opt_out_and_robots_rules() -> None:
    from scanner.models import DocumentKind

    platform = SourceSignals(key="linkedin", platform="linkedin", platform_trains_by_default=True,
                             opt_out_url="https://www.linkedin.com/settings/data-for-ai")
    actions = advice(DocumentKind.POST, Visibility.PUBLIC, "https://linkedin.example/p", "linkedin", platform)
    assert actions[0].startswith("Delete or edit the post")
    assert any("https://www.linkedin.com/settings/data-for-ai" in a for a in actions)
    site = SourceSignals(key="blog.example", training_crawlers_allowed=("GPTBot",))
    actions = advice(DocumentKind.PAGE, Visibility.PUBLIC, "https://blog.example/", "web", site)
    assert any("User-agent: GPTBot / Disallow: /" in a for a in actions)
    assert advice(DocumentKind.FILE, Visibility.UNKNOWN, "notes.txt", "files", None) == (
        "Remove or redact it in notes.txt",)


def test_a_date_equal_to_your_birth_date_is_scored_as_one() -> None:
    scored = risk_of(make_finding("DATE_TIME", "March 14, 1988"), make_finding("DATE_TIME", "May 2, 2020"),
                     profile=ME)
    assert scored["March 14, 1988"].finding.entity == "DATE_OF_BIRTH"
    assert scored["March 14, 1988"].about_me
    assert scored["May 2, 2020"].finding.entity == "DATE_TIME"
    assert scored["March 14, 1988"].risk.score > 2 * scored["May 2, 2020"].risk.score


def _linkedin(entity: str, value: str, member: str, visibility: Visibility,
              third_party: str | None = None) -> Finding:
    """A value LinkedIn's export states in one of its files (as the LinkedIn reader gives it)."""
    return make_finding(entity, value, document=f"linkedin.zip!{member}", source="linkedin",
                        kind=DocumentKind.ACCOUNT, visibility=visibility, score=1.0, detector="structured",
                        metadata={"third_party": third_party} if third_party else None)


def test_the_owner_first_in_a_linkedin_export() -> None:
    """The owner's birth date and phone rank above the connections' emails, with no self profile set.

    Before: the connections' emails (100 × 0.7 × 1.0 × 0.75 someone else × 0.6 unknown = 31.5) tied with
    the birth date and beat the owner's private phone (15.75).
    """
    birth = _linkedin("DATE_OF_BIRTH", "Mar 14, 1988", "Profile.csv#0-contact", Visibility.UNKNOWN)
    phone = _linkedin("PHONE_NUMBER", "+1 503-555-0142", "PhoneNumbers.csv#0", Visibility.PRIVATE)
    connections = [_linkedin("EMAIL_ADDRESS", f"friend{n}@example.com", "Connections.csv", Visibility.UNKNOWN,
                             third_party="connections") for n in range(5)]
    ranked = score_findings([*connections, phone, birth], key=b"k" * 32, now=NOW)
    assert [s.finding.value for s in ranked[:2]] == ["Mar 14, 1988", "+1 503-555-0142"]
    scores = {s.finding.value: s for s in ranked}
    # 100 × 0.7 tier 2 × 1.0 confidence × 1.0 the account's own field × 0.6 unknown visibility = 42
    assert scores["Mar 14, 1988"].risk.score == pytest.approx(42.0)
    assert scores["Mar 14, 1988"].about_me and scores["Mar 14, 1988"].third_party is None
    # 100 × 0.7 × 1.0 × 1.0 × 0.3 private = 21
    assert scores["+1 503-555-0142"].risk.score == pytest.approx(21.0)
    # 100 × 0.7 × 1.0 × 0.35 someone else's data × 0.6 = 14.7
    friend = scores["friend0@example.com"]
    assert friend.risk.score == pytest.approx(14.7) and friend.third_party == "connections"
    assert not friend.about_me and "someone else's data (connections)" in friend.risk.factors[2].why


def test_other_peoples_lists_make_no_combinations() -> None:
    """Names and emails in a list of connections are many people's: they complete no combination."""
    name = _linkedin("PERSON", "Jonas Berg", "Connections.csv", Visibility.UNKNOWN, third_party="connections")
    email = _linkedin("EMAIL_ADDRESS", "jonas@example.com", "Connections.csv", Visibility.UNKNOWN,
                      third_party="connections")
    for scored in score_findings([name, email], key=b"k" * 32, now=NOW):
        assert all(factor.name != "combination" for factor in scored.risk.factors)


def test_a_first_person_disclosure_outranks_the_same_tier_about_others() -> None:
    mine = make_finding("MEDICAL_CONDITION", "asthma", first_person=True, visibility=Visibility.FOLLOWERS)
    theirs = make_finding("MEDICAL_CONDITION", "migraines", document="linkedin.zip!messages.csv#2",
                          visibility=Visibility.DIRECT, metadata={"third_party": "message received"})
    unknown = make_finding("MEDICAL_CONDITION", "diabetes", document="b", visibility=Visibility.FOLLOWERS)
    ranked = [s.finding.value for s in score_findings([theirs, unknown, mine], key=b"k" * 32, now=NOW)]
    assert ranked == ["asthma", "diabetes", "migraines"]


def test_what_a_platform_inferred_is_about_the_owner() -> None:
    """X's guess at the owner's places is the owner's (about_me), not someone else's."""
    place = make_finding("LOCATION", "Portland, OR, US", document="x.zip!data/personalization.js#0",
                         source="twitter", kind=DocumentKind.INFERENCE, visibility=Visibility.PRIVATE,
                         detector="structured")
    (scored,) = score_findings([place], key=b"k" * 32, now=NOW)
    assert scored.about_me and scored.risk.factors[2].value == 1.0


def test_a_topic_mention_listed_on_request_stays_low() -> None:
    """--include-mentions lists a sensitive term no one is said to have; it must not crowd the top."""
    disclosure = make_finding("MEDICAL_CONDITION", "chest infection", first_person=True)
    mention = replace(make_finding("MEDICAL_CONDITION", "flu", document="mastodon.example/@rowan/2"),
                      mention=True)
    trains = SourceSignals(key="mastodon", platform="mastodon", platform_trains_by_default=True,
                           common_crawl_captures=12, training_crawlers_allowed=("GPTBot",))
    scored = risk_of(disclosure, mention, signals=(trains,))
    assert scored["chest infection"].risk.level is Level.CRITICAL
    assert scored["flu"].risk.level is Level.LOW
    # 100 × 1.0 × 0.91 × 0.15 mention × 1.0 public × 1.35 (highest AI-training factor) = 18.4
    assert scored["flu"].risk.score == pytest.approx(18.4, abs=0.05)
    factors = scored["flu"].risk.factors
    assert any(factor.name == "subject" and "topic mention" in factor.why for factor in factors)
