"""The names-and-places recognizer through the real engine: tables of texts and what must (not) be found."""

from __future__ import annotations

import pytest

from detectors.engine import DetectionEngine
from detectors.recognizers.gazetteer import Tokens
from detectors.recognizers.ner import NAME, Candidate, SocialNerRecognizer, clean_pieces, select


def spans(engine: DetectionEngine, text: str) -> dict[str, tuple[str, float]]:
    """Found substring → (entity, score)."""
    return {text[s.start : s.end]: (s.entity, s.score) for s in engine.analyze(text)}


FOUND = [
    # text, substring, entity
    ("had lunch with sarah and michael in boston today", "sarah", "PERSON"),
    ("had lunch with sarah and michael in boston today", "boston", "LOCATION"),
    ("MEET ME AND JESSICA IN CHICAGO TOMORROW", "JESSICA", "PERSON"),
    ("MEET ME AND JESSICA IN CHICAGO TOMORROW", "CHICAGO", "LOCATION"),
    ("moving from texas to denver next month", "denver", "LOCATION"),
    ("my cousin lives in sydney", "sydney", "LOCATION"),
    ("Thanks Hendricks for the ride!", "Hendricks", "PERSON"),
    ("Poor Gwendolyn, she missed the bus again", "Gwendolyn", "PERSON"),
    ("Photo by Emily Watson in Portland: http://t.co/AbC123xyz", "Emily Watson", "PERSON"),
    ("Great game last night #Seattle", "#Seattle", "LOCATION"),
    ("Road trip through #NewMexico this summer", "#NewMexico", "LOCATION"),
    ("We stayed near Undercliff Ave in the Bronx", "Undercliff Ave", "LOCATION"),
    ("Visiting my aunt in Dayton, NJ next week", "NJ", "LOCATION"),
    ("Gwendolyn Parker's new bike is red", "Gwendolyn Parker", "PERSON"),
    ("The concert is on Friday, June 12, 2020", "Friday, June 12, 2020", "DATE_TIME"),
]


@pytest.mark.parametrize(("text", "substring", "entity"), FOUND)
def test_finds(engine: DetectionEngine, text: str, substring: str, entity: str) -> None:
    assert spans(engine, text).get(substring, ("nothing", 0))[0] == entity


NOT_PERSON = [
    # text, substring that must not be reported as a PERSON
    ("Hmm. not sure about that", "Hmm"),
    ("Crap, I forgot my keys again", "Crap"),
    ("Check this out http://t.co/PnxpKlOHzW", "http://t.co/PnxpKlOHzW"),
    ("RT @quietfox99: lovely day out 😂😂", "@quietfox99"),
    ("RT @quietfox99: lovely day out 😂😂", "RT"),
    ("so tired 😩 😩 going to bed", "😩"),
    ("Ordered the 2000 model yesterday", "2000"),
    ("WHY IS NOBODY TALKING ABOUT THIS", "NOBODY"),
]


@pytest.mark.parametrize(("text", "substring"), NOT_PERSON)
def test_junk_is_not_a_name(engine: DetectionEngine, text: str, substring: str) -> None:
    found = spans(engine, text)
    assert not any(substring in key and entity == "PERSON" for key, (entity, _) in found.items())


def test_durations_are_not_dates(engine: DetectionEngine) -> None:
    """spaCy's DATE spans go through the patterns helper's plausibility filter."""
    assert "3 years" not in spans(engine, "I have been waiting for 3 years")


def test_handles_are_not_names_to_the_ner_recognizer(engine: DetectionEngine) -> None:
    """spaCy's view of a handle is dropped; a handle that spells a name is the handle recognizer's call."""
    assert spans(engine, "@quietfox see you there").get("@quietfox", ("nothing", 0))[0] == "USERNAME"
    (named,) = [span for span in engine.analyze("@KimberlyWatts see you there") if span.start == 0]
    assert (named.entity, named.detector) == ("PERSON", "HandleNameRecognizer")


def test_possessive_and_junk_trimmed_from_names(engine: DetectionEngine) -> None:
    found = spans(engine, "Gwendolyn Parker's new bike is red")
    assert "Gwendolyn Parker's" not in found


def test_scores_differ_by_evidence(engine: DetectionEngine) -> None:
    """Stock Presidio gives every spaCy entity 0.85; ours ranks a full known name above weaker evidence."""
    full = spans(engine, "Photo by Emily Watson in Portland")["Emily Watson"][1]
    lower = spans(engine, "had lunch with sarah yesterday")["sarah"][1]
    cued = spans(engine, "Thanks Hendricks for the ride!")["Hendricks"][1]
    assert full > cued and full > lower
    assert len({full, lower, cued}) > 1


def test_recognizer_registered_in_place_of_stock(engine: DetectionEngine) -> None:
    names = {str(getattr(recognizer, "name", "")) for recognizer in engine.analyzer.registry.recognizers}
    assert NAME in names
    assert "SpacyRecognizer" not in names


def test_recognizer_without_artifacts_finds_nothing() -> None:
    assert SocialNerRecognizer().analyze("Emily Watson", ["PERSON"], None) == []


def test_clean_pieces_split_at_junk(engine: DetectionEngine) -> None:
    tokens = Tokens.of(engine.nlp("Emily Watson http://t.co/x James Fox's"))
    pieces = clean_pieces(tokens, 0, len(tokens))
    texts = [tokens.text[tokens.start[p.first] : tokens.end(p.last - 1)] for p in pieces]
    assert texts == ["Emily Watson", "James Fox"]


def test_select_keeps_best_of_overlapping() -> None:
    kept = select(
        [
            Candidate("PERSON", 0, 5, 0.6, "a"),
            Candidate("LOCATION", 0, 5, 0.9, "b"),
            Candidate("PERSON", 9, 12, 0.2, "c"),
        ],
        threshold=0.4,
    )
    assert [(c.entity, c.start) for c in kept] == [("LOCATION", 0)]


SHORTHAND = [
    # text, platform shorthand that must not be reported as a name, place or organisation
    ("MT @quietfox99: lovely day out with the kids", "MT"),
    ("ICYMI Jimmy Fallon was on fire last night", "ICYMI"),
    ("ICYMI: the best of the week", "ICYMI"),
    ("TBT to the summer of 2015 with Sarah", "TBT"),
    ("Meeting moved to Jan 5, bring snacks", "Jan"),
    ("See you Thurs at the usual place", "Thurs"),
    ("SMH at the news this morning", "SMH"),
]


@pytest.mark.parametrize(("text", "shorthand"), SHORTHAND)
def test_platform_shorthand_is_no_name(engine: DetectionEngine, text: str, shorthand: str) -> None:
    found = spans(engine, text)
    named = {"PERSON", "LOCATION", "ORGANIZATION", "NRP"}
    assert not any(shorthand in key.split() and entity in named for key, (entity, _) in found.items()), found


TRIMMED = [
    # text, the name as reported, what must not be reported
    ("Jimmy Fallon Makes fun of his own show", "Jimmy Fallon", "Jimmy Fallon Makes"),
    ("Barack Obama Says he is proud of the team", "Barack Obama", "Barack Obama Says"),
    ("ICYMI Jimmy Fallon was on fire last night", "Jimmy Fallon", "ICYMI Jimmy Fallon"),
]


@pytest.mark.parametrize(("text", "name", "untrimmed"), TRIMMED)
def test_trailing_verbs_and_shorthand_are_trimmed(engine: DetectionEngine, text: str, name: str,
                                                  untrimmed: str) -> None:
    found = spans(engine, text)
    assert found.get(name, ("nothing", 0))[0] == "PERSON" and untrimmed not in found, found


GAZETTEER_WINS = [
    # text, substring, entity the gazetteers give where spaCy says PERSON
    ("Great game by Chelsea FC today", "Chelsea FC", "ORGANIZATION"),
    ("Proud to be at Harvard University this week", "Harvard University", "ORGANIZATION"),
    ("Spent the weekend with friends, saw Saint Paul and loved it", "Saint Paul", "LOCATION"),
    ("Spent the weekend with friends, saw Alice Springs and loved it", "Alice Springs", "LOCATION"),
    ("Spent the weekend with friends at Bethany Beach", "Bethany Beach", "LOCATION"),
]


@pytest.mark.parametrize(("text", "substring", "entity"), GAZETTEER_WINS)
def test_a_gazetteer_place_or_organisation_wins_over_person(engine: DetectionEngine, text: str,
                                                           substring: str, entity: str) -> None:
    assert spans(engine, text).get(substring, ("nothing", 0))[0] == entity
