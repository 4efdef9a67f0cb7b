"""The compiled privacy contacts match their source, and complaints go to the right authority."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.actions.compile_contacts import compiled_text
from scanner.actions.contacts import DATA_FILE, about, company_for_platform, competent_authorities


def test_the_compiled_file_is_what_the_records_compile_to(shared: Path) -> None:
    assert DATA_FILE.read_text(encoding="utf-8") == compiled_text(shared / "fixtures" / "privacy_contacts")


def test_source_and_licence_are_kept() -> None:
    assert about()["commit"] == "0a29c3d6feee53b02e73204a3dbd312eafe56629"
    assert "CC0" in about()["licence"]


@pytest.mark.parametrize(("country", "region", "source", "own", "lead"), [
    ("de", "DE-BE", "twitter", "deberlbdi", "iedpc"),   # Art. 77 where the person lives; Irish lead
    ("de", "DE-BY", "reddit", "debaylda", "nlap"),
    ("de", None, "twitter", None, "iedpc"),             # no state: only the lead authority, and a note
    ("fr", None, "linkedin", "frcnil", "iedpc"),
    ("ie", None, "facebook", "iedpc", None),            # the same authority once
    ("nl", None, "reddit", "nlap", None),
    ("us", None, "twitter", None, "iedpc"),             # outside Europe: the EU establishment's
    ("fr", None, "github", "frcnil", None),             # no EU establishment on record
])
def test_competent_authority(country: str, region: str | None, source: str, own: str | None,
                             lead: str | None) -> None:
    company = company_for_platform(source, country)
    assert company is not None
    chosen = competent_authorities(country, region, company)
    assert (chosen.own.slug if chosen.own else None, chosen.lead.slug if chosen.lead else None) == (own, lead)
    if country == "de" and region is None:
        assert "[me] region" in chosen.note


def test_unknown_platforms_have_no_contact() -> None:
    assert company_for_platform("mastodon", "de") is None
    assert company_for_platform("hackernews", None) is None
