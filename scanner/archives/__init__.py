"""Platform export readers, one module each, registered here: one import and one entry per reader.

Order matters only when two layouts could both match; the generic reader is the fallback in detect.py.
"""

from __future__ import annotations

from scanner.archives.base import ArchiveReader
from scanner.archives.bluesky import BlueskyReader
from scanner.archives.linkedin import LinkedInReader
from scanner.archives.mastodon import MastodonReader
from scanner.archives.meta.facebook import FacebookReader
from scanner.archives.meta.instagram import InstagramReader
from scanner.archives.reddit import RedditReader
from scanner.archives.takeout import TakeoutReader
from scanner.archives.twitter import TwitterReader

READERS: tuple[ArchiveReader, ...] = (
    TwitterReader(),
    BlueskyReader(),
    FacebookReader(),
    InstagramReader(),
    LinkedInReader(),
    RedditReader(),
    MastodonReader(),
    TakeoutReader(),
)
