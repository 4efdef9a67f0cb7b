"""The self profile recognises the person's values however they are spelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.config import load_settings
from scanner.errors import ConfigError
from scanner.selfprofile import SelfProfile

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "exposure.toml"


@pytest.fixture(scope="module")
def me() -> SelfProfile:
    return SelfProfile.from_mapping(load_settings(SAMPLE, environ={}).me)


@pytest.mark.parametrize(("entity", "value"), [
    ("EMAIL_ADDRESS", "Rowan.Hale@Example.org"),
    ("EMAIL_ADDRESS", "RO.DELACROIX@example.com"),
    ("PHONE_NUMBER", "(503) 555-0142"),
    ("PHONE_NUMBER", "+15035550142"),
    ("PHONE_NUMBER", "503.555.0142"),
    ("PERSON", "Rowan Delacroix-Hale"),
    ("PERSON", "Delacroix-Hale, Rowan"),
    ("PERSON", "Rowan Hale"),
    ("PERSON", "Rowan Delacroix"),
    ("PERSON", "R. Hale"),
    ("PERSON", "Rówan Hâle"),
    ("PERSON", "Hale Rowan"),
    ("PERSON", "Ro Hale"),
    ("PERSON", "Rowan Hale's"),
    ("USERNAME", "@RowanHale"),
    ("USERNAME", "u/rowan_hale"),
    ("USERNAME", "@rowan@mastodon.example"),
    ("URL", "https://github.com/rowanhale"),
    ("LOCATION", "Portland"),
    ("LOCATION", "portland, OR"),
    ("DATE_OF_BIRTH", "14 March 1988"),
    ("DATE_OF_BIRTH", "March 14, 1988"),
    ("DATE_OF_BIRTH", "1988-03-14"),
    ("DATE_OF_BIRTH", "03/14/1988"),
    ("DATE_OF_BIRTH", "14th March 1988"),
])
def test_own_values_match_in_any_spelling(me: SelfProfile, entity: str, value: str) -> None:
    assert me.matches(entity, value)


@pytest.mark.parametrize(("entity", "value"), [
    ("EMAIL_ADDRESS", "rowan.hale@example.com"),
    ("PHONE_NUMBER", "503-555-0199"),
    ("PERSON", "Rowan Smith"),
    ("PERSON", "Jonas"),
    ("USERNAME", "@rowanhal"),
    ("LOCATION", "Seattle"),
    ("DATE_OF_BIRTH", "15 March 1988"),
    ("MEDICAL_CONDITION", "diabetes"),
])
def test_other_values_do_not_match(me: SelfProfile, entity: str, value: str) -> None:
    assert not me.matches(entity, value)


def test_gmail_ignores_dots_and_plus_tags() -> None:
    profile = SelfProfile.from_mapping({"emails": ["jo.park@gmail.com"]})
    assert profile.matches("EMAIL_ADDRESS", "JoPark+news@googlemail.com")
    assert not profile.matches("EMAIL_ADDRESS", "jopark+news@example.com")


def test_empty_profile_matches_nothing() -> None:
    profile = SelfProfile.from_mapping({})
    assert profile.empty
    assert not profile.matches("PERSON", "Anyone")


def test_bad_profile_values_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="birth_date"):
        SelfProfile.from_mapping({"birth_date": "sometime in spring"})
    with pytest.raises(ConfigError, match="emails"):
        SelfProfile.from_mapping({"emails": 42})


@given(entity=st.sampled_from(["EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON", "USERNAME", "URL", "LOCATION",
                               "DATE_OF_BIRTH", "DATE_TIME", "IBAN_CODE"]),
       value=st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_matching_any_text_never_raises(entity: str, value: str) -> None:
    profile = SelfProfile.from_mapping({"names": ["Émile Zola-Brun"], "emails": ["a.b@gmail.com"],
                                        "phones": ["+33 1 23 45 67 89"], "handles": ["@ez"], "city": "Paris",
                                        "birth_date": "1840-04-02"})
    assert profile.matches(entity, value) in (True, False)
