"""The findings database on a real SQLite file: migrations, modes, fingerprints, triage, diff, filters."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from scanner import store as store_module
from scanner.errors import StoreError
from scanner.models import Finding, SourceSignals, Visibility
from scanner.scoring.findings import ScoredFinding
from scanner.scoring.stored import raise_combinations, stored_profile
from scanner.selfprofile import SelfProfile
from scanner.store import FindingFilter, Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"s" * 32
ME = SelfProfile.from_mapping({"emails": ["rowan.hale@example.org"]})


def scored(*findings: Finding, profile: SelfProfile = ME) -> list[ScoredFinding]:
    return score_findings(findings, (), profile, KEY, now=NOW)


def first_scan_findings() -> list[Finding]:
    return [
        make_finding("MEDICAL_CONDITION", "type 1 diabetes", first_person=True, document="m/1"),
        make_finding("EMAIL_ADDRESS", "rowan.hale@example.org", document="m/2"),
        make_finding("PERSON", "Jonas Berg", document="dm/1", visibility=Visibility.DIRECT, source="twitter"),
    ]


def first_scan() -> list[ScoredFinding]:
    return scored(*first_scan_findings())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "exposure.db"


def test_new_database_is_private_and_migrated(db: Path) -> None:
    with Store(db) as store:
        assert store.applied_migrations() == [name for name, _ in store_module.MIGRATIONS]
        store.save_scan("scan-files", "x", first_scan())
        for suffix in ("", "-wal", "-shm"):
            side = Path(f"{db}{suffix}")
            if side.exists():
                assert mode(side) == 0o600, suffix
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    with Store(db) as store:
        assert len(store.applied_migrations()) == len(store_module.MIGRATIONS)


def test_a_failing_migration_leaves_nothing_half_done(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = ("0099_broken", "CREATE TABLE half (x INTEGER); CREATE TABLE half (x INTEGER)")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    with pytest.raises(StoreError):
        Store(db)
    connection = sqlite3.connect(db)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    applied = {row[0] for row in connection.execute("SELECT name FROM migrations")}
    connection.close()
    assert "half" not in tables
    assert "0099_broken" not in applied and "0001_initial" in applied


def test_older_databases_are_migrated_forward(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made before 0003 (factors inline) keeps its findings and their explanations."""
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:2])
        Store(db).close()
    factors = '[{"name": "sensitivity", "value": 1.0, "why": "tier 1"}]'
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("INSERT INTO scans (id, started_at, command, target) VALUES (1, 't', 'scan', 'x')")
        connection.execute("INSERT INTO documents VALUES ('d', 'files', 'file', NULL, NULL, 'unknown')")
        connection.execute(
            "INSERT INTO findings (fingerprint, document_id, source, entity, category, value_hash, "
            "value_masked, "
            "score, detector, reason, snippet, first_person, about_me, risk, level, factors, first_scan, "
            "last_scan, first_seen, last_seen) VALUES ('abcdef', 'd', 'files', 'MEDICATION', 'health', 'h', "
            "'i******', 1.0, 'x', 'y', 'z', 0, 0, 60.0, 'high', ?, 1, 1, 't', 't')", (factors,))
    connection.close()
    with Store(db) as store:
        assert "0003_explanations" in store.applied_migrations()
        found = store.finding("abcdef")
    assert [(f.name, f.value, f.why) for f in found.factors] == [("sensitivity", 1.0, "tier 1")]


def test_findings_come_back_ranked_with_masked_values_only(db: Path) -> None:
    with Store(db) as store:
        store.save_scan("scan-files", "x", first_scan())
        found = list(store.findings())
    assert [f.entity for f in found] == ["MEDICAL_CONDITION", "EMAIL_ADDRESS", "PERSON"]
    assert all(f.value is None for f in found)
    assert found[1].value_masked == "r******@example.org"
    assert found[1].about_me and found[0].first_person
    assert [factor.name for factor in found[0].factors][:2] == ["sensitivity", "confidence"]
    written = b"".join(path.read_bytes() for path in db.parent.iterdir())
    assert b"rowan.hale@example.org" not in written and b"type 1 diabetes" not in written


def test_values_are_kept_only_when_asked_and_dropped_again(db: Path) -> None:
    with Store(db) as store:
        store.save_scan("scan-files", "x", first_scan(), store_values=True)
        values = {f.value for f in store.findings()}
        assert values == {"type 1 diabetes", "rowan.hale@example.org", "Jonas Berg"}
        store.save_scan("scan-files", "x", first_scan())
        assert {f.value for f in store.findings()} == {None}


def test_fingerprints_survive_a_rescan_and_triage_carries_over(db: Path) -> None:
    before = first_scan()
    moved = make_finding("EMAIL_ADDRESS", "Rowan.Hale@Example.org", document="m/2")
    after = scored(moved)
    assert after[0].fingerprint == before[1].fingerprint
    with Store(db) as store:
        store.save_scan("scan-files", "x", before)
        change = store.set_status(before[1].fingerprint[:6], "confirmed", "my old address")
        assert (change.previous, change.status) == ("open", "confirmed")
        store.save_scan("scan-files", "x", after)
        again = store.finding(before[1].fingerprint[:8])
        assert again.status == "confirmed" and again.note == "my old address"
        assert again.first_scan == 1 and again.last_scan == 2
        assert store.count() == 3


def test_undo_takes_back_the_last_decision(db: Path) -> None:
    with Store(db) as store:
        store.save_scan("scan-files", "x", first_scan())
        target = next(store.findings()).fingerprint
        store.set_status(target, "confirmed")
        store.set_status(target, "fixed")
        assert store.undo_last() is not None
        assert store.finding(target).status == "confirmed"
        store.undo_last()
        assert store.finding(target).status == "open"
        assert store.undo_last() is None


def test_diff_says_what_is_new_gone_and_unchanged(db: Path) -> None:
    one, two, three = first_scan()
    new = scored(make_finding("PHONE_NUMBER", "+1 503-555-0142", document="m/3"))[0]
    with Store(db) as store:
        store.save_scan("scan-files", "x", [one, two, three])
        store.save_scan("scan-files", "x", [one, two, new])
        diff = store.diff()
        assert [f.entity for f in diff.added] == ["PHONE_NUMBER"]
        assert [f.entity for f in diff.gone] == ["PERSON"]
        assert diff.unchanged == 2
        assert (diff.old.id, diff.new.id) == (1, 2)
        reverse = store.diff(2, 1)
        assert [f.entity for f in reverse.added] == ["PERSON"]


def test_diff_needs_two_scans(db: Path) -> None:
    with Store(db) as store, pytest.raises(StoreError, match="two stored scans"):
        store.diff()


def test_filters_select_and_count(db: Path) -> None:
    with Store(db) as store:
        store.save_scan("scan-files", "x", first_scan())
        assert store.count(FindingFilter(min_risk=50)) == 2
        health = store.findings(FindingFilter(categories=("health",)))
        assert [f.entity for f in health] == ["MEDICAL_CONDITION"]
        assert [f.entity for f in store.findings(FindingFilter(entities=("PERSON",)))] == ["PERSON"]
        assert [f.entity for f in store.findings(FindingFilter(sources=("twitter",)))] == ["PERSON"]
        mine = [f.entity for f in store.findings(FindingFilter(about_me=True))]
        assert mine == ["MEDICAL_CONDITION", "EMAIL_ADDRESS"]  # first person, profile match
        assert store.count(FindingFilter(since="2999-01-01")) == 0
        assert store.count(FindingFilter(scan_id=1)) == 3 and store.count(FindingFilter(scan_id=9)) == 0
        assert len(list(store.findings(FindingFilter(limit=1, offset=1)))) == 1
        store.set_status(next(store.findings()).fingerprint, "false-positive")
        assert store.count(FindingFilter(statuses=("open",))) == 2
        assert len(list(store.exposed())) == 2


def test_ids_must_be_unambiguous_hex_prefixes(db: Path) -> None:
    with Store(db) as store:
        store.save_scan("scan-files", "x", first_scan())
        with pytest.raises(StoreError, match="not a finding id"):
            store.finding("xyz")
        with pytest.raises(StoreError, match="no finding"):
            store.finding("ffffffffffffffffffff0")
        with pytest.raises(StoreError, match="unknown status"):
            store.set_status(next(store.findings()).fingerprint, "done")


def test_source_signals_round_trip(db: Path) -> None:
    signal = SourceSignals(key="Blog.Example", training_crawlers_allowed=("GPTBot",), common_crawl_captures=3,
                           notes=("robots.txt allows GPTBot",))
    with Store(db) as store:
        store.save_scan("scan", "https://blog.example/", first_scan(), [signal])
        assert store.signals()["blog.example"].training_crawlers_allowed == ("GPTBot",)
        assert store.signals()["blog.example"].common_crawl_captures == 3


def test_combinations_complete_across_scans_and_raise_the_stored_side(db: Path) -> None:
    me = SelfProfile.from_mapping({"names": ["Rowan Delacroix-Hale"], "city": "Portland",
                                   "birth_date": "1988-03-14"})
    blog = scored(make_finding("PERSON", "Rowan Delacroix-Hale", document="blog/about", source="web"),
                  make_finding("LOCATION", "Portland", document="blog/post", source="web"), profile=me)
    with Store(db) as store:
        store.save_scan("scan", "blog", blog)
        before = {f.entity: f.risk for f in store.findings()}
        known = store.linked_entities()
        assert known == {"PERSON", "LOCATION"}
        archive = score_findings([make_finding("DATE_OF_BIRTH", "14 March 1988", document="tw#1")], (), me,
                                 KEY, now=NOW, known_linked=known)
        assert archive[0].risk.factors[-1].name == "combination"
        store.save_scan("archive", "tw.zip", archive)
        assert raise_combinations(store, store.linked_entities()) == 2
        assert raise_combinations(store, store.linked_entities()) == 0
        after = {f.entity: f for f in store.findings()}
    for entity in ("PERSON", "LOCATION"):
        assert after[entity].risk > before[entity]
        assert after[entity].factors[-1].why.startswith("name + birth date + place across your sources")


def test_profile_from_the_indexes_equals_the_profile_in_memory(db: Path) -> None:
    from scanner.scoring.profile import profile_score

    many = scored(*(make_finding("USERNAME", f"@user{i}", document=f"m/{i % 7}", source=("a", "b")[i % 2])
                    for i in range(40)), *first_scan_findings())
    with Store(db) as store:
        store.save_scan("scan", "x", many)
        assert stored_profile(store) == profile_score(store.exposed())
        store.set_status(next(store.findings()).fingerprint, "false-positive")
        assert stored_profile(store) == profile_score(store.exposed())
        assert stored_profile(store).values == len(many) - 1


@pytest.mark.parametrize("riskier_first", [True, False])
def test_a_value_twice_in_one_scan_is_one_row_at_its_highest_risk(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    riskier_first: bool) -> None:
    monkeypatch.setattr(store_module, "WRITE_BATCH", 1)  # the two land in different batches
    pair = scored(make_finding("LOCATION", "Portland", document="m/1", score=0.95),
                  make_finding("LOCATION", "Portland", document="m/1", score=0.4))
    assert pair[0].fingerprint == pair[1].fingerprint and pair[0].risk.score > pair[1].risk.score
    with Store(db) as store:
        scan_id = store.save_scan("scan", "x", pair if riskier_first else pair[::-1])
        assert [f.risk for f in store.findings()] == [pair[0].risk.score]
        assert store.scan(scan_id).findings == 1
        store.save_scan("scan", "x", pair[1:])  # a later scan's lower risk replaces it
        assert [f.risk for f in store.findings()] == [pair[1].risk.score]


def test_the_profile_of_one_scan_counts_that_scan_only(db: Path) -> None:
    from scanner.models import Exposed
    from scanner.scoring.profile import profile_score

    later = scored(make_finding("USERNAME", "@rowan", document="m/9"))
    with Store(db) as store:
        store.save_scan("scan", "x", first_scan())
        scan_id = store.save_scan("scan", "y", later)
        alone = profile_score([Exposed(f"USERNAME:{later[0].value_hash}", later[0].finding.category,
                                       "mastodon", later[0].risk.score)])
        assert stored_profile(store, scan_id) == alone
        assert stored_profile(store).values == 4
