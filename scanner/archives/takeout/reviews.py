"""Google Maps reviews (`Maps (your places)/Reviews.json`, a GeoJSON FeatureCollection): public text.

Reviews are published under the person's name, so they are the Takeout part most open to crawlers
and AI training. Two key spellings exist: newer `{date, five_star_rating_published,
review_text_published, google_maps_url, location{name, address}}`, older `{Published, Star Rating,
Review Comment, Google Maps URL, Location{Business Name, Address}}`. The place reviewed is a
business: its name is kept as metadata and its address and coordinates are not reported, since they
are not the reviewer's. Saved places share the file shape but carry no rating and are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import parse_time
from scanner.archives.formats.jsonstream import elements
from scanner.models import Document, DocumentKind, Visibility

SOURCE = "google"
RATING_KEYS = ("five_star_rating_published", "Star Rating")
_TEXT_KEYS = ("review_text_published", "Review Comment", "review_text", "Review Text")
_TIME_KEYS = ("date", "Published", "Updated")


def is_reviews(compact_head: str) -> bool:
    """True when the first bytes of a JSON member (whitespace removed) are a FeatureCollection of reviews."""
    keys = [key.replace(" ", "") for key in RATING_KEYS]
    return '"FeatureCollection"' in compact_head and any(f'"{key}":' in compact_head for key in keys)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[key] for key in keys if record.get(key) not in (None, "")), None)


def review_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for index, (_key, feature) in enumerate(elements(stream, ("features.item",))):
            properties = feature.get("properties") if isinstance(feature, dict) else None
            if not isinstance(properties, dict):
                continue
            text = _first(properties, _TEXT_KEYS)
            if not isinstance(text, str) or not text.strip():
                continue
            raw_place = properties.get("location") or properties.get("Location")
            place = raw_place if isinstance(raw_place, dict) else {}
            name = place.get("name") or place.get("Business Name")
            rating = _first(properties, RATING_KEYS)
            metadata = {"product": "Maps"}
            if isinstance(name, str) and name.strip():
                metadata["place"] = name.strip()
            if isinstance(rating, int | float | str) and str(rating).strip():
                metadata["rating"] = str(rating)
            url = properties.get("google_maps_url") or properties.get("Google Maps URL")
            yield Document(
                id=f"{locator}#{index}",
                text=text.strip(),
                source=SOURCE,
                kind=DocumentKind.COMMENT,
                url=url if isinstance(url, str) and url.startswith("http") else None,
                created_at=parse_time(_first(properties, _TIME_KEYS)),
                visibility=Visibility.PUBLIC,
                metadata=metadata,
            )
