"""Special-category recognizers: statements about a person fire, topic mentions do not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import RecognizerResult

from detectors.engine import DetectionEngine
from detectors.lexicon import DATA
from detectors.recognizers.special import (
    EthnicOriginRecognizer,
    GenderIdentityRecognizer,
    PoliticalOpinionRecognizer,
    ReligionRecognizer,
    SexualOrientationRecognizer,
    SpecialCategoryRecognizer,
    TradeUnionRecognizer,
    cue_gate,
)
from detectors.wordstarts import may_match

RECOGNIZERS: dict[str, SpecialCategoryRecognizer] = {
    recognizer.ENTITY: recognizer
    for recognizer in (ReligionRecognizer(), PoliticalOpinionRecognizer(), SexualOrientationRecognizer(),
                       GenderIdentityRecognizer(), EthnicOriginRecognizer(), TradeUnionRecognizer())
}


def found(text: str, entity: str) -> dict[str, RecognizerResult]:
    results = RECOGNIZERS[entity].analyze(text, [entity], nlp_artifacts=None)
    return {text[result.start:result.end]: result for result in results}


HITS = [
    # text, entity, exact substring, said by the writer about themself
    ("As a practising Muslim, I fast every Ramadan.", "RELIGION", "Muslim", True),
    ("My wife is Jewish and I'm an atheist.", "RELIGION", "Jewish", False),
    ("My wife is Jewish and I'm an atheist.", "RELIGION", "atheist", True),
    ("I converted to Islam in 2015.", "RELIGION", "Islam", True),
    ("He is a Sikh and proud of it.", "RELIGION", "Sikh", False),
    ("I wear a hijab to work.", "RELIGION", "hijab", True),
    ("Potluck after Quaker meeting on Sunday", "RELIGION", "Quaker", False),
    ("See you at our Catholic parish fellowship", "RELIGION", "Catholic", True),
    ("I voted for Harris and I'd do it again.", "POLITICAL_OPINION", "Harris", True),
    ("I'm a lifelong Labour member.", "POLITICAL_OPINION", "Labour", True),
    ("We voted Leave.", "POLITICAL_OPINION", "Leave", True),
    ("My dad is a Tory.", "POLITICAL_OPINION", "Tory", False),
    ("i'm a proud democratic socialist", "POLITICAL_OPINION", "democratic socialist", True),
    ("I'm bi and proud.", "SEXUAL_ORIENTATION", "bi", True),
    ("I'm bi.", "SEXUAL_ORIENTATION", "bi", True),
    ("Coming out as bi at 30 was the best thing I did", "SEXUAL_ORIENTATION", "bi", True),
    ("My brother is gay.", "SEXUAL_ORIENTATION", "gay", False),
    ("Came out as a lesbian at 19.", "SEXUAL_ORIENTATION", "lesbian", True),
    ("I'm so ace lol", "SEXUAL_ORIENTATION", "ace", True),
    ("As a trans woman in tech, this hurts.", "GENDER_IDENTITY", "trans woman", True),
    ("i'm nonbinary, pronouns they/them", "GENDER_IDENTITY", "nonbinary", True),
    ("My daughter is trans.", "GENDER_IDENTITY", "trans", False),
    ("I transitioned in 2019.", "GENDER_IDENTITY", "transitioned", True),
    ("As a Black woman, I see this every day.", "ETHNIC_ORIGIN", "Black", True),
    ("I'm mixed race and grew up in Leeds.", "ETHNIC_ORIGIN", "mixed race", True),
    ("I'm half Korean.", "ETHNIC_ORIGIN", "Korean", True),
    ("I'm of Irish descent.", "ETHNIC_ORIGIN", "Irish", True),
    ("my Nigerian roots matter to me", "ETHNIC_ORIGIN", "Nigerian", True),
    ("Our union local is striking next week.", "TRADE_UNION", "union local", True),
    ("I'm a member of UNISON.", "TRADE_UNION", "UNISON", True),
    ("my union rep sorted it", "TRADE_UNION", "union rep", True),
    ("I'm a shop steward at the plant.", "TRADE_UNION", "shop steward", True),
]


@pytest.mark.parametrize(("text", "entity", "substring", "first_person"), HITS)
def test_hits(text: str, entity: str, substring: str, first_person: bool) -> None:
    results = found(text, entity)
    assert substring in results, f"{substring!r} not in {list(results)}"
    metadata = results[substring].recognition_metadata
    assert metadata["first_person"] is first_person
    assert substring in metadata["reason"]


MISSES = [
    # text, entity that must not be reported: topics, idioms and other senses
    ("The Muslim world reacted strongly.", "RELIGION"),
    ("As a Christian charity, we help everyone.", "RELIGION"),
    ("Christmas markets open in Catholic Bavaria.", "RELIGION"),
    ("A fire broke out at the Catholic church.", "RELIGION"),
    ("I'm conservative with my spending and green with envy.", "POLITICAL_OPINION"),
    ("The Labour party announced a new policy.", "POLITICAL_OPINION"),
    ("I support Arsenal.", "POLITICAL_OPINION"),
    ("I'm straight up exhausted. I'm ace at chess.", "SEXUAL_ORIENTATION"),
    ("I'm bilingual, bi-weekly meetings.", "SEXUAL_ORIENTATION"),
    ("Gay marriage was legalised in 2014.", "SEXUAL_ORIENTATION"),
    ("Trans fats are bad for you.", "GENDER_IDENTITY"),
    ("My transition to management went fine.", "GENDER_IDENTITY"),
    ("I'm black and blue after the match.", "ETHNIC_ORIGIN"),
    ("Korean food is the best.", "ETHNIC_ORIGIN"),
    ("Meet me at Union Station. The European Union voted.", "TRADE_UNION"),
    ("Our union was blessed at our wedding.", "TRADE_UNION"),
    ("My credit union has good rates.", "TRADE_UNION"),
]


@pytest.mark.parametrize(("text", "entity"), MISSES)
def test_topic_mentions_do_not_fire(text: str, entity: str) -> None:
    assert found(text, entity) == {}


def test_a_reason_quotes_the_cue_without_names_in_it() -> None:
    reason = found("My wife Sarah is Jewish.", "RELIGION")["Jewish"].recognition_metadata["reason"]
    assert "Sarah" not in reason
    assert "My wife … is" in reason


def test_first_person_scores_above_someone_else() -> None:
    mine = found("I'm Jewish.", "RELIGION")["Jewish"]
    theirs = found("She is Jewish.", "RELIGION")["Jewish"]
    assert mine.score > theirs.score >= 0.4


def test_lexicons_name_their_source() -> None:
    names = ("religion_terms.txt", "religions.txt", "political_affiliations.txt", "politicians.txt",
             "sexual_orientations.txt", "gender_identities.txt", "ethnic_origins.txt", "heritages.txt",
             "trade_unions.txt")
    for name in names:
        header = (DATA / name).read_text(encoding="utf-8").splitlines()[:3]
        assert any("Source:" in line for line in header), name


def test_through_the_engine(engine: DetectionEngine) -> None:
    text = "As a practising Muslim and a lifelong Labour member, I voted for Starmer."
    spans = {text[s.start:s.end]: s for s in engine.analyze(text)}
    assert spans["Muslim"].entity == "RELIGION"
    assert spans["Muslim"].first_person
    assert spans["Starmer"].entity == "POLITICAL_OPINION"


@pytest.mark.parametrize(("text", "entity"), [(text, entity) for text, entity, _, _ in HITS])
def test_the_gate_lets_every_hit_through(text: str, entity: str) -> None:
    assert RECOGNIZERS[entity].might_match(text)


def test_the_gate_skips_texts_without_any_term() -> None:
    text = "Lovely weather in Portland today, coffee at 9."
    assert not any(recognizer.might_match(text) for recognizer in RECOGNIZERS.values())


PIECES = [*"aeiou bgtIM'’-.,", "I'm ", "as a ", "my wife is ", "gay", "bi", "Muslim", "union", "Labour",
          "trans"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for entity, recognizer in RECOGNIZERS.items():
        for result in recognizer.analyze(text, [entity]):
            assert 0 <= result.start < result.end <= len(text)
            assert text[result.start:result.end].strip() == text[result.start:result.end]


def frames_skipped_wrongly(text: str) -> list[str]:
    """Frames that match the text although their cue gate would skip it (there must be none)."""
    return [frame.name for recognizer in RECOGNIZERS.values() for frame in type(recognizer).FRAMES
            if frame.pattern.search(text) and not may_match(text, cue_gate(frame))]


@pytest.mark.parametrize("text", [text for text, _, _, _ in HITS])
def test_no_frame_is_skipped_on_a_text_it_matches(text: str) -> None:
    assert frames_skipped_wrongly(text) == []


CUE_PIECES = [*PIECES, "voted for ", "I support ", "my brother is ", "we're ", "came out as ", "she's a ",
              "my Irish ", "Christian", "Tory", "I've been "]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), max_size=30).map("".join))
def test_cue_gates_never_hide_a_frame(text: str) -> None:
    assert frames_skipped_wrongly(text) == []


def test_a_cue_gate_skips_texts_without_its_words() -> None:
    voted = next(frame for frame in PoliticalOpinionRecognizer.FRAMES if frame.name == "voted")
    gate = cue_gate(voted)
    assert gate is not None and not may_match("the Labour party conference", gate)


def terms_cut_from_words(text: str) -> list[str]:
    """Frames whose term a match finds with a letter, digit or underscore right before or after it:
    the recognizers' gates ask for whole words, so there must be none."""
    return [frame.name for recognizer in RECOGNIZERS.values() for frame in type(recognizer).FRAMES
            for match in frame.pattern.finditer(text)
            if re.match(r"\w", text[match.end("term"):match.end("term") + 1])
            or re.match(r"\w", text[max(0, match.start("term") - 1):match.start("term")])]


@pytest.mark.parametrize("text", [text for text, _, _, _ in HITS])
def test_every_term_a_frame_finds_is_a_whole_word(text: str) -> None:
    assert terms_cut_from_words(text) == []
    for entity, recognizer in RECOGNIZERS.items():
        assert not recognizer.analyze(text, [entity]) or recognizer.might_match(text)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([*CUE_PIECES, "s", "ness", "_", "9", "Christmas", "biggest", "not"]),
                max_size=30).map("".join))
def test_terms_are_whole_words_in_any_text(text: str) -> None:
    assert terms_cut_from_words(text) == []
