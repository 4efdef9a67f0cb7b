"""What the person can do about one exposure: edit or delete, change a setting, opt out, block crawlers.

Advice is built from the place (document kind, visibility, link) and the source's SourceSignals: the
platform's opt-out URL when it trains on public posts, robots.txt lines for the AI crawlers a site of
the person's own still lets in, and a note when Common Crawl already holds a copy.
"""

from __future__ import annotations

from scanner.models import DocumentKind, SourceSignals, Visibility

CONTENT_KINDS = frozenset({DocumentKind.POST, DocumentKind.COMMENT, DocumentKind.MEDIA, DocumentKind.NOTE,
                           DocumentKind.ACTIVITY})
PROFILE_KINDS = frozenset({DocumentKind.PROFILE, DocumentKind.BIO, DocumentKind.ACCOUNT})
HIDDEN = frozenset({Visibility.PRIVATE, Visibility.DIRECT, Visibility.FOLLOWERS})
MAX_ROBOTS_AGENTS = 6


def advice(kind: DocumentKind, visibility: Visibility, where: str, source: str,
           signals: SourceSignals | None) -> tuple[str, ...]:
    """Actions, most direct first; `where` is the permalink or else the document locator."""
    actions: list[str] = []
    if source == "files":
        actions.append(f"Remove or redact it in {where}")
    elif visibility in HIDDEN:
        actions.append(f"Not public ({visibility.value}); delete it if you no longer need it: {where}")
    elif kind in PROFILE_KINDS:
        actions.append(f"Edit your {source} profile or account settings to remove it or limit who sees it")
    elif kind in CONTENT_KINDS:
        actions.append(f"Delete or edit the post: {where}")
    else:
        actions.append(f"Edit or take down the page: {where}")
    if signals is None:
        return tuple(actions)
    if signals.opt_out_url and visibility not in HIDDEN:
        trains = " (it trains on public posts by default)" if signals.platform_trains_by_default else ""
        actions.append(f"Opt out of AI training on {signals.platform or signals.key}{trains}: "
                       f"{signals.opt_out_url}")
    if signals.platform is None and signals.training_crawlers_allowed:
        agents = signals.training_crawlers_allowed[:MAX_ROBOTS_AGENTS]
        rules = " ".join(f"User-agent: {agent} / Disallow: /" for agent in agents)
        actions.append(f"If {signals.key} is your site, add to its robots.txt: {rules}; and "
                       '<meta name="robots" content="noai, noimageai">')
    if signals.common_crawl_captures:
        actions.append(f"Common Crawl already holds {signals.common_crawl_captures} capture(s): past copies "
                       "stay; removing it now keeps it out of future crawls")
    return tuple(actions)
