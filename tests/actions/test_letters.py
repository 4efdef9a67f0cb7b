"""Letters per platform record: the right entity and address, the right articles, items by permalink,
and no found value in the text (only what [me] gives)."""

from __future__ import annotations

import json
from datetime import date
from email import message_from_bytes
from pathlib import Path

import pytest

from scanner.actions.compile_contacts import OPERATORS, PLATFORMS
from scanner.actions.contacts import DATA_FILE
from scanner.actions.person import Requester
from scanner.actions.run import due_letters, plan_from_store
from scanner.errors import ConfigError
from scanner.models import SourceSignals
from scanner.selfprofile import SelfProfile
from scanner.store import Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"l" * 32
TODAY = date(2026, 3, 5)
PLANTED = "type 1 diabetes"
ME = {"names": ["Rowan Delacroix-Hale"], "emails": ["rowan.hale@example.org"], "phones": ["+1 503-555-0142"],
      "birth_date": "1988-03-14"}
COMPANIES = json.loads(DATA_FILE.read_text(encoding="utf-8"))["companies"]
SITE = SourceSignals(key="rowan.example", robots_checked=True,
                     training_crawlers_allowed=("GPTBot", "Google-Extended", "meta-externalagent",
                                                "ClaudeBot"))


def permalink(source: str) -> str:
    return f"https://{source}.example/rowan/post/1"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One medical finding on a post of every platform with a record, and one on a site crawlers read."""
    path = tmp_path_factory.mktemp("letters") / "exposure.db"
    findings = [make_finding("MEDICAL_CONDITION", PLANTED, first_person=True, source=source,
                             document=f"{source}.zip!posts#1", url=permalink(source)) for source in PLATFORMS]
    findings.append(make_finding("MEDICAL_CONDITION", PLANTED, first_person=True, source="web",
                                 document="https://rowan.example/blog/1", url="https://rowan.example/blog/1"))
    with Store(path) as store:
        store.save_scan("archive", "samples", score_findings(findings, [SITE], SelfProfile(), KEY, now=NOW),
                        [SITE])
    return path


def letter_name(source: str, law: str) -> str:
    """One letter per company: named after the platform, or after the company when it runs several."""
    slug = PLATFORMS[source][0]
    shared = [other for other in PLATFORMS if PLATFORMS[other][0] == slug]
    return f"{source if len(shared) == 1 else slug}-{law}"


def letters_for(db: Path, me: dict[str, object]) -> dict[str, str]:
    requester = Requester.from_me(me)
    with Store(db) as store:
        plan = plan_from_store(store, requester, TODAY)
    return {letter.name: letter.text for letter in due_letters(plan, requester, TODAY)}


@pytest.mark.parametrize("source", sorted(PLATFORMS))
def test_gdpr_letter_per_platform(db: Path, source: str) -> None:
    text = letters_for(db, {**ME, "country": "DE", "region": "DE-BE"})[letter_name(source, "gdpr")]
    record = COMPANIES[PLATFORMS[source][0]]
    assert text.startswith(f"To: {record['name']}\n{record['address']}\n")
    for article in ("Article 21(1)", "Article 17(1)", "Article 15", "Article 12(3)", "2026-04-05"):
        assert article in text
    assert permalink(source) in text
    assert PLANTED not in text and "503" not in text and "1988" not in text
    assert "Rowan Delacroix-Hale" in text and "rowan.hale@example.org" in text


@pytest.mark.parametrize("source", sorted(PLATFORMS))
def test_ccpa_letter_per_platform_for_a_us_resident(db: Path, source: str) -> None:
    text = letters_for(db, {**ME, "country": "US", "in_letters": ["name"]})[letter_name(source, "ccpa")]
    slugs = PLATFORMS[source]
    record = COMPANIES[next((s for s in slugs if COMPANIES[s]["country"] == "us"), slugs[0])]
    assert text.startswith(f"To: {record['name']}\n")
    for section in ("§ 1798.105", "§ 1798.120", "§ 1798.110", "45 calendar days", "2026-04-19"):
        assert section in text
    assert permalink(source) in text and PLANTED not in text
    assert "rowan.hale@example.org" not in text, "the email was not given to letters"


def test_one_letter_per_company_naming_the_items_of_all_its_platforms(db: Path) -> None:
    google = letters_for(db, {**ME, "country": "DE", "region": "DE-BE"})["google-gdpr"]
    account = next(line for line in google.splitlines() if line.startswith("I have an account on"))
    assert all(name in account for name in ("Google", "YouTube", "Gmail")) and " and " in account
    assert all(permalink(source) in google for source in ("google", "youtube", "gmail"))


def test_ai_companies_whose_crawlers_read_the_site_get_letters(db: Path) -> None:
    letters = letters_for(db, {**ME, "country": "FR"})
    names = {name for name in letters if name.startswith("rowan.example-")}
    assert names == {"rowan.example-openai-ireland-limited-gdpr", "rowan.example-google-gdpr",
                     "rowan.example-facebook-gdpr"}, "Anthropic has no record: no letter, no guess"
    openai = letters["rowan.example-openai-ireland-limited-gdpr"]
    assert "OpenAI Ireland Limited" in openai and "GPTBot" in openai
    assert "https://rowan.example/blog/1" in openai and PLANTED not in openai
    us = letters_for(db, {**ME, "country": "US"})
    assert "OpenAI, L.L.C." in us["rowan.example-openai-ccpa"]
    assert set(OPERATORS) >= {"OpenAI", "Google", "Meta"}


def test_letters_are_private_files_eml_drafts_and_mailto_links(db: Path, tmp_path: Path) -> None:
    from scanner.actions.run import write_letters

    requester = Requester.from_me({**ME, "country": "NL"})
    with Store(db) as store:
        plan = plan_from_store(store, requester, TODAY)
    letters = due_letters(plan, requester, TODAY)
    summary = write_letters(letters, tmp_path / "letters", requester.email)
    assert (tmp_path / "letters").stat().st_mode & 0o777 == 0o700
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in (tmp_path / "letters").iterdir())
    draft = message_from_bytes((tmp_path / "letters" / "reddit-gdpr.eml").read_bytes())
    assert draft["To"] == "redditdatarequests@reddit.com" and draft["X-Unsent"] == "1"
    assert draft["Subject"].startswith("Objection, erasure and access")
    assert not (tmp_path / "letters" / "twitter-gdpr.eml").exists(), "X takes a web form, not email"
    index = summary.read_text(encoding="utf-8")
    assert "mailto:redditdatarequests@reddit.com?subject=Objection" in index
    assert "twitter-gdpr: send to https://help.x.com/forms/privacy" in index


def test_letters_carry_only_what_in_letters_gives(db: Path) -> None:
    given = {**ME, "handles": ["u/rowan_hale"], "postal_address": "1427 Alder Street, Portland",
             "in_letters": ["name", "handles", "address"]}
    text = letters_for(db, given)["reddit-gdpr"]
    assert "Accounts: u/rowan_hale" in text and "Postal address: 1427 Alder Street, Portland" in text
    assert "rowan.hale@example.org" not in text
    assert "1427" not in letters_for(db, {**ME, "postal_address": "1427 Alder Street"})["reddit-gdpr"]
    with pytest.raises(ConfigError, match="in_letters: unknown phone"):
        Requester.from_me({**ME, "in_letters": ["name", "phone"]})
