"""Handles and profile URLs (detectors/recognizers/online.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.recognizers.online import UsernameRecognizer

RECOGNIZER = UsernameRecognizer()


def found(text: str) -> list[str]:
    return sorted(text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["USERNAME"], None))


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("follow @jane_doe for more", ["@jane_doe"]),
        ("thanks @alice@mastodon.social!", ["@alice@mastodon.social"]),
        ("u/spez and /u/kn0thing", ["/u/kn0thing", "u/spez"]),
        ("https://twitter.com/jack", ["https://twitter.com/jack"]),
        ("see x.com/jane_doe/status/1", ["x.com/jane_doe"]),
        ("bsky.app/profile/jay.bsky.team", ["bsky.app/profile/jay.bsky.team"]),
        ("linkedin.com/in/jane-doe", ["linkedin.com/in/jane-doe"]),
        ("github.com/octocat.", ["github.com/octocat"]),
        ("https://www.instagram.com/jane.doe", ["https://www.instagram.com/jane.doe"]),
        ("https://www.reddit.com/user/spez", ["https://www.reddit.com/user/spez"]),
    ],
)
def test_finds_handles_and_profiles(text: str, handles: list[str]) -> None:
    assert found(text) == handles


@pytest.mark.parametrize(
    "text",
    [
        "mail bob@example.com",
        "github.com/features",
        "twitter.com/search",
        "instagram.com/p/abc123",
        "meet @ 5pm",
        "@123",
        "email jane.doe@uni.edu.au today",
    ],
)
def test_leaves_emails_and_platform_pages(text: str) -> None:
    assert found(text) == []


def test_megabyte_of_at_signs_then_a_handle() -> None:
    text = "a@b @ @@ u/ x.com/ " * 55_000 + " follow @jane_doe"
    assert found(text) == ["@jane_doe"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abc_.-@/u:xcomtwier", max_size=200) | st.text(max_size=200))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for result in RECOGNIZER.analyze(text, ["USERNAME"], None):
        assert 0 <= result.start < result.end <= len(text)


def test_engine_keeps_email_and_handle_apart(engine: DetectionEngine) -> None:
    text = "Write to jane.doe@example.com or ping @quietfox on Mastodon."
    entities = {(s.entity, text[s.start : s.end]) for s in engine.analyze(text)}
    assert ("EMAIL_ADDRESS", "jane.doe@example.com") in entities
    assert ("USERNAME", "@quietfox") in entities  # a name-like handle would be PERSON (handles.py)
    assert not any(entity == "USERNAME" and "example" in value for entity, value in entities)
