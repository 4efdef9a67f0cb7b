"""robots.txt: whether we may crawl a page, and what a site tells AI crawlers.

Our own crawling follows RFC 9309 through protego: a missing robots.txt (4xx) allows everything, an
unreachable one (5xx, network failure) allows nothing, Crawl-delay lengthens the gap between our
requests. The person's own site can be exempted (`--own-site HOST`): it is theirs to audit.

For the AI-training signals a group is chosen per AI agent by whole product token ('GPTBot' is not
matched by a 'GPT' group, nor 'Applebot-Extended' by 'Applebot'), falling back to the '*' group, and
the chosen rules are evaluated by protego. One fetch per origin per run.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
from protego import Protego

from scanner.errors import AddressRefused, FetchError, RobotsDenied

if TYPE_CHECKING:
    from scanner.crawl.fetch import Fetcher

ROBOTS_MAX_BYTES = 512_000
"""RFC 9309 asks parsers to read at least 500 KiB."""
MAX_CRAWL_DELAY = 30.0
"""A Crawl-delay longer than this is honoured as this (a scan of a few pages should still finish)."""
_GROUP_FIELDS = {"user-agent", "useragent", "user agent"}
_RULE_FIELDS = {"allow", "disallow"}


def origin_of(url: str) -> str:
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.scheme}://{parsed.host}{port}"


def robots_groups(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(user-agent tokens lower-cased, allow/disallow lines) per group, in file order."""
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    agents: list[str] = []
    rules: list[str] = []
    for raw in text.splitlines():
        name, colon, value = raw.split("#", 1)[0].partition(":")
        if not colon:
            continue
        name, value = name.strip().lower(), value.strip()
        if name in _GROUP_FIELDS:
            if rules:
                groups.append((tuple(agents), tuple(rules)))
                agents, rules = [], []
            agents.append(value.lower())
        elif name in _RULE_FIELDS and agents:
            rules.append(f"{name}: {value}")
    if agents:
        groups.append((tuple(agents), tuple(rules)))
    return groups


def _token(agent_line: str) -> str:
    """The product token of a User-agent line: 'GPTBot/1.1' -> 'gptbot'."""
    return agent_line.split("/")[0].strip().lower()


@dataclass(frozen=True)
class RobotsFile:
    """One origin's robots.txt as fetched (or the fact that there was none or it was unreachable)."""

    origin: str
    text: str = ""
    found: bool = False
    """A robots.txt was served (2xx)."""
    unreachable: str | None = None
    """Why it could not be read (5xx, network); then nothing may be crawled (RFC 9309)."""
    site_down: bool = False
    """The host did not answer at all (DNS, TLS, refused, timeout): the site, not its robots.txt, failed."""
    refused: bool = False
    """The address policy forbids the host (scanner.crawl.addresses): nothing there is fetched."""
    _parser: Protego = field(init=False, repr=False, compare=False)
    _groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_parser", Protego.parse(self.text))
        object.__setattr__(self, "_groups", robots_groups(self.text))

    def allows(self, url: str, user_agent: str) -> bool:
        """May `user_agent` (our own product token) fetch this URL?"""
        if self.unreachable:
            return False
        return bool(self._parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        delay = self._parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None

    def names_agent(self, agent: str) -> bool:
        """A group names this agent explicitly (not only through '*')."""
        token = agent.lower()
        return any(_token(line) == token for agents, _rules in self._groups for line in agents)

    def agent_allowed(self, agent: str, url: str) -> bool:
        """Would robots.txt let this AI agent fetch `url`? Whole-token group match, else '*'."""
        token = agent.lower()
        rules = [rule for agents, group_rules in self._groups if any(_token(a) == token for a in agents)
                 for rule in group_rules]
        if not rules and not self.names_agent(agent):
            rules = [rule for agents, group_rules in self._groups if "*" in agents for rule in group_rules]
        if not rules:
            return True
        return bool(Protego.parse("User-agent: agent\n" + "\n".join(rules)).can_fetch(url, "agent"))


class RobotsCache:
    """robots.txt per origin, fetched once per run through the fetcher (and its conditional cache)."""

    def __init__(self, fetcher: Fetcher, user_agent: str, ignore_hosts: Collection[str] = ()) -> None:
        self.fetcher = fetcher
        self.token = user_agent.split("/")[0].strip() or user_agent
        self.ignore_hosts = {host.lower() for host in ignore_hosts}
        self._files: dict[str, RobotsFile] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def ignored(self, url: str) -> bool:
        parsed = httpx.URL(url)
        netloc = f"{parsed.host}:{parsed.port}" if parsed.port else parsed.host
        return parsed.host.lower() in self.ignore_hosts or netloc.lower() in self.ignore_hosts

    def file_for(self, url: str) -> RobotsFile:
        """The robots.txt governing `url`, fetched on first use."""
        origin = origin_of(url)
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._files:
                self._files[origin] = self._fetch(origin)
            return self._files[origin]

    def _fetch(self, origin: str) -> RobotsFile:
        try:
            response = self.fetcher.get(f"{origin}/robots.txt", robots=False,
                                        allow_status=range(400, 500), max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as error:
            refused = isinstance(error, AddressRefused)
            down = refused or isinstance(error.__cause__, httpx.TransportError)
            reason = str(error).removeprefix(f"{origin}/robots.txt: ")
            return RobotsFile(origin, unreachable=reason, site_down=down, refused=refused)
        if response.status >= 400 or response.looks_binary():
            return RobotsFile(origin)
        robots = RobotsFile(origin, response.text(), found=True)
        delay = robots.crawl_delay(self.token)
        if delay:
            self.fetcher.limiter.set_host_delay(httpx.URL(origin).host, min(delay, MAX_CRAWL_DELAY))
        return robots

    def check(self, url: str) -> None:
        """Raise RobotsDenied when robots.txt forbids us this URL (unless the host is exempted)."""
        if self.ignored(url):
            return
        robots = self.file_for(url)
        if robots.allows(url, self.token):
            return
        host = httpx.URL(url).host
        if robots.site_down:
            raise (AddressRefused if robots.refused else FetchError)(f"{url}: {robots.unreachable}")
        if robots.unreachable:
            raise RobotsDenied(f"{url}: robots.txt of {host} could not be read, so not crawling "
                               f"({robots.unreachable}); add --own-site {host} if this is your site")
        raise RobotsDenied(f"{url}: robots.txt of {host} disallows it for {self.token}; "
                           f"add --own-site {host} if this is your site")
