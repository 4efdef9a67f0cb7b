"""Where a person finds an item again: its permalink, or the path to it in the platform or the export.

Archives often hold no link for a note, a message or a profile field; the plan then names the way to
it as the person would click it, "X ▸ Direct messages ▸ 2026-02-03", with the export locator beside it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scanner.models import DocumentKind

PLATFORM_NAMES = {
    "twitter": "X", "facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn",
    "reddit": "Reddit", "mastodon": "Mastodon", "bluesky": "Bluesky", "google": "Google",
    "youtube": "YouTube", "gmail": "Gmail", "github": "GitHub", "hackernews": "Hacker News",
    "files": "Your files", "web": "Website",
}
KIND_NAMES = {
    DocumentKind.PROFILE: "Profile", DocumentKind.BIO: "Profile ▸ Bio", DocumentKind.POST: "Posts",
    DocumentKind.COMMENT: "Comments", DocumentKind.MESSAGE: "Direct messages", DocumentKind.PAGE: "Pages",
    DocumentKind.NOTE: "Notes", DocumentKind.SEARCH: "Searches", DocumentKind.ACTIVITY: "Activity",
    DocumentKind.LOCATION: "Location history", DocumentKind.ACCOUNT: "Settings ▸ Account",
    DocumentKind.MEDIA: "Media", DocumentKind.FILE: "Files", DocumentKind.OTHER: "Other",
    DocumentKind.INFERENCE: "Ads and inferences about you",
}


def section_key(source: str, locator: str) -> str:
    """A web page belongs to the section of the host it was fetched from (its locator, not the
    canonical link it names); everything else to its platform's."""
    if source == "web":
        return (urlsplit(locator).hostname or source).lower().removeprefix("www.")
    return source


def section_title(key: str) -> str:
    return PLATFORM_NAMES.get(key, key)


def export_path(source: str, kind: DocumentKind, created_at: str | None) -> str:
    """'X ▸ Notes ▸ 2026-02-03': the platform, the kind of item, and its date when known."""
    parts = [PLATFORM_NAMES.get(source, source), KIND_NAMES[kind]]
    if created_at:
        parts.append(created_at[:10])
    return " ▸ ".join(parts)
