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
    if signals.platform is None:
        actions.extend(own_site_advice(signals))
    if signals.common_crawl_captures:
        actions.append(f"Common Crawl already holds {signals.common_crawl_captures} capture(s): past copies "
                       "stay; removing it now keeps it out of future crawls")
    return tuple(actions)


def own_site_advice(signals: SourceSignals) -> list[str]:
    """What a site of the person's own still lacks, and only that: a robots.txt group refusing every AI
    training crawler it lets in (in the order the scan measured them: those that honour robots.txt
    first), and the noai tag unless its pages already carry it."""
    actions = []
    if signals.training_crawlers_allowed:
        group = " / ".join([*(f"User-agent: {agent}" for agent in signals.training_crawlers_allowed),
                            "Disallow: /"])
        count = len(signals.training_crawlers_allowed)
        actions.append(f"If {signals.key} is your site, refuse the {count} AI training crawler(s) its "
                       f"robots.txt lets in: {group}")
    if signals.noai is False:
        actions.append(f'If {signals.key} is your site, add <meta name="robots" content="noai, noimageai"> '
                       "to its pages")
    return actions
