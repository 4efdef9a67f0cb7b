"""AI-training signals: robots.txt AI groups, noai, TDMRep, ai.txt, platform policy, Common Crawl, corpora."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scanner.config import Settings
from scanner.crawl.commoncrawl import common_crawl_captures, with_common_crawl
from scanner.crawl.corpora import corpus_counts, sentence_around
from scanner.crawl.fetch import Fetcher
from scanner.crawl.signals import PageObservations, ai_crawlers, site_signals
from scanner.models import Document, DocumentKind
from scanner.policies import platform_policies, policy_for, policy_signals

ROBOTS = "User-agent: GPTBot\nDisallow: /\n\nUser-agent: CCBot\nUser-agent: Google-Extended\nDisallow: /\n"


def _document(url: str, **metadata: str) -> Document:
    return Document(id=url, text="x", source="web", kind=DocumentKind.PAGE, url=url, metadata=metadata)


def test_robots_ai_groups_tdmrep_and_ai_txt(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS)
    httpserver.expect_request("/.well-known/tdmrep.json").respond_with_json(
        [
            {"location": "/blog/*", "tdm-reservation": 1, "tdm-policy": "https://e.example/policy.json"},
            {"location": "/*", "tdm-reservation": 0},
        ]
    )
    httpserver.expect_request("/ai.txt").respond_with_data(
        "User-Agent: *\nDisallow: /\n", content_type="text/plain"
    )
    signals = site_signals(httpserver.url_for("/blog/post"), fetcher, None, PageObservations())
    assert signals.key == "localhost"
    assert signals.robots_checked
    assert {"GPTBot", "CCBot", "Google-Extended"} == set(signals.training_crawlers_blocked)
    assert {"ClaudeBot", "Bytespider", "Meta-ExternalAgent", "Applebot-Extended"} <= set(
        signals.training_crawlers_allowed
    )
    assert "PerplexityBot" not in signals.training_crawlers_allowed
    assert signals.tdm_reserved
    assert signals.ai_txt_disallows is True
    assert any("policy https://e.example/policy.json" in note for note in signals.notes)
    assert any(note.startswith("robots.txt blocks 3 of") for note in signals.notes)


def test_tdmrep_outside_the_reserved_location(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/.well-known/tdmrep.json").respond_with_json(
        [{"location": "/blog/*", "tdm-reservation": 1}]
    )
    httpserver.expect_request("/ai.txt").respond_with_data("<html>soft 404</html>", content_type="text/html")
    signals = site_signals(httpserver.url_for("/about"), fetcher, None, PageObservations())
    assert not signals.tdm_reserved
    assert signals.ai_txt_disallows is None
    assert signals.training_crawlers_blocked == ()
    assert "no robots.txt: every AI crawler may fetch the site" in signals.notes


def test_noai_meta_and_x_robots_tag_from_the_pages(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    for path in ("/robots.txt", "/.well-known/tdmrep.json", "/ai.txt"):
        httpserver.expect_request(path).respond_with_data("", status=404)
    observed = PageObservations()
    url = httpserver.url_for("/")
    items = observed.watch(
        iter(
            [
                _document(url, robots_meta="index,follow"),
                _document(url + "a", **{"x-robots-tag": "otherbot: noimageai"}),
                _document(url + "b", **{"tdm-reservation": "1"}),
            ]
        )
    )
    assert len(list(items)) == 3
    signals = site_signals(url, fetcher, None, observed)
    assert signals.noai
    assert signals.tdm_reserved
    assert any("noimageai" in note for note in signals.notes)


def test_no_page_tags_means_no_noai(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    for path in ("/robots.txt", "/.well-known/tdmrep.json", "/ai.txt"):
        httpserver.expect_request(path).respond_with_data("", status=404)
    observed = PageObservations()
    observed.see(_document(httpserver.url_for("/"), robots_meta="noindex"))
    assert not site_signals(httpserver.url_for("/"), fetcher, None, observed).noai


def test_a_site_that_is_down_costs_one_attempt(fetcher: Fetcher, closed_port: int) -> None:
    signals = site_signals(f"http://127.0.0.1:{closed_port}/", fetcher, None, PageObservations())
    assert not signals.robots_checked
    assert signals.ai_txt_disallows is None
    assert signals.notes[0].startswith("robots.txt could not be read (cannot connect")


def test_blocked_platform_uses_its_policy_and_sends_nothing(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    signals = site_signals(
        "https://www.linkedin.com/in/jo", fetcher, None, PageObservations(), fetch_site_files=False
    )
    assert signals.platform == "linkedin"
    assert signals.platform_trains_by_default is True
    assert signals.opt_out_url and "linkedin.com" in signals.opt_out_url
    assert not signals.robots_checked
    assert any("as of 20" in note for note in signals.notes)
    assert httpserver.log == []


def test_platform_policies_cover_the_platforms_and_hosts() -> None:
    policies = platform_policies()
    for name in (
        "linkedin",
        "twitter",
        "facebook",
        "instagram",
        "threads",
        "reddit",
        "snapchat",
        "tumblr",
        "quora",
        "medium",
        "stackoverflow",
        "github",
        "mastodon",
        "bluesky",
    ):
        policy = policies[name]
        assert policy.opt_out_steps and policy.as_of
    assert policy_for("old.reddit.com") is policies["reddit"]
    assert policy_for("x.com") is policies["twitter"]
    assert policy_for("mastodon") is policies["mastodon"]
    assert policy_for("jo.example") is None


def test_ai_crawler_data_covers_ai_robots_txt(shared: Path) -> None:
    source = json.loads((shared / "fixtures/ai_robots/robots.json").read_text(encoding="utf-8"))
    crawlers = {crawler.agent: crawler for crawler in ai_crawlers()}
    assert set(crawlers) == set(source)
    assert all(
        crawler.purpose in {"training", "search", "assistant", "other"} for crawler in crawlers.values()
    )
    for agent in (
        "GPTBot",
        "ClaudeBot",
        "CCBot",
        "Google-Extended",
        "Applebot-Extended",
        "Meta-ExternalAgent",
        "Bytespider",
        "Amazonbot",
    ):
        assert crawlers[agent].purpose == "training", agent
    assert crawlers["PerplexityBot"].purpose == "search"
    assert crawlers["ChatGPT-User"].purpose == "assistant"


def test_common_crawl_counts_captures_and_no_captures(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    api = httpserver.url_for("")
    httpserver.expect_request("/collinfo.json").respond_with_json(
        [
            {"id": "CC-MAIN-2026-40", "cdx-api": f"{api}/CC-MAIN-2026-40-index"},
            {"id": "CC-MAIN-2026-30", "cdx-api": f"{api}/CC-MAIN-2026-30-index"},
        ]
    )
    httpserver.expect_request(
        "/CC-MAIN-2026-40-index", query_string={"url": "https://jo.example/", "output": "json"}
    ).respond_with_json({"message": "No Captures found for: https://jo.example/"}, status=404)
    httpserver.expect_request("/CC-MAIN-2026-30-index").respond_with_data(
        '{"urlkey": "example,jo)/", "timestamp": "20260701"}\n'
        '{"urlkey": "example,jo)/", "timestamp": "20260702"}\n',
        content_type="text/x-ndjson",
    )
    local = dataclasses.replace(settings, common_crawl_index_url=api)
    result = common_crawl_captures("https://jo.example/", fetcher, local)
    assert (result.captures, result.latest) == (2, "CC-MAIN-2026-30")
    site = site_signals(
        "https://www.linkedin.com/in/jo", fetcher, None, PageObservations(), fetch_site_files=False
    )
    merged = with_common_crawl(site, result)
    assert merged.common_crawl_captures == 2 and merged.last_captured == "CC-MAIN-2026-30"


def test_common_crawl_no_captures_anywhere(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    api = httpserver.url_for("")
    httpserver.expect_request("/collinfo.json").respond_with_json([{"id": "CC-1", "cdx-api": f"{api}/cc1"}])
    httpserver.expect_request("/cc1").respond_with_json({"message": "No Captures found"}, status=404)
    result = common_crawl_captures(
        "https://jo.example/", fetcher, dataclasses.replace(settings, common_crawl_index_url=api)
    )
    assert (result.captures, result.latest) == (0, None)
    assert "not in Common Crawl" in result.note


def test_common_crawl_unreachable_is_a_note(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    httpserver.expect_request("/collinfo.json").respond_with_data("", status=404)
    result = common_crawl_captures(
        "https://jo.example/",
        fetcher,
        dataclasses.replace(settings, common_crawl_index_url=httpserver.url_for("")),
    )
    assert result.captures is None
    assert "not reachable" in result.note


def test_infini_gram_counts(httpserver: HTTPServer, fetcher: Fetcher, settings: Settings) -> None:
    queries: list[dict[str, object]] = []

    def count(request: Request) -> Response:
        body = json.loads(request.data)
        queries.append(body)
        if body["index"] == "v4_piletrain_llama":
            return Response(json.dumps({"error": "index busy"}), content_type="application/json")
        return Response(json.dumps({"count": 3, "approx": False}), content_type="application/json")

    httpserver.expect_request("/", method="POST").respond_with_handler(count)
    local = dataclasses.replace(settings, infini_gram_api_url=httpserver.url_for("/"))
    counts = corpus_counts("I was diagnosed with diabetes in 2019.", fetcher, local)
    assert [(c.index, c.count) for c in counts] == [("v4_dolma-v1_7_llama", 3), ("v4_piletrain_llama", None)]
    assert counts[1].error == "index busy"
    assert queries[0] == {
        "index": "v4_dolma-v1_7_llama",
        "query_type": "count",
        "query": "I was diagnosed with diabetes in 2019.",
    }


def test_sentence_around_a_finding() -> None:
    text = "Hello there. I was diagnosed with diabetes in 2019. Anyway, the garden is fine."
    start = text.index("diabetes")
    assert sentence_around(text, start, start + 8) == "I was diagnosed with diabetes in 2019."
    long_text = "word " * 200 + "SECRET" + " word" * 200
    sentence = sentence_around(long_text, long_text.index("SECRET"), long_text.index("SECRET") + 6)
    assert "SECRET" in sentence and len(sentence) <= 300


def test_policy_signals_for_archives_and_unknown_sources() -> None:
    reddit = policy_signals("reddit")
    assert (reddit.key, reddit.platform, reddit.platform_trains_by_default) == ("reddit", "reddit", True)
    assert reddit.notes[0].startswith("reddit trains AI on public content by default (as of ")
    instance = policy_signals("social.example", "mastodon")
    assert (instance.key, instance.platform, instance.platform_trains_by_default) == (
        "social.example",
        "mastodon",
        False,
    )
    assert policy_signals("jo.example") == policy_signals("jo.example", None)
    assert policy_signals("jo.example").notes == ()
