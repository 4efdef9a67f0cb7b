"""The plan use case: read the findings database, settle items marked done, build the plan, write letters.

Callable without the CLI: `plan_from_store` for the plan, `write_letters` for the letters the plan
offers now (requests not yet sent, follow-ups and complaints that are due), each as a text file, an
`.eml` draft where the recipient takes email, and a line with its `mailto:` link in letters.txt.
Every file is 0600 in a 0700 folder: letters carry the person's name and address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scanner.actions.contacts import competent_authorities
from scanner.actions.letters import (
    CPPA,
    complaint_letter,
    eml_draft,
    follow_up_letter,
    mailto_link,
    request_letter,
)
from scanner.actions.person import Requester
from scanner.actions.plan import Plan, RequestLine, build_plan
from scanner.actions.verify import verify_marks
from scanner.dbfile import private_folders
from scanner.errors import OutputError
from scanner.private import write_private
from scanner.store import FindingFilter, Store

PLANNED = FindingFilter(statuses=("open", "confirmed", "fixed"))


def plan_from_store(store: Store, requester: Requester, today: date) -> Plan:
    """Settle what later scans verified, then plan from every finding not dismissed."""
    verify_marks(store)
    return build_plan(store.findings(PLANNED), store.signals(), store.item_marks(), store.requests(),
                      requester, today)


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter ready to send: its file name, text, and where it goes."""

    name: str
    text: str
    to: str
    """An email address, a web form URL, or 'post'."""
    email: str | None


def _due_letter(line: RequestLine, requester: Requester, today: date) -> Letter | None:
    spec = line.letter
    request = line.request
    if request is None:
        return Letter(spec.id, request_letter(spec, requester, today), spec.channel, spec.recipient.email)
    assert line.due is not None
    authorities = competent_authorities(requester.country, requester.region, spec.recipient)
    authority = authorities.own or authorities.lead
    if line.next_step == "follow-up":
        named = authority.name if authority is not None and spec.law.key == "gdpr" else CPPA
        text = follow_up_letter(spec, requester, request.sent_on, line.due, named, today)
        return Letter(f"{spec.id}-follow-up", text, spec.channel, spec.recipient.email)
    if line.next_step == "complaint":
        text = complaint_letter(spec, requester, authority if spec.law.key == "gdpr" else None,
                                request.sent_on, line.due, request.followed_up_on, authorities.note, today)
        to = (authority.email or authority.webform or "post") if authority and spec.law.key == "gdpr" \
            else "https://cppa.ca.gov/"
        email = authority.email if authority and spec.law.key == "gdpr" else None
        return Letter(f"{spec.id}-complaint", text, to, email)
    return None


def due_letters(plan: Plan, requester: Requester, today: date) -> list[Letter]:
    """Every letter the plan calls for today, in the plan's order."""
    letters: dict[str, Letter] = {}
    for section in plan.sections:
        for line in section.requests:
            letter = _due_letter(line, requester, today)
            if letter is not None:
                letters.setdefault(letter.name, letter)  # a company's letter shows in each of its sections
    return list(letters.values())


def write_letters(letters: list[Letter], folder: Path, sender: str | None) -> Path:
    """Write each letter (.txt, .eml) and letters.txt (how to send each, with mailto links)."""
    index = []
    try:
        private_folders(folder)
        for letter in letters:
            write_private(folder / f"{letter.name}.txt", letter.text.encode("utf-8"))
            line = f"{letter.name}: send to {letter.to}"
            if letter.email:
                write_private(folder / f"{letter.name}.eml", eml_draft(letter.text, letter.email, sender))
                line += f"\n  {mailto_link(letter.text, letter.email)}"
            else:
                line += " (paste the text into the form, or print it and post it)"
            index.append(line)
        summary = folder / "letters.txt"
        write_private(summary, ("\n".join(index) + "\n").encode("utf-8"))
    except OSError as error:
        raise OutputError(f"cannot write the letters in {folder}: {error.strerror or error}") from error
    return summary
