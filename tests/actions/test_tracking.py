"""Items marked done and requests sent, in a real findings database: they survive rescans and upgrades,
a rescan verifies what was marked done, and an overdue request leads to the follow-up and the complaint."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

import scanner.store as store_module
from scanner.actions.person import Requester
from scanner.actions.plan import item_id
from scanner.actions.run import due_letters, plan_from_store
from scanner.actions.tracking import record_event, record_sent
from scanner.actions.verify import mark_done
from scanner.models import Finding
from scanner.selfprofile import SelfProfile
from scanner.store import Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"t" * 32
BERLIN = Requester.from_me({"names": ["Rowan Delacroix-Hale"], "emails": ["rowan.hale@example.org"],
                            "country": "DE", "region": "DE-BE", "timezone": "Europe/Berlin"})
POST = "twitter.zip!data/tweets.js#1"
OTHER = "twitter.zip!data/tweets.js#2"


def tweets(*documents: str) -> list[Finding]:
    return [make_finding("MEDICAL_CONDITION", "type 1 diabetes", first_person=True, source="twitter",
                         document=document, url=f"https://x.com/rowanhale/status/{document[-1]}")
            for document in documents]


def scan(store: Store, findings: Sequence[Finding]) -> int:
    scored = score_findings(findings, [], SelfProfile(), KEY, now=NOW)
    return store.save_scan("archive", "twitter.zip", scored)


def states(store: Store, today: date = date(2026, 3, 5)) -> dict[str, str]:
    plan = plan_from_store(store, BERLIN, today)
    return {item.document_id: item.state for section in plan.sections for item in section.items}


def test_done_is_fixed_then_confirmed_gone_by_the_next_scan(tmp_path: Path) -> None:
    with Store(tmp_path / "exposure.db") as store:
        scan(store, tweets(POST, OTHER))
        _, count = mark_done(store, item_id(POST))
        assert count == 1 and {f.status for f in store.document_findings(POST)} == {"fixed"}
        assert states(store)[POST] == "done: waiting for the next scan"
        second = scan(store, tweets(OTHER))
        assert states(store)[POST] == f"done: gone in scan {second}"
        assert {f.status for f in store.document_findings(POST)} == {"fixed"}


def test_done_but_still_there_is_reopened_and_the_plan_says_so(tmp_path: Path) -> None:
    with Store(tmp_path / "exposure.db") as store:
        scan(store, tweets(POST, OTHER))
        mark_done(store, POST)
        second = scan(store, tweets(POST, OTHER))
        assert states(store)[POST] == f"reopened: still there in scan {second}"
        assert {f.status for f in store.document_findings(POST)} == {"open"}
        mark_done(store, item_id(POST))
        assert states(store)[POST] == "done: waiting for the next scan"


def _back_to_todays_schema(db: Path) -> None:
    """Undo what the migrations after 0004 added (the schema released before them), findings kept."""
    with sqlite3.connect(db) as connection:
        connection.executescript("""
            DROP TABLE item_marks; DROP TABLE requests;
            ALTER TABLE documents DROP COLUMN third_party;
            ALTER TABLE findings DROP COLUMN subject; ALTER TABLE findings DROP COLUMN mention;
            DELETE FROM migrations WHERE name >= '0005';
        """)


def test_a_database_of_todays_schema_is_upgraded_and_keeps_requests_across_rescans(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "exposure.db"
    with Store(db) as old:
        scan(old, tweets(POST))
    _back_to_todays_schema(db)
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:4])
        with Store(db, read_only=True) as old:
            assert old.applied_migrations() == [name for name, _ in store_module.MIGRATIONS[:4]]
    with Store(db) as store:
        assert store.applied_migrations()[-1] == "0007_action_plan"
        assert store.document_findings(POST), "findings of the old database are kept"
        plan = plan_from_store(store, BERLIN, date(2026, 3, 5))
        number = record_sent(store, plan, "twitter-gdpr", date(2026, 3, 5))
        scan(store, tweets(POST))
    with Store(db) as store:
        [request] = store.requests()
        assert (request.id, request.letter, request.recipient, request.law, request.sent_on) == \
            (number, "twitter-gdpr", "twitter", "gdpr", date(2026, 3, 5))


def test_overdue_request_gets_the_follow_up_then_the_complaint_to_the_right_authority(tmp_path: Path) -> None:
    with Store(tmp_path / "exposure.db") as store:
        scan(store, tweets(POST))
        sent = date(2026, 1, 31)
        record_sent(store, plan_from_store(store, BERLIN, sent), "twitter-gdpr", sent)

        def letters(today: date) -> dict[str, str]:
            plan = plan_from_store(store, BERLIN, today)
            return {letter.name: letter.text for letter in due_letters(plan, BERLIN, today)}

        assert letters(date(2026, 2, 28)) == {}, "28 February is the last day"
        follow_up = letters(date(2026, 3, 1))["twitter-gdpr-follow-up"]
        assert "2026-01-31" in follow_up and "2026-02-28" in follow_up
        assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit" in follow_up
        record_event(store, "twitter-gdpr", "followed-up", date(2026, 3, 1), "reminder via the form")
        assert letters(date(2026, 3, 10)) == {}, "the reminder gets its 14 days"
        complaint = letters(date(2026, 3, 15))["twitter-gdpr-complaint"]
        assert complaint.startswith("To: Berliner Beauftragte für Datenschutz und Informationsfreiheit\n")
        assert "Article 77" in complaint and "Twitter International Unlimited Company" in complaint
        assert "Irish Data Protection Commission" in complaint, "the lead authority is named"
        assert "type 1 diabetes" not in complaint
        record_event(store, "twitter-gdpr", "complained", date(2026, 3, 15), None)
        assert letters(date(2026, 4, 1)) == {}
        [request] = store.requests()
        assert request.notes == "2026-03-01 reminder via the form"


def test_an_extension_moves_the_deadline(tmp_path: Path) -> None:
    with Store(tmp_path / "exposure.db") as store:
        scan(store, tweets(POST))
        sent = date(2026, 1, 31)
        record_sent(store, plan_from_store(store, BERLIN, sent), "twitter-gdpr", sent)
        record_event(store, "twitter-gdpr", "extended", date(2026, 2, 10), None)
        plan = plan_from_store(store, BERLIN, date(2026, 3, 1))
        [line] = plan.sections[0].requests
        assert (line.state, line.due) == ("sent", date(2026, 4, 30))
