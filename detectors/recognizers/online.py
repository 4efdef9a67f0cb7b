"""Handles and profile addresses: the keys that link a person's accounts across platforms.

Finds @handles (and Mastodon/fediverse @user@host), Reddit's u/name and /u/name, and profile URLs of
well-known platforms (twitter.com/x.com, instagram.com, github.com, reddit.com/user, bsky.app/profile,
tiktok.com/@, linkedin.com/in, youtube.com/@, ...). The lookbehind keeps email addresses out (their
@ follows a letter), and a platform's own pages ("twitter.com/search", "github.com/features") are no one's
profile.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from detectors.recognizers.base import ContextualRecognizer

_PROFILE_SITES = (
    r"(?:twitter\.com|x\.com|instagram\.com|github\.com|gitlab\.com|facebook\.com|fb\.com|threads\.net|"
    r"twitch\.tv|pinterest\.com|keybase\.io|soundcloud\.com|medium\.com|tiktok\.com|youtube\.com|"
    r"linkedin\.com/in|reddit\.com/(?:u|user)|bsky\.app/profile)"
)
NOT_PROFILES = frozenset(
    {
        "home", "search", "explore", "i", "intent", "share", "hashtag", "settings", "login", "signup",
        "about",
        "features", "pricing", "topics", "trending", "p", "reel", "reels", "stories", "watch", "results",
        "events", "groups", "pages", "marketplace", "notifications", "messages", "orgs", "sponsors",
        "help", "privacy", "terms", "tos", "policies", "legal", "jobs", "blog", "docs",
        "enterprise", "team", "site", "download", "apps", "embed", "status", "statuses", "tag", "tags",
        "channel", "c", "user", "playlist", "shorts", "feed", "compose", "contact",
    }
)
_SEGMENT = re.compile(r"/(?:@)?([A-Za-z0-9_.-]+)")
_MIN_LETTERS = re.compile(r"[A-Za-z]")


class UsernameRecognizer(ContextualRecognizer):
    ENTITY = "USERNAME"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "@handle",
            r"(?<![\w.@/+-])@(?=[0-9_]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?"
            r"(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})?(?![\w@]|\.\w)",
            0.6,
        ),
        Pattern("reddit u/name", r"(?<![\w/])/?u/[A-Za-z0-9_-]{3,20}(?![\w/-])", 0.7),
        Pattern(
            "profile URL",
            rf"(?<![\w.-])(?:https?://)?(?:www\.|mobile\.|m\.)?{_PROFILE_SITES}/(?:@|user/|c/)?[A-Za-z0-9_.-]+"
            r"(?<![.-])",
            0.7,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["follow", "handle", "username", "user", "account", "profile", "dm"]
    REASON = "username or profile"
    GATE = re.compile(r"@|u/|\.(?:com|app|tv|io|net)/", re.IGNORECASE)

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        matched = text[result.start : result.end]
        pattern = result.analysis_explanation.pattern_name if result.analysis_explanation else ""
        if pattern == "profile URL":
            segment = _profile_segment(matched)
            if segment is None or segment.lower() in NOT_PROFILES or not _MIN_LETTERS.search(segment):
                return None
        return result


def _profile_segment(url: str) -> str | None:
    """The account part of a profile URL: the path segment after the site (and after /in, /user...)."""
    site = re.search(_PROFILE_SITES, url, re.IGNORECASE)
    if site is None:
        return None
    segments = _SEGMENT.findall(url[site.end() :])
    while segments and segments[0].lower() in {"user", "c"} and len(segments) > 1:
        segments = segments[1:]
    return segments[0] if segments else None
