"""robots.txt: our own crawling (RFC 9309 through protego) and the per-agent verdicts for AI crawlers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.fetch import Fetcher
from scanner.crawl.robots import RobotsFile, robots_groups
from scanner.errors import FetchError, RobotsDenied

ROBOTS = """\
User-agent: GPTBot
User-agent: CCBot
Disallow: /

User-agent: Applebot
Disallow: /private/

User-agent: Google-Extended
Allow: /blog/
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/ok.html
"""


def test_groups_are_read_in_order() -> None:
    groups = robots_groups(ROBOTS)
    assert groups[0] == (("gptbot", "ccbot"), ("disallow: /",))
    assert groups[-1][0] == ("*",)


@pytest.mark.parametrize(
    ("agent", "path", "allowed"),
    [
        ("GPTBot", "/", False),
        ("CCBot", "/blog/post", False),
        ("gptbot", "/", False),
        ("Applebot", "/private/x", False),
        ("Applebot", "/", True),
        ("Applebot-Extended", "/private/x", False),
        ("Applebot-Extended", "/private/ok.html", True),
        ("Google-Extended", "/blog/post", True),
        ("Google-Extended", "/about", False),
        ("ClaudeBot", "/", True),
        ("ClaudeBot", "/private/secret", False),
    ],
)
def test_agent_verdicts_match_whole_tokens(agent: str, path: str, allowed: bool) -> None:
    robots = RobotsFile("https://example.com", ROBOTS, found=True)
    assert robots.agent_allowed(agent, f"https://example.com{path}") is allowed


def test_versioned_agent_lines_match_their_token() -> None:
    robots = RobotsFile("https://e.com", "User-agent: GPTBot/1.1\nDisallow: /\n", found=True)
    assert not robots.agent_allowed("GPTBot", "https://e.com/")
    assert robots.agent_allowed("GPT", "https://e.com/")


def test_no_robots_allows_everyone() -> None:
    assert RobotsFile("https://e.com").agent_allowed("GPTBot", "https://e.com/")


def _robots_site(httpserver: HTTPServer, body: str | None, status: int = 200) -> None:
    if body is None:
        httpserver.expect_request("/robots.txt").respond_with_data("", status=status)
    else:
        httpserver.expect_request("/robots.txt").respond_with_data(body, content_type="text/plain")
    httpserver.expect_request("/private/page").respond_with_data("<p>secret</p>", content_type="text/html")
    httpserver.expect_request("/public").respond_with_data("<p>hello</p>", content_type="text/html")


def test_disallowed_page_is_refused(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    _robots_site(httpserver, "User-agent: *\nDisallow: /private/\n")
    assert fetcher.get(httpserver.url_for("/public")).status == 200
    with pytest.raises(RobotsDenied, match=r"disallows it.*--own-site"):
        fetcher.get(httpserver.url_for("/private/page"))


def test_own_site_overrides_robots(
    httpserver: HTTPServer, settings: Settings, cache: ConditionalCache
) -> None:
    _robots_site(httpserver, "User-agent: *\nDisallow: /\n")
    with Fetcher(settings, cache, ignore_robots_for=[httpserver.host]) as fetcher:
        assert fetcher.get(httpserver.url_for("/private/page")).text() == "<p>secret</p>"


def test_missing_robots_allows(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    _robots_site(httpserver, None, status=404)
    assert fetcher.get(httpserver.url_for("/private/page")).status == 200


def test_unreachable_robots_disallows(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    _robots_site(httpserver, None, status=503)
    with pytest.raises(RobotsDenied, match="could not be read"):
        fetcher.get(httpserver.url_for("/public"))


def test_a_site_that_is_down_is_named_as_such(fetcher: Fetcher, closed_port: int) -> None:
    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1") as caught:
        fetcher.get(f"http://127.0.0.1:{closed_port}/page")
    assert not isinstance(caught.value, RobotsDenied)
    assert "robots" not in str(caught.value)


def test_robots_is_fetched_once_per_origin(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    _robots_site(httpserver, "User-agent: *\nAllow: /\n")
    for _ in range(3):
        fetcher.get(httpserver.url_for("/public"), cache=False)
    robots_requests = [request for request, _ in httpserver.log if request.path == "/robots.txt"]
    assert len(robots_requests) == 1


def test_crawl_delay_lengthens_the_gap(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    _robots_site(httpserver, "User-agent: *\nCrawl-delay: 7\n")
    fetcher.robots.file_for(httpserver.url_for("/public"))
    assert fetcher.limiter._host_delay[httpserver.host] == 7.0


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("UuSsEeRr-AaGgNnTt:*/$#\n DdIiLlOoWw?=")) | st.characters(),
        max_size=300,
    )
)
def test_any_robots_text_gives_verdicts_without_raising(text: str) -> None:
    robots = RobotsFile("https://e.com", text, found=True)
    for agent in ("GPTBot", "*", "Applebot-Extended"):
        assert isinstance(robots.agent_allowed(agent, "https://e.com/a/b?c"), bool)
    assert isinstance(robots.allows("https://e.com/x", "exposure-scanner"), bool)
