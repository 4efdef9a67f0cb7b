"""The action plan: from the stored findings to what the person can do, one section per platform or site.

Each section, riskiest first, holds the items to delete or edit (documents with a finding at
MIN_LEVEL or above, by permalink or place in the export), the platform's AI-training opt-out (or the
statement that there is none, pointing to the letters), the letters it offers and the requests already
sent, and for a website the blocks it lacks. Everything here is computed from the findings, the
SourceSignals of the scans, the items marked done and the requests recorded: no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from scanner.actions.contacts import (
    Contact,
    company_for_operator,
    company_for_platform,
    competent_authorities,
)
from scanner.actions.letters import LetterSpec, law_for
from scanner.actions.person import Requester
from scanner.actions.places import export_path, section_key, section_title
from scanner.actions.records import ItemMark, TrackedRequest
from scanner.actions.requests import progress
from scanner.actions.site import SiteBlock, known_crawlers, site_blocks
from scanner.models import SourceSignals
from scanner.policies import policy_for
from scanner.scoring.levels import Level, level_of
from scanner.store import StoredFinding

MIN_LEVEL = Level.MEDIUM
"""Items below this level are counted, not listed: the plan is for what matters."""
ITEMS_PER_SECTION = 25
PLANNED_STATUSES = ("open", "confirmed", "fixed")
"""Findings that belong in a plan: not false positives, not knowingly ignored."""
GENERAL_NOTE = "Opting out usually stops only future use: what was already trained on or licensed stays."


@dataclass(frozen=True, slots=True)
class PlanItem:
    """A post, comment, message or profile field to delete or edit: one document and its findings."""

    id: str
    """Eight hex characters of the document locator's hash: what `exposure act --done` takes."""
    document_id: str
    where: str
    """The permalink, or the way to the item in the platform ('X ▸ Notes ▸ 2026-02-03')."""
    permalink: str | None
    kind: str
    entities: tuple[str, ...]
    """What kinds of data it holds (entity names, never values)."""
    findings: int
    risk: float
    level: str
    state: str
    """'to do', 'done: waiting for the next scan', 'done: gone in scan N', 'reopened: still there in
    scan N'."""

    @property
    def letter_line(self) -> str:
        """How a letter names it: the link, or the place and the export locator."""
        return self.permalink or f"{self.where} ({self.document_id})"


@dataclass(frozen=True, slots=True)
class OptOut:
    """A platform's AI-training opt-out, or the statement that there is none."""

    platform: str
    available: bool
    steps: str
    url: str | None
    covers: str
    checked: str
    """The date platform_policies.json was last checked."""
    legal_route: str | None
    """Where there is no opt-out: what to do instead."""


@dataclass(frozen=True, slots=True)
class RequestLine:
    """A letter the section offers, and its request's state when it was sent."""

    letter: LetterSpec
    request: TrackedRequest | None
    state: str
    """'not sent', 'sent', 'answered', 'overdue', 'done'."""
    due: date | None
    next_step: str | None
    """'follow-up', 'complaint', 'wait' or None."""
    authority: str | None
    """Where a complaint would go (name), once one is due."""


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    risk: float
    level: str
    items: tuple[PlanItem, ...]
    more: int
    """Items at or above MIN_LEVEL not listed (beyond ITEMS_PER_SECTION)."""
    below: int
    """Documents with findings below MIN_LEVEL only."""
    opt_out: OptOut
    requests: tuple[RequestLine, ...]
    site: tuple[SiteBlock, ...] = ()
    """For a website: the blocks to add if it is yours."""


@dataclass(frozen=True, slots=True)
class Plan:
    generated: date
    sections: tuple[Section, ...]
    law: str
    """The law the letters follow: 'GDPR' or 'CCPA/CPRA'."""


def item_id(document_id: str) -> str:
    return hashlib.sha256(document_id.encode("utf-8")).hexdigest()[:8]


@dataclass
class _Document:
    first: StoredFinding
    risk: float
    entities: set[str] = field(default_factory=set)
    findings: int = 0
    fixed: int = 0


def _state(document: _Document, mark: ItemMark | None) -> str:
    if mark is not None and mark.outcome == "reopened":
        return f"reopened: still there in scan {mark.checked_scan}"
    if document.fixed < document.findings:
        return "to do"
    if mark is not None and mark.outcome == "gone":
        return f"done: gone in scan {mark.checked_scan}"
    return "done: waiting for the next scan"


def _item(document: _Document, mark: ItemMark | None) -> PlanItem:
    found = document.first
    return PlanItem(item_id(found.document_id), found.document_id,
                    found.url or export_path(found.source, found.kind, found.created_at), found.url,
                    found.kind.value, tuple(sorted(document.entities)), document.findings,
                    round(document.risk, 1), level_of(document.risk).value, _state(document, mark))


def opt_out_row(key: str, title: str, letters: bool, us_resident: bool, website: bool = False,
                blocks: bool = False) -> OptOut:
    """The platform's opt-out from platform_policies.json; where there is none, the row says so."""
    if letters:
        legal = ("Send the letter below (CCPA/CPRA: delete, opt out of sale and sharing)." if us_resident else
                 "Send the letter below (GDPR Art. 21(1) objection, Art. 17 erasure, Art. 15 access).")
    else:
        legal = "No privacy contact on file: write to its operator, citing the rights the letters cite."
    if website:
        yours = "add the blocks below" if blocks else "scan it (exposure scan) to see what it lacks"
        steps = (f"A website has no opt-out setting: if it is yours, {yours}; if not, ask its owner to take "
                 "the pages down.")
        return OptOut(title, False, steps, None, "", "", legal if letters else None)
    policy = policy_for(key)
    if policy is None:
        if key == "files":
            return OptOut(title, False, "Your own files: not published, nothing to opt out of.", None, "",
                          "", None)
        return OptOut(title, False, f"No AI-training policy of {title} on file.", None, "", "", legal)
    notes = " ".join(policy.notes)
    covers = notes if "future" in notes or "already" in notes else f"{notes} {GENERAL_NOTE}".strip()
    available = policy.opt_out_url is not None
    needed = policy.trains_by_default is not False
    return OptOut(title, available, policy.opt_out_steps, policy.opt_out_url, covers, policy.as_of,
                  legal if needed and not available else None)


def _operators(agents: Iterable[str]) -> dict[str, list[str]]:
    """Crawler operator -> the allowed training agents it runs."""
    by_agent = known_crawlers()
    found: dict[str, list[str]] = {}
    for agent in agents:
        crawler = by_agent.get(agent.lower())
        if crawler is not None and crawler.purpose == "training":
            found.setdefault(crawler.operator, []).append(crawler.agent)
    return found


def _crawler_letters(key: str, lines: tuple[str, ...], allowed: tuple[str, ...],
                     requester: Requester) -> list[LetterSpec]:
    """One letter per AI company whose training crawlers the site let in (however many it runs)."""
    law = law_for(requester)
    companies: dict[str, tuple[Contact, list[str]]] = {}
    for operator, agents in sorted(_operators(allowed).items()):
        company = company_for_operator(operator, requester.country)
        if company is not None:
            companies.setdefault(company.slug, (company, []))[1].extend(agents)
    return [LetterSpec(f"{key}-{slug}-{law.key}", key, company, law, lines,
                       f"pages of {key} ({', '.join(sorted(agents))} may fetch them)", crawler=True)
            for slug, (company, agents) in companies.items()]


def _platform_letters(open_lines: Mapping[str, tuple[str, ...]],
                      requester: Requester) -> dict[str, LetterSpec]:
    """Section -> the letter to the company behind it; one letter per company (Google runs Google,
    YouTube and Gmail), naming the items of all its sections, riskiest section first."""
    law = law_for(requester)
    by_company: dict[str, tuple[Contact, list[str]]] = {}
    for key in open_lines:
        company = company_for_platform(key, requester.country)
        if company is not None:
            by_company.setdefault(company.slug, (company, []))[1].append(key)
    letters: dict[str, LetterSpec] = {}
    for slug, (company, keys) in by_company.items():
        lines = tuple(line for key in keys for line in open_lines[key])
        titles = [section_title(key) for key in keys]
        subject = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
        spec = LetterSpec(f"{keys[0] if len(keys) == 1 else slug}-{law.key}", keys[0], company, law, lines,
                          subject)
        letters.update((key, spec) for key in keys)
    return letters


def request_line(letter: LetterSpec, sent: TrackedRequest | None, requester: Requester,
                 today: date) -> RequestLine:
    if sent is None:
        return RequestLine(letter, None, "not sent", None, None, None)
    now = progress(sent, today)
    authority = None
    if now.next_step == "complaint":
        chosen = competent_authorities(requester.country, requester.region, letter.recipient)
        target = chosen.own or chosen.lead
        authority = target.name if target is not None and letter.law.key == "gdpr" else \
            "the California Privacy Protection Agency"
    return RequestLine(letter, sent, now.state, now.due, now.next_step, authority)


def _signals_for(key: str, signals: Mapping[str, SourceSignals]) -> SourceSignals | None:
    return signals.get(key) or signals.get(f"www.{key}")


def build_plan(findings: Iterable[StoredFinding], signals: Mapping[str, SourceSignals],
               marks: Mapping[str, ItemMark], requests: Iterable[TrackedRequest], requester: Requester,
               today: date) -> Plan:
    """The plan from stored findings (riskiest first, as Store.findings yields them)."""
    sections: dict[str, dict[str, _Document]] = {}
    web_keys: set[str] = set()
    for found in findings:
        if found.status not in PLANNED_STATUSES:
            continue
        key = section_key(found.source, found.document_id)
        if found.source == "web":
            web_keys.add(key)
        documents = sections.setdefault(key, {})
        document = documents.setdefault(found.document_id, _Document(found, found.risk))
        document.entities.add(found.entity)
        document.findings += 1
        document.fixed += found.status == "fixed"
    sent = {request.letter: request for request in requests}
    ranked = sorted(sections.items(), key=lambda entry: (-max(d.risk for d in entry[1].values()), entry[0]))
    listed = {key: sorted((doc for doc in documents.values() if doc.risk >= MIN_LEVEL.floor),
                          key=lambda doc: (-doc.risk, doc.first.document_id)) for key, documents in ranked}
    items = {key: tuple(_item(doc, marks.get(doc.first.document_id)) for doc in docs)
             for key, docs in listed.items()}
    open_lines = {key: lines for key, lines in (
        (key, tuple(item.letter_line for item in section if not item.state.startswith("done")))
        for key, section in items.items()) if lines}
    platform_letters = _platform_letters(open_lines, requester)
    built = []
    for key, documents in ranked:
        title = section_title(key)
        site_signals = _signals_for(key, signals)
        site = site_signals if site_signals is not None and site_signals.platform is None else None
        letters = [platform_letters[key]] if key in platform_letters else []
        if site is not None and key in open_lines:
            letters += _crawler_letters(key, open_lines[key], site.training_crawlers_allowed, requester)
        risk = max(doc.risk for doc in documents.values())
        blocks = site_blocks(site) if site is not None else ()
        built.append(Section(
            key, title, round(risk, 1), level_of(risk).value, items[key][:ITEMS_PER_SECTION],
            max(0, len(items[key]) - ITEMS_PER_SECTION), len(documents) - len(listed[key]),
            opt_out_row(key, title, bool(letters), requester.us_resident, key in web_keys, bool(blocks)),
            tuple(request_line(letter, sent.get(letter.id), requester, today) for letter in letters),
            blocks))
    return Plan(today, tuple(built), law_for(requester).title)
