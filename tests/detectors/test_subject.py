"""Whose attribute a sensitive span is (detectors/subject.py), and the disclosure pattern families.

Each table row is a text, the entity, the words reported and the subject; each label also has hard
negatives in the sense of ../shared/bench/disclosures/GUIDE.md (topics, news about unnamed people,
idioms, set phrases), where the engine may still see the term but reports it only as a mention.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.findings import findings_for
from detectors.resolve import Span
from detectors.subject import _BEFORE_NAME, _LINK, Subject, _named_after, _named_before, _Names, subject_of
from detectors.taxonomy import STATEMENT_ENTITIES, needs_subject
from scanner.models import Document, DocumentKind

SELF, NAMED, RELATIVE = Subject.SELF, Subject.NAMED, Subject.RELATIVE

DISCLOSURES: list[tuple[str, str, str, str]] = [
    # health: everyday illnesses, injuries, pregnancy; named, handle and kin subjects
    ("I've got a chest infection again", "MEDICAL_CONDITION", "chest infection", SELF),
    ("Twisted my knee at football last night", "MEDICAL_CONDITION", "Twisted my knee", SELF),
    ("she broke her wrist skiing, says Priya", "MEDICAL_CONDITION", "broke her wrist", NAMED),
    ("@karo_b is pregnant again!", "MEDICAL_CONDITION", "pregnant", NAMED),
    ("Jessica Simpson is pregnant", "MEDICAL_CONDITION", "pregnant", NAMED),
    ("dad's heart attack scared us all", "MEDICAL_CONDITION", "heart attack", RELATIVE),
    ("Day three of St John's wort for anxiety", "MEDICAL_CONDITION", "anxiety", SELF),
    ("my migraines are back", "MEDICAL_CONDITION", "migraines", SELF),
    ("Starting chemo on Monday", "MEDICAL_PROCEDURE", "chemo", SELF),
    ("Update: starting chemo on Monday", "MEDICAL_PROCEDURE", "chemo", SELF),
    # religion: statements, devotion, practice
    ("as a practising Hindu I fast on Tuesdays", "RELIGION", "Hindu", SELF),
    ("I don't believe in god", "RELIGION", "god", SELF),
    ("Dear God, give me strength today", "RELIGION", "God", SELF),
    ("I can do everything through Christ who gives me strength", "RELIGION", "Christ", SELF),
    ("see you all at mass on Sunday", "RELIGION", "mass", SELF),
    # politics: stances beyond "I voted X"
    ("I'm backing the Greens this time", "POLITICAL_OPINION", "Greens", SELF),
    ("the PM has failed us again", "POLITICAL_OPINION", "PM", NAMED),
    ("Proud to say it: #RejoinEU", "POLITICAL_OPINION", "#RejoinEU", SELF),
    ("Senator Kowalski endorses Reyes for mayor", "POLITICAL_OPINION", "endorses Reyes", NAMED),
    ("@gaga spoke out against SB1070 at the show", "POLITICAL_OPINION", "spoke out against SB1070", NAMED),
    ("I will never support Trump", "POLITICAL_OPINION", "Trump", SELF),
    ("Trump is a liar", "POLITICAL_OPINION", "Trump", NAMED),
    # ethnic origin
    ("I'm Korean, born in Busan", "ETHNIC_ORIGIN", "Korean", SELF),
    ("my Polish grandad taught me chess", "ETHNIC_ORIGIN", "Polish", RELATIVE),
    ("Tal al-Mallohi, a 19-year-old Syrian woman, is held", "ETHNIC_ORIGIN", "Syrian", NAMED),
    # age: past, approximate, ordinal, bracketed
    ("when I was 12 we moved", "AGE", "12", SELF),
    ("I'm nearly 60 now", "AGE", "60", SELF),
    ("happy 40th @jordy", "AGE", "40", NAMED),
    ("Mia (3 months) met the dog today", "AGE", "3", NAMED),
    ("my wife Cath is 30 today", "AGE", "30", RELATIVE),
    ("Ha I need sleep and I'm 17 so.", "AGE", "17", SELF),
    # birth date
    ("I was born on 2 May 1990", "DATE_OF_BIRTH", "2 May 1990", SELF),
    # address
    ("we've moved to 8 Castle Road", "STREET_ADDRESS", "8 Castle Road", SELF),
    ("Gelato cart tonight at 41 Dock Street", "STREET_ADDRESS", "41 Dock Street", NAMED),
    # family: adjectives, plurals, lists, handles, partners
    ("my lovely sons Tom and Raff", "FAMILY_MEMBER", "Tom", RELATIVE),
    ("my lovely sons Tom and Raff", "FAMILY_MEMBER", "Raff", RELATIVE),
    ("my sister @dev_k is visiting", "FAMILY_MEMBER", "@dev_k", RELATIVE),
    ("dinner with my fiancée Jo", "FAMILY_MEMBER", "Jo", RELATIVE),
    ("out with the big sis Abby tonight", "FAMILY_MEMBER", "Abby", RELATIVE),
    ("stroll with my lovely hubby lucanchan http://t.co/x", "FAMILY_MEMBER", "lucanchan", RELATIVE),
]

MENTIONS: list[tuple[str, str]] = [
    ("flu season is here", "MEDICAL_CONDITION"),
    ("#lupusawareness month starts today", "MEDICAL_CONDITION"),
    ("my phone has a virus", "MEDICAL_CONDITION"),
    ("I always feel better when I'm sick and in bed", "MEDICAL_CONDITION"),
    ("screening programme expanded", "MEDICAL_PROCEDURE"),
    ("Starting today: free flu jabs at the pharmacy", "MEDICAL_PROCEDURE"),
    ("broke my phone screen again", "MEDICAL_CONDITION"),
    ("thank God it's Friday", "RELIGION"),
    ("God bless you all", "RELIGION"),
    ("oh my god I can't", "RELIGION"),
    ("a film about Jesus opens Friday", "RELIGION"),
    ("a church service in Omaha", "RELIGION"),
    ("polls close at 10", "POLITICAL_OPINION"),
    ("who's voting?", "POLITICAL_OPINION"),
    ("vote for our band #VoteForOurBand", "POLITICAL_OPINION"),
    ("watching the #indyref debate", "POLITICAL_OPINION"),
    ("I love greens with everything", "POLITICAL_OPINION"),
    ("the best Korean restaurant in town", "ETHNIC_ORIGIN"),
    ("queue outside the Polish embassy", "ETHNIC_ORIGIN"),
    ("a 51-year-old woman was injured", "AGE"),
    ("children under 5 go free", "AGE"),
    ("happy 4th of July everyone", "AGE"),
    ("if you think he is a 10 year old, think again", "AGE"),
    ("the brand was born in 1902", "DATE_OF_BIRTH"),
    ("police were called to 12 Castle Road after a crash", "STREET_ADDRESS"),
    ("Over My Boyfriend House Tonite", "FAMILY_MEMBER"),
    ("yo bro @jack", "FAMILY_MEMBER"),
    ("love my mom lol", "FAMILY_MEMBER"),
]


def _reported(engine: DetectionEngine, text: str, entity: str) -> list[Span]:
    return [span for span in engine.analyze(text) if span.entity == entity and not span.is_mention]


@pytest.mark.parametrize(("text", "entity", "words", "subject"), DISCLOSURES)
def test_a_disclosure_is_reported_with_its_subject(engine: DetectionEngine, text: str, entity: str,
                                                  words: str, subject: str) -> None:
    found = [(text[span.start:span.end], span.subject) for span in _reported(engine, text, entity)]
    assert (words, subject) in found


@pytest.mark.parametrize(("text", "entity"), MENTIONS)
def test_a_mention_is_not_reported(engine: DetectionEngine, text: str, entity: str) -> None:
    assert _reported(engine, text, entity) == []


@pytest.mark.parametrize("label", sorted(STATEMENT_ENTITIES - {"SEXUAL_ORIENTATION", "GENDER_IDENTITY",
                                                                 "TRADE_UNION", "MEDICATION"}))
def test_every_label_has_disclosures_and_hard_negatives(label: str) -> None:
    assert any(row[1] == label for row in DISCLOSURES)
    assert any(row[1] == label for row in MENTIONS)


def test_a_mention_is_kept_by_the_engine_but_marked(engine: DetectionEngine) -> None:
    text = "flu season is here"
    spans = [span for span in engine.analyze(text) if span.entity == "MEDICAL_CONDITION"]
    assert spans and all(span.is_mention and span.subject is None and not span.first_person for span in spans)


def test_a_finding_says_its_subject_in_words(engine: DetectionEngine) -> None:
    document = Document(id="d", text="I've got a chest infection. Flu season is here.", source="input")
    findings = findings_for(document, engine.analyze(document.text))
    found = {finding.value.lower(): finding for finding in findings if finding.entity == "MEDICAL_CONDITION"}
    assert found["chest infection"].subject == SELF and not found["chest infection"].mention
    assert found["chest infection"].reason.endswith("about you (first person)")
    assert found["flu"].subject is None and found["flu"].mention
    assert "topic mention" in found["flu"].reason


def test_identifiers_need_no_subject(engine: DetectionEngine) -> None:
    spans = engine.analyze("write to ann.lee@example.com")
    assert [span.entity for span in spans] == ["EMAIL_ADDRESS"]
    assert not spans[0].is_mention and not needs_subject("EMAIL_ADDRESS")


@pytest.mark.parametrize(("text", "expected"), [
    ("my mum has asthma", RELATIVE),
    ("I have asthma", SELF),
    ("asthma rates are rising", None),
    ("when I'm ill I have asthma", None),
])
def test_subject_of_reads_the_clause(text: str, expected: str | None) -> None:
    start = text.index("asthma")
    assert subject_of(text, start, start + len("asthma")) == expected


FRAGMENTS = [text for text, *_ in DISCLOSURES] + [text for text, _ in MENTIONS] + [
    "Call 020 7946 0958.", "I'm at the park.", "RT @bob:", "Great game!", "\n", "...", "She said so."]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4), st.sampled_from([" ", ". ", "\n", ", "]))
def test_no_sensitive_span_leaves_the_engine_without_a_subject(engine: DetectionEngine, parts: list[str],
                                                               joiner: str) -> None:
    """Every statement entity carries a subject or is marked a mention, and only mentions lack one."""
    text = joiner.join(parts)
    spans = engine.analyze(text)
    for span in spans:
        if needs_subject(span.entity):
            assert span.subject in {SELF, NAMED, RELATIVE} or span.is_mention
            assert span.is_mention == (span.subject is None)
            assert not (span.is_mention and span.first_person)
        else:
            assert not span.is_mention
    document = Document(id="d", text=text, source="input")
    for finding in findings_for(document, spans):
        assert finding.mention == (needs_subject(finding.entity) and finding.subject is None)


def test_the_owners_own_search_or_note_is_about_them(engine: DetectionEngine) -> None:
    """A search for 'lupus symptoms' says nothing in words about who, but the searcher is the owner."""
    text = "lupus symptoms"
    spans = engine.analyze(text)
    post = findings_for(Document(id="p", text=text, source="input", kind=DocumentKind.POST), spans)
    search = findings_for(Document(id="s", text=text, source="takeout", kind=DocumentKind.SEARCH), spans)
    assert [(f.entity, f.mention) for f in post] == [("MEDICAL_CONDITION", True)]
    assert [(f.entity, f.subject, f.mention, f.first_person) for f in search] == [
        ("MEDICAL_CONDITION", SELF, False, True)]
    assert "your own search" in search[0].reason


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=12), st.integers(0, 70),
       st.integers(0, 30))
def test_names_near_a_span_are_the_ones_a_scan_of_every_name_finds(names: list[tuple[int, int]], start: int,
                                                                  length: int) -> None:
    """The binary search over names (a long text has thousands) agrees with asking each name in turn."""
    text = "Jo is, for Al; with (Bo) and has had " * 3
    spans = [(first, first + size) for first, size in names]
    end = start + length
    clause_start = max(0, start - 20)
    after = text[end:end + 25]
    indexed = _Names.of(spans)
    assert _named_before(text, clause_start, start, indexed) == any(
        clause_start <= first and last <= start and _LINK.match(text[last:start]) for first, last in spans)
    assert _named_after(after, end, indexed) == any(
        end <= first <= end + len(after) and _BEFORE_NAME.fullmatch(after[:first - end])
        for first, _ in spans)
