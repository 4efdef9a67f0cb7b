"""What to add to a site of your own so AI training crawlers and dataset builders are told no.

Each block is offered only where the scan found it missing: robots.txt lines for the training
crawlers the site still lets in (from scanner/data/ai_crawlers.tsv, grouped by operator; search
crawlers are listed commented out, to be refused only if the person chooses to disappear from AI
search answers too), the noai robots meta tag and X-Robots-Tag header, a TDMRep /.well-known/tdmrep.json
and an /ai.txt. Each says what it does and what it does not stop. The report's advice (issue 13) calls
`site_blocks` rather than writing its own snippets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from scanner.crawl.signals import AiCrawler, ai_crawlers
from scanner.models import SourceSignals

UNKNOWN_OPERATOR = "operator not named"


@dataclass(frozen=True, slots=True)
class SiteBlock:
    """One thing to put on the site: where it goes, its text, and what it does and does not do."""

    name: str
    """robots.txt, noai meta tag, X-Robots-Tag header, tdmrep.json, ai.txt."""
    where: str
    """The path or place on the site."""
    content: str
    does: str
    does_not: str
    """A phrase to follow 'Does not:'."""


def _operator(crawler: AiCrawler) -> str:
    """A short operator name: ai_crawlers.tsv's operator column sometimes holds a sentence or a URL."""
    name = crawler.operator.strip()
    if not name or len(name) > 40 or name.startswith("http"):
        return UNKNOWN_OPERATOR
    return name


def _grouped(crawlers: Iterable[AiCrawler]) -> list[str]:
    """robots.txt groups, one per operator (named ones first, alphabetically), each ending 'Disallow: /'."""
    ordered = sorted(crawlers, key=lambda c: (_operator(c) == UNKNOWN_OPERATOR, _operator(c).lower(),
                                              c.agent.lower()))
    groups = []
    for operator, members in groupby(ordered, key=_operator):
        agents = "".join(f"User-agent: {crawler.agent}\n" for crawler in members)
        groups.append(f"# {operator}\n{agents}Disallow: /\n")
    return groups


def known_crawlers() -> dict[str, AiCrawler]:
    """Each agent once, by its lower-case name (robots.txt matches names without case); where the list
    spells one agent twice, the entry naming its operator wins."""
    known: dict[str, AiCrawler] = {}
    for crawler in ai_crawlers():
        kept = known.get(crawler.agent.lower())
        if kept is None or (not kept.operator and crawler.operator):
            known[crawler.agent.lower()] = crawler
    return known


def robots_block(signals: SourceSignals) -> str | None:
    """robots.txt lines refusing every training crawler the site does not already refuse; None if none."""
    blocked = {agent.lower() for agent in signals.training_crawlers_blocked}
    crawlers = [c for name, c in known_crawlers().items() if name not in blocked]
    training = [c for c in crawlers if c.purpose == "training"]
    if not training:
        return None
    search = [c for c in crawlers if c.purpose == "search"]
    lines = ["# AI training crawlers, by operator (from exposure's ai_crawlers.tsv)", *_grouped(training)]
    if search:
        optional = "".join(f"{line}\n" if line.startswith("#") else f"# {line}\n"
                           for group in _grouped(search) for line in group.splitlines())
        lines.append("# AI search crawlers: uncomment to leave AI search answers too (your choice)\n"
                     + optional)
    return "\n".join(lines)


def tdmrep_json(policy_url: str | None = None) -> str:
    """A TDMRep file reserving text-and-data-mining rights for the whole site (W3C TDMRep, 2024)."""
    entry: dict[str, object] = {"location": "/*", "tdm-reservation": 1}
    if policy_url:
        entry["tdm-policy"] = policy_url
    return json.dumps([entry], indent=2) + "\n"


AI_TXT = """# ai.txt: no use of this site's content for AI or machine-learning training
User-Agent: *
Disallow: /
"""
NOAI_META = '<meta name="robots" content="noai, noimageai">'
NOAI_HEADER = "X-Robots-Tag: noai, noimageai"


def site_blocks(signals: SourceSignals) -> tuple[SiteBlock, ...]:
    """The blocks this site lacks, in the order they matter most."""
    blocks = []
    robots = robots_block(signals) if signals.robots_checked else None
    if robots is not None:
        blocks.append(SiteBlock(
            "robots.txt", "/robots.txt (add these groups)", robots,
            "Asks the listed crawlers, by name, not to fetch any page from now on; the big operators "
            "(OpenAI, Anthropic, Google, Meta, Apple, Amazon, Common Crawl) say they obey it.",
            "remove pages already collected or untrain models, bind anybody by law, or stop crawlers that "
            "ignore robots.txt or are not on the list."))
    if not signals.noai:
        blocks.append(SiteBlock(
            "noai meta tag and X-Robots-Tag header", "<head> of every page; the web server's headers",
            f"{NOAI_META}\n{NOAI_HEADER}",
            "States on each page (or each response, images and PDFs included) that it may not be used "
            "for AI training; some dataset tools (img2dataset) and image hosts honour it.",
            "bind the large crawlers, most of which do not read it (a convention, not a standard), or reach "
            "copies already taken."))
    if not signals.tdm_reserved:
        blocks.append(SiteBlock(
            "tdmrep.json", "/.well-known/tdmrep.json", tdmrep_json(),
            "Reserves your text-and-data-mining rights in a machine-readable way, the opt-out the EU "
            "copyright directive (Art. 4(3) DSM Directive) and the AI Act's code of practice refer to.",
            "reach mining done before it was published, or carry the same legal weight outside the EU; "
            "nothing already collected is removed."))
    if signals.ai_txt_disallows is not True:
        blocks.append(SiteBlock(
            "ai.txt", "/ai.txt", AI_TXT,
            "Tells AI dataset builders that read ai.txt (Spawning's convention) to leave the site's "
            "content out of training sets.",
            "bind anybody (few crawlers read it; it is a request, not a rule) or reach past copies."))
    return tuple(blocks)
