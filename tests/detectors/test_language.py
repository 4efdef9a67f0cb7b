"""Each document's language, and which detectors text in another language gets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.batch import detect_documents
from detectors.engine import DetectionEngine
from detectors.language import (
    ENGLISH_WORDS,
    MIN_LETTERS,
    Basis,
    _identifiable,
    _plainly_english,
    _words,
    identify,
    language_of,
    stated_language,
)
from scanner.models import Document
from scanner.scan import run_scan

GERMAN = "Ich habe heute mit Anna Schmidt in Berlin telefoniert, sie ruft dich morgen früh an."
DANISH = "Jeg har lige talt med Mette Frederiksen i Aarhus, hun ringer til dig i morgen tidlig."
ENGLISH = "I had lunch with Anna Schmidt in Berlin today, she will call you tomorrow morning."


@pytest.mark.parametrize(("metadata", "expected"), [
    ({"lang": "de"}, "de"),
    ({"lang": "en"}, "en"),
    ({"language": "en-GB"}, "en"),
    ({"language": "pt_BR"}, "pt"),
    ({"langs": "da,en"}, "en"),  # a post in two languages, one of them English: every detector
    ({"langs": "ja"}, "ja"),
    ({"lang": "und"}, None),  # X: undetermined
    ({"lang": "qme"}, None),  # X: media only
    ({"lang": "qht"}, None),  # X: hashtags only
    ({"language": ""}, None),
    ({}, None),
])
def test_the_export_states_the_language(metadata: dict[str, str], expected: str | None) -> None:
    assert stated_language(metadata) == expected


@pytest.mark.parametrize(("text", "code", "basis"), [
    (GERMAN, "de", Basis.IDENTIFIED),
    (DANISH, "da", Basis.IDENTIFIED),
    (ENGLISH, "en", Basis.IDENTIFIED),
    ("Ik kan niet wachten tot de nieuwe serie begint, dit jaar wordt geweldig", "nl", Basis.IDENTIFIED),
    ("Just got back from the gym and the kids are already asleep", "en", Basis.IDENTIFIED),  # no model
    ("Breaking: Mayor Okafor Opens Riverside Library In Lagos Tomorrow Morning", "en", Basis.IDENTIFIED),
    # a guess spread thin over many languages is no identification
    ("WEEKEND ROOOOOOOOOOAAAAAAAAAAAAAAAAAADTRIIIIIIIIIIIIIIIIIIIIP", "en", Basis.UNSURE),
    ("Danke schön!", "en", Basis.SHORT),  # too few letters to tell: read as English, as before
    ("@anna_s #Berlin https://example.org/a/very/long/link/that/has/many/letters/in/it ok", "en",
     Basis.SHORT),  # links, handles and hashtags are no words
])
def test_without_a_field_the_text_is_identified(text: str, code: str, basis: Basis) -> None:
    call = identify(text)
    assert (call.code, call.basis) == (code, basis)


def test_the_export_wins_over_the_text() -> None:
    call = language_of(GERMAN, {"lang": "en"})
    assert (call.code, call.basis) == ("en", Basis.EXPORT)


def _found(engine: DetectionEngine, text: str, metadata: dict[str, str]) -> set[tuple[str, str]]:
    document = Document(id="d", text=text, source="test", metadata=metadata)
    [(_, findings)] = list(detect_documents([document], engine=engine))
    return {(finding.entity, finding.value) for finding in findings}


def test_other_languages_get_only_the_language_independent_detectors(engine: DetectionEngine) -> None:
    """German common words are no people or places; the email, phone and handle are still found."""
    text = "Heute Abend Grillen bei Meike, Anmeldung an meike.k@example.de oder +49 30 901820 @meike_k"
    german = _found(engine, text, {"lang": "de"})
    assert ("EMAIL_ADDRESS", "meike.k@example.de") in german
    assert any(entity == "PHONE_NUMBER" for entity, _ in german)
    assert ("USERNAME", "@meike_k") in german
    assert not {entity for entity, _ in german} & {"PERSON", "LOCATION", "ORGANIZATION", "NRP"}
    english = _found(engine, ENGLISH, {"lang": "en"})
    assert ("PERSON", "Anna Schmidt") in english


def test_the_same_text_in_two_languages_is_cached_apart(engine: DetectionEngine) -> None:
    english, other = engine.analyze_many([ENGLISH, ENGLISH], [True, False])
    assert any(span.entity == "PERSON" for span in english)
    assert not any(span.entity == "PERSON" for span in other)


def test_the_summary_says_which_detectors_ran_on_which_language(engine: DetectionEngine) -> None:
    documents = [
        Document(id="1", text=GERMAN, source="test"),
        Document(id="2", text=ENGLISH, source="test"),
        Document(id="3", text="Hej!", source="test", metadata={"lang": "da"}),
        Document(id="4", text="", source="test"),
    ]
    result = run_scan(documents, engine=engine)
    with result.findings:
        assert result.summary.detectors_by_language() == {
            "all detectors": {"en": 1},
            "language-independent detectors": {"de": 1, "da": 1},
        }
        languages = {finding.document.id: finding.document.metadata["language"]
                     for document in result.findings.documents() for finding in document}
    assert languages.get("2") == "en"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab@#:/. \n[", max_size=40))
def test_words_drop_addresses_as_before_unless_glued_to_a_tag(text: str) -> None:
    """Addresses are matched from the start of a run of non-spaces (linear on long runs); the words left
    are those the unanchored pattern left, except after a tag or handle glued to the address."""
    unanchored = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|\S+@\S+")
    if not any("@" in run[1:] and run[0] in "@#" for run in text.split()):
        assert _words(text) == unanchored.sub(" ", text)


@given(st.text(alphabet=st.sampled_from(list("ab é1_ -ß٣")), max_size=400))
def test_letters_are_counted_as_one_by_one(text: str) -> None:
    """_identifiable lists a window of letters at once; the answer is the count of every letter's."""
    assert _identifiable(text) is (len(re.findall(r"[^\W\d_]", text)) >= MIN_LETTERS)


@given(st.lists(st.sampled_from(["the", "and", "der", "und", "you", "hola", "it's", "x", "THE", ",", " "]),
                max_size=400))
def test_common_english_words_are_found_alike_in_short_and_long_texts(words: list[str]) -> None:
    text = " ".join(words)
    found = {word for word in re.findall(r"[a-z']+", text.lower()) if word in ENGLISH_WORDS}
    assert _plainly_english(text) is (len(found) >= 2)
