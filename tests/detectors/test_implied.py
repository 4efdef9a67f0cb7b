"""The writer with the pronoun dropped (detectors/implied.py), family by family, with hard negatives.

The tables need no model: each row names the term whose clause is read. The last tests run the real
engine and `findings_for`, where only the owner's own posts and comments get the rule.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.findings import findings_for
from detectors.implied import implied_self, owner_attributed
from detectors.resolve import Span
from detectors.subject import Subject
from scanner.models import Document, DocumentKind

CONDITION, MEDICATION, PROCEDURE = "MEDICAL_CONDITION", "MEDICATION", "MEDICAL_PROCEDURE"

OPENING_VERB: list[tuple[str, str, str]] = [
    ("Caught covid again", "covid", CONDITION),
    ("Feeling awful, migraine since noon", "migraine", CONDITION),
    ("First post here! Still in Portland, still on an insulin pump.", "insulin pump", MEDICATION),
    ("Stuck in bed with the flu", "flu", CONDITION),
    ("Tested positive for covid this morning", "covid", CONDITION),
    ("On metformin now, feeling better", "metformin", MEDICATION),
    ("Back on antidepressants after a rough winter", "antidepressants", MEDICATION),
    ("Sprained ankle, no running for a month", "Sprained ankle", CONDITION),
    ("Rough week, starting chemo on Monday", "chemo", PROCEDURE),
    ("Woke up with a migraine", "migraine", CONDITION),
    ("Just had my second covid jab", "covid jab", PROCEDURE),
    ("Long week, been to mass twice", "mass", "RELIGION"),
    ("Fresh out the psych ward today", "psych ward", PROCEDURE),
    ("Sitting here feeling awful with hayfever/headcold", "hayfever", CONDITION),
    ("Home from hospital after the appendix op", "appendix op", PROCEDURE),
]
"""A clause that opens on a verb or state with its subject dropped: the writer's own."""

EVENT_FRAGMENT: list[tuple[str, str, str]] = [
    ("Knee surgery went fine. Back at work Monday", "Knee surgery", PROCEDURE),
    ("Knee surgery recovery day 30: walked all of Mount Tabor!", "Knee surgery", PROCEDURE),
    ("Doctor's appointment and blood test today.", "blood test", PROCEDURE),
    ("Chemo tomorrow, wish us luck", "Chemo", PROCEDURE),
    ("Migraine again. Third this week", "Migraine", CONDITION),
    ("Asthma playing up today", "Asthma", CONDITION),
    ("Hip replacement on Friday", "Hip replacement", PROCEDURE),
    ("New pump site, new me. Type 1 diabetes life.", "Type 1 diabetes", CONDITION),
]
"""A bare term with a diary predicate right after it: the writer's event."""

BODY_STATE: list[tuple[str, str, str]] = [
    ("Sunset walk up the hill, knee finally fine after the surgery", "surgery", PROCEDURE),
    ("Knee is finally healed after last year's surgery, walked all of Mount Tabor today", "surgery",
     PROCEDURE),
    ("Shoulder still sore after the physio session", "physio", PROCEDURE),
]
"""A bare body part in a state: the writer's body, and the term of its clause."""

HARD_NEGATIVES: list[tuple[str, str, str]] = [
    # headlines and public health
    ("Knee surgery rates rise in 2025", "Knee surgery", PROCEDURE),
    ("Migraine linked to poor sleep, study finds", "Migraine", CONDITION),
    ("New flu jab rolled out", "flu jab", PROCEDURE),
    ("Flu jab clinics open today", "Flu jab", PROCEDURE),
    ("Diabetes cases rise across the country", "Diabetes", CONDITION),
    ("Asthma awareness week starts today", "Asthma", CONDITION),
    ("Insulin prices slashed by 30%", "Insulin", MEDICATION),
    ("Aggressive Kids With ADHD May Not Need Antipsychotic Meds", "ADHD", CONDITION),
    ("Chemo Tomorrow: What Patients Should Know", "Chemo", PROCEDURE),
    ("Good prospects for dabigatran on Monday.", "dabigatran", MEDICATION),
    ("Epilepsy today: a new approach", "Epilepsy", CONDITION),
    # someone else's
    ("Heart attack on the motorway, man airlifted", "Heart attack", CONDITION),
    ("Surgery today for the striker, out for six weeks", "Surgery", PROCEDURE),
    ("His knee is fine after the surgery", "surgery", PROCEDURE),
    ("Cancer survivor shares her story", "Cancer", CONDITION),
    ("Chemo today for my mum, fingers crossed", "Chemo", PROCEDURE),
    ("Hip replacement on Friday, get well soon @jo_b", "Hip replacement", PROCEDURE),
    # general claims, questions, imagined
    ("Getting a flu jab protects you and others", "flu jab", PROCEDURE),
    ("Caught covid? Here is what to do", "covid", CONDITION),
    ("Feeling sick when flu season starts is normal", "flu", CONDITION),
    ("if chemo tomorrow goes badly", "chemo", PROCEDURE),
    # a term with nothing said of it
    ("1st n summit... then rehab... long night", "rehab", PROCEDURE),
    ("Migraine", "Migraine", CONDITION),
    # a bare age or place is no event
    ("4 year old video trending today", "4", "AGE"),
]
"""Headlines, news about others, general claims and questions: a topic even in the owner's post."""


def _implied(text: str, words: str, entity: str) -> bool:
    start = text.index(words)
    return implied_self(text, start, start + len(words), entity)


@pytest.mark.parametrize(("text", "words", "entity"), OPENING_VERB)
def test_a_clause_opening_on_a_verb_is_the_writer(text: str, words: str, entity: str) -> None:
    assert _implied(text, words, entity)


@pytest.mark.parametrize(("text", "words", "entity"), EVENT_FRAGMENT)
def test_a_bare_event_with_a_diary_predicate_is_the_writer(text: str, words: str, entity: str) -> None:
    assert _implied(text, words, entity)


@pytest.mark.parametrize(("text", "words", "entity"), BODY_STATE)
def test_a_bare_body_part_in_a_state_is_the_writer(text: str, words: str, entity: str) -> None:
    assert _implied(text, words, entity)


@pytest.mark.parametrize(("text", "words", "entity"), HARD_NEGATIVES)
def test_headlines_news_and_claims_stay_topics(text: str, words: str, entity: str) -> None:
    assert not _implied(text, words, entity)


def test_a_name_in_the_clause_may_be_whose_it_is() -> None:
    text = "Hip replacement on Friday, Dr Patel is confident"
    start = text.index("Hip")
    assert _implied(text, "Hip replacement", PROCEDURE)
    assert not implied_self(text, start, start + 15, PROCEDURE, [text.index("Patel")])


def test_the_next_line_is_another_statement() -> None:
    """An image's alt text on the next line names people; they are not in the post's clause."""
    text = "Knee is finally healed after last year's surgery\nRowan and Maisie at the reservoir"
    start = text.index("surgery")
    assert implied_self(text, start, start + 7, PROCEDURE, [text.index("Rowan"), text.index("Maisie")])


def _mention(text: str, words: str, entity: str = PROCEDURE) -> Span:
    start = text.index(words)
    return Span(entity, start, start + len(words), 0.8, "HealthRecognizer", "a procedure")


def test_only_mentions_change_and_a_retweet_is_not_the_owner() -> None:
    text = "Knee surgery went fine"
    named = Span(PROCEDURE, 0, 12, 0.8, "HealthRecognizer", "a procedure", subject=Subject.NAMED)
    assert owner_attributed(text, [named]) == [named]
    [span] = owner_attributed(text, [_mention(text, "Knee surgery")])
    assert span.subject == Subject.SELF and span.first_person and not span.is_mention
    retweet = "RT @clinic: Knee surgery went fine"
    assert owner_attributed(retweet, [_mention(retweet, "Knee surgery")])[0].is_mention


@given(st.text(max_size=80), st.integers(0, 80), st.integers(0, 20))
def test_owner_attributed_never_raises_and_only_gives_self(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    span = Span(CONDITION, start, min(len(text), start + length), 0.8, "HealthRecognizer", "a condition")
    [result] = owner_attributed(text, [span])
    assert result.subject in {None, Subject.SELF}
    assert result.is_mention == (result.subject is None)


@pytest.mark.parametrize(("kind", "source", "metadata", "owners"), [
    (DocumentKind.POST, "twitter", {}, True),
    (DocumentKind.COMMENT, "mastodon", {}, True),
    (DocumentKind.POST, "linkedin", {"third_party": "connections"}, False),
    (DocumentKind.MESSAGE, "facebook", {}, False),
    (DocumentKind.POST, "web", {}, False),
    (DocumentKind.PAGE, "web", {}, False),
    (DocumentKind.OTHER, "input", {}, False),
])
def test_only_the_owners_posts_and_comments_get_the_rule(engine: DetectionEngine, kind: DocumentKind,
                                                         source: str, metadata: dict[str, str],
                                                         owners: bool) -> None:
    text = "Knee surgery went fine. Back at work Monday"
    document = Document(id="d", text=text, source=source, kind=kind, metadata=metadata)
    [finding] = [f for f in findings_for(document, engine.analyze(text)) if f.entity == PROCEDURE]
    assert (finding.subject, finding.mention, finding.first_person) == (
        (Subject.SELF, False, True) if owners else (None, True, False))


@pytest.mark.parametrize(("text", "words"), [
    ("12 weeks pregnant today!", "pregnant"),
    ("Still pregnant, 41 weeks and counting", "pregnant"),
    ("Unwell today, staying home", "Unwell"),
])
def test_an_everyday_health_word_opening_the_owners_post_is_theirs(engine: DetectionEngine, text: str,
                                                                   words: str) -> None:
    """'pregnant' counts only when said of someone: opening the owner's own post, it is said of them;
    the same words in text of unknown authorship stay a mention."""
    post = Document(id="p", text=text, source="instagram", kind=DocumentKind.POST)
    pasted = Document(id="i", text=text, source="input")
    spans = engine.analyze(text)
    [mine] = [f for f in findings_for(post, spans) if f.value == words]
    [unknown] = [f for f in findings_for(pasted, spans) if f.value == words]
    assert (mine.entity, mine.subject, mine.mention) == (CONDITION, Subject.SELF, False)
    assert unknown.mention


def test_a_headline_in_the_owners_post_stays_a_topic(engine: DetectionEngine) -> None:
    text = "Knee surgery rates rise in 2025"
    document = Document(id="d", text=text, source="twitter", kind=DocumentKind.POST)
    findings = [f for f in findings_for(document, engine.analyze(text)) if f.entity == PROCEDURE]
    assert findings and all(f.mention for f in findings)
