"""@handles that spell a person's name are PERSON (detectors/recognizers/handles.py)."""

from __future__ import annotations

import pytest

from detectors.engine import DetectionEngine
from detectors.recognizers.handles import HandleNameRecognizer, handle_parts, judge
from detectors.resolve import Span, resolve_overlaps
from scanner.selfprofile import SelfProfile

RECOGNIZER = HandleNameRecognizer()


def people(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PERSON"], None)]


@pytest.mark.parametrize(
    ("handle", "parts"),
    [
        ("@david_myers77", ["david", "myers"]),
        ("@TheNickSavoia", ["the", "nick", "savoia"]),
        ("@DrBruceBaird", ["dr", "bruce", "baird"]),
        ("@NYTimes", ["ny", "times"]),
        ("u/jane_doe", ["jane", "doe"]),
        ("@alice@mastodon.social", ["alice"]),
    ],
)
def test_splits_handles_into_parts(handle: str, parts: list[str]) -> None:
    assert handle_parts(handle) == parts


@pytest.mark.parametrize(
    ("handle", "reason"),
    [
        ("@david_myers77", "handle contains the given name 'david' and surname 'myers'"),
        ("@DrBruceBaird", "handle starts with the title 'dr'"),
        ("@MrMikeStreet", "handle starts with the title 'mr'"),
        ("@TheNickSavoia", "handle contains the given name 'nick' and a second name 'savoia'"),
        ("@JohnsonEmily", "handle contains the given name 'emily' and surname 'johnson'"),
        ("@davidmyers", "handle reads as the given name 'david' and surname 'myers'"),
        ("@paigearooney", "handle starts with the given name 'paige'"),
        ("u/jennifer_k", "handle contains the given name 'jennifer'"),
    ],
)
def test_name_like_handles_are_people(handle: str, reason: str) -> None:
    verdict = judge(handle)
    assert verdict is not None
    assert verdict.reason == reason


@pytest.mark.parametrize(
    "handle",
    [
        "@NYTimes", "@BBCNews", "@SpotifyCares", "@github", "@EmilyNews", "@DavidSmithOfficial",
        "@JaneDoeTV", "@Happy", "@will", "@LinkedIn", "@SportsCenter", "@PeteQFoundation",
    ],
)
def test_organisations_and_words_are_not(handle: str) -> None:
    assert judge(handle) is None


def test_finds_handles_in_text_and_not_emails() -> None:
    text = "thanks @david_myers77 and @BBCNews! mail david.myers@example.com or see u/jennifer_k"
    assert people(text) == ["@david_myers77", "u/jennifer_k"]
    assert not RECOGNIZER.might_match("mail me at home")


def test_person_outranks_username_on_the_same_handle() -> None:
    spans = [
        Span("USERNAME", 0, 14, 0.95, "UsernameRecognizer", "username"),
        Span("PERSON", 0, 14, 0.6, "HandleNameRecognizer", "name"),
    ]
    assert [span.entity for span in resolve_overlaps(spans)] == ["PERSON"]


def test_engine_reports_a_name_like_handle_as_person(engine: DetectionEngine) -> None:
    text = "follow @david_myers77 and @BBCNews for more"
    found = {text[s.start : s.end]: (s.entity, s.reason) for s in engine.analyze(text)}
    assert found["@david_myers77"] == ("PERSON", "handle contains the given name 'david' and surname 'myers'")
    assert found["@BBCNews"][0] == "USERNAME"


def test_own_handle_reported_as_person_is_still_about_me() -> None:
    me = SelfProfile.from_mapping({"handles": ["david_myers77"], "names": ["Rowan Hale"]})
    assert me.matches("PERSON", "@david_myers77")
    assert not me.matches("PERSON", "@jennifer_k")
