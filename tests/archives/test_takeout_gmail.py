"""Gmail in a Takeout archive: mail the owner received is other people's data (`third_party`), mail
they wrote stays theirs. The mailboxes are synthetic, written into a real zip per test."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from scanner.archives.takeout import TakeoutReader
from scanner.archives.trees.open import open_input
from scanner.models import Document, Finding, Visibility
from tests.scoring_examples import NOW, score_findings

OWNER = "Rowan Hale <Rowan.Hale@example.org>"


def _message(number: int, sender: str, subject: str, labels: str | None = None,
             delivered_to: str | None = None) -> str:
    headers = [f"From 18000000000000000{number:02d}@xxx Sat Jun 01 10:00:00 +0000 2024"]
    if labels is not None:
        headers.append(f"X-Gmail-Labels: {labels}")
    if delivered_to is not None:
        headers.append(f"Delivered-To: {delivered_to}")
    headers += [f"Message-ID: <m{number}@mail.example>", "Date: Sat, 01 Jun 2024 10:00:00 -0700",
                f"From: {sender}", f"Subject: {subject}", "Content-Type: text/plain; charset=utf-8"]
    return "\n".join(headers) + "\n\nI have a chest infection, back on antibiotics.\n\n"


def _read(tmp_path: Path, mbox: str, profile_emails: list[str] | None = None) -> dict[str, Document]:
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Takeout/archive_browser.html", "<html></html>")
        zipped.writestr("Takeout/Mail/All mail Including Spam and Trash.mbox", mbox)
        if profile_emails is not None:
            profile = {"displayName": "Rowan", "emails": [{"value": email} for email in profile_emails]}
            zipped.writestr("Takeout/Profile/Profile.json", json.dumps(profile))
    items = TakeoutReader().documents(open_input(archive))
    documents = [item for item in items if isinstance(item, Document) and item.source == "gmail"]
    return {document.text.split("\n", 1)[0]: document for document in documents}


def test_mail_received_is_third_party_and_mail_sent_is_the_owners(tmp_path: Path) -> None:
    mbox = "".join([
        _message(1, "Clinic <desk@clinic.example>", "received first", "Inbox,Important"),
        _message(2, OWNER, "sent", "Sent,Opened"),
        _message(3, "Jo <jo@friends.example>", "received", "Inbox"),
        _message(4, OWNER, "a draft", "Drafts"),
        _message(5, "rowan.hale@EXAMPLE.org", "from the owner, no Sent label", "Archived"),
        _message(6, "Sam <sam@friends.example>", "no labels, to this mailbox", None,
                 "rowan.hale@example.org"),
        _message(7, "Spammer <x@spam.example>", "spam", "Spam"),
    ])
    documents = _read(tmp_path, mbox)
    marks = {subject: document.metadata.get("third_party") for subject, document in documents.items()}
    assert marks == {
        "received first": "mail received",
        "sent": None,
        "received": "mail received",
        "a draft": None,
        "from the owner, no Sent label": None,
        "no labels, to this mailbox": "mail received",
    }


def test_the_account_profile_says_whose_address_is_the_owners(tmp_path: Path) -> None:
    mbox = _message(1, OWNER, "no labels, from the owner") + _message(2, "Jo <jo@friends.example>",
                                                                     "no labels, from Jo")
    marks = {subject: document.metadata.get("third_party")
             for subject, document in _read(tmp_path, mbox, ["rowan.hale@example.org"]).items()}
    assert marks == {"no labels, from the owner": None, "no labels, from Jo": "mail received"}


def test_nothing_known_leaves_the_mail_unmarked(tmp_path: Path) -> None:
    """No labels, no profile, no Delivered-To: nothing says whose the mail is."""
    documents = _read(tmp_path, _message(1, "Jo <jo@friends.example>", "unlabelled"))
    assert "third_party" not in documents["unlabelled"].metadata


@pytest.mark.parametrize("labels", ["Gesendet", "Envoyés", "Sent"])
def test_sent_labels_in_the_archives_language(tmp_path: Path, labels: str) -> None:
    documents = _read(tmp_path, _message(1, "Jo <jo@friends.example>", "sent", labels))
    assert "third_party" not in documents["sent"].metadata


def test_a_disclosure_in_mail_received_ranks_below_the_owners(tmp_path: Path) -> None:
    """'I have a chest infection' in Jo's mail is Jo's, not the owner's first-person disclosure."""
    mbox = _message(1, OWNER, "sent", "Sent") + _message(2, "Jo <jo@friends.example>", "received", "Inbox")
    documents = _read(tmp_path, mbox)
    findings = [_condition(documents["sent"]), _condition(documents["received"])]
    ranked = {scored.finding.document.metadata.get("third_party"): scored
              for scored in score_findings(findings, key=b"k" * 32, now=NOW)}
    assert not ranked["mail received"].first_person and ranked[None].first_person
    assert ranked["mail received"].risk.score < ranked[None].risk.score
    assert any("someone else's data (mail received)" in factor.why
               for factor in ranked["mail received"].risk.factors)


def _condition(document: Document) -> Finding:
    start = document.text.index("chest infection")
    assert document.visibility is Visibility.DIRECT
    return Finding(document=document.info(), entity="MEDICAL_CONDITION", category="health", start=start,
                   end=start + len("chest infection"), score=0.85, detector="HealthRecognizer",
                   reason="a condition", snippet="[...]", value="chest infection", first_person=True,
                   subject="self")
