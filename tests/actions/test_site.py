"""Own-site blocks: each only where the scan found it missing, training crawlers by operator."""

from __future__ import annotations

import json

from scanner.actions.site import robots_block, site_blocks
from scanner.models import SourceSignals

OPEN = SourceSignals(key="rowan.example", robots_checked=True, training_crawlers_allowed=("GPTBot",))


def test_an_open_site_gets_every_block() -> None:
    names = [block.name for block in site_blocks(OPEN)]
    assert names == ["robots.txt", "noai meta tag and X-Robots-Tag header", "tdmrep.json", "ai.txt"]
    assert all(block.does and block.does_not for block in site_blocks(OPEN))


def test_present_signals_are_not_offered_again() -> None:
    guarded = SourceSignals(key="rowan.example", robots_checked=True, noai=True, tdm_reserved=True,
                            ai_txt_disallows=True)
    assert [block.name for block in site_blocks(guarded)] == ["robots.txt"]
    unchecked = SourceSignals(key="rowan.example")
    assert "robots.txt" not in [block.name for block in site_blocks(unchecked)]


def test_robots_block_refuses_the_big_training_crawlers_by_operator_and_leaves_search_to_the_person() -> None:
    text = robots_block(OPEN)
    assert text is not None
    groups = text.split("\n\n")
    for agent in ("GPTBot", "ClaudeBot", "Google-Extended", "CCBot", "Applebot-Extended",
                  "meta-externalagent"):
        assert f"\nUser-agent: {agent}\n" in text
    assert "# OpenAI\nUser-agent: GPTBot\n" in text and "# Anthropic\n" in text
    assert text.lower().count("user-agent: meta-externalagent\n") == 1, "one line per agent, any case"
    search = groups[-1]
    assert search.startswith("# AI search crawlers") and "# User-agent: OAI-SearchBot" in search
    assert "\nUser-agent: OAI-SearchBot" not in text, "search crawlers stay the person's choice"


def test_robots_block_leaves_out_what_is_already_refused() -> None:
    partly = SourceSignals(key="x", robots_checked=True, training_crawlers_blocked=("GPTBot", "CCBot"))
    text = robots_block(partly)
    assert text is not None and "GPTBot" not in text and "CCBot" not in text and "ClaudeBot" in text


def test_tdmrep_reserves_the_whole_site() -> None:
    block = next(block for block in site_blocks(OPEN) if block.name == "tdmrep.json")
    assert block.where == "/.well-known/tdmrep.json"
    assert json.loads(block.content) == [{"location": "/*", "tdm-reservation": 1}]
