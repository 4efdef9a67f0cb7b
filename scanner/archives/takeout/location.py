"""Location History (raw Records.json and Semantic Location History) and Google Photos sidecars.

Records.json can hold millions of points, mostly the same few places: a point is reported once
per ~100 m cell, at its first time, so the report shows where the person goes rather than every
ping. Coordinates are E7 integers; timestamps are `timestampMs` (old) or ISO `timestamp` (new).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import coordinates, from_epoch, parse_time
from scanner.archives.formats.jsonstream import elements, load_small
from scanner.models import Document, DocumentKind, StructuredValue, Visibility

SOURCE = "google"
CELL_DECIMALS = 3
"""Points closer than ~100 m (three decimals of a degree) count as one place."""
MAX_CELLS = 1_000_000
"""Distinct places remembered for de-duplication; beyond this every point is reported."""


def _e7(record: dict[str, Any], lat: str, lon: str, label: str) -> StructuredValue | None:
    try:
        return coordinates(int(record[lat]) / 1e7, int(record[lon]) / 1e7, label)
    except (KeyError, TypeError, ValueError):
        return None


def _when(value: dict[str, Any], iso: str, ms: str) -> Any:
    return parse_time(value.get(iso)) or from_epoch(value.get(ms))


def record_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    locator = tree.locator(path)
    seen: set[tuple[int, int]] = set()
    cell_size = 10 ** (7 - CELL_DECIMALS)
    with tree.open(path) as stream:
        for index, (_key, point) in enumerate(elements(stream, ("locations.item",))):
            try:
                cell = (
                    round(int(point["latitudeE7"]) / cell_size),
                    round(int(point["longitudeE7"]) / cell_size),
                )
            except (KeyError, TypeError, ValueError):
                continue
            if cell in seen:
                continue
            geo = _e7(point, "latitudeE7", "longitudeE7", "location_history.records")
            if geo is None:
                continue
            if len(seen) < MAX_CELLS:
                seen.add(cell)
            yield Document(
                id=f"{locator}#{index}",
                text="",
                source=SOURCE,
                kind=DocumentKind.LOCATION,
                created_at=_when(point, "timestamp", "timestampMs"),
                visibility=Visibility.PRIVATE,
                metadata={"source": str(point.get("source") or "")},
                structured=(geo,),
            )


def semantic_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    """Places visited (name, address, coordinates) and the start and end of each journey."""
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for index, (_key, item) in enumerate(elements(stream, ("timelineObjects.item",))):
            if not isinstance(item, dict):
                continue
            visit, segment = item.get("placeVisit"), item.get("activitySegment")
            if isinstance(visit, dict) and isinstance(visit.get("location"), dict):
                place = visit["location"]
                structured = [
                    v for v in [_e7(place, "latitudeE7", "longitudeE7", "semantic_location.place")] if v
                ]
                if isinstance(place.get("address"), str) and place["address"].strip():
                    structured.append(
                        StructuredValue("STREET_ADDRESS", place["address"], "semantic_location.address")
                    )
                text = "\n".join(
                    v for v in (place.get("name"), place.get("address")) if isinstance(v, str) and v
                )
                duration = visit.get("duration") or {}
                yield Document(
                    id=f"{locator}#{index}",
                    text=text,
                    source=SOURCE,
                    kind=DocumentKind.LOCATION,
                    created_at=_when(duration, "startTimestamp", "startTimestampMs"),
                    visibility=Visibility.PRIVATE,
                    structured=tuple(structured),
                )
            elif isinstance(segment, dict):
                ends = [
                    _e7(segment.get(key) or {}, "latitudeE7", "longitudeE7", f"semantic_location.{key}")
                    for key in ("startLocation", "endLocation")
                ]
                structured = list(dict.fromkeys(v for v in ends if v))
                if structured:
                    duration = segment.get("duration") or {}
                    yield Document(
                        id=f"{locator}#{index}",
                        text="",
                        source=SOURCE,
                        kind=DocumentKind.LOCATION,
                        created_at=_when(duration, "startTimestamp", "startTimestampMs"),
                        visibility=Visibility.PRIVATE,
                        metadata={"activity": str(segment.get("activityType") or "")},
                        structured=tuple(structured),
                    )


def photo_sidecar_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    """A Google Photos sidecar: the description written, where it was taken and who is in it."""
    loaded = load_small(tree, path)
    data = loaded.value
    if not isinstance(data, dict):
        return
    structured: list[StructuredValue] = []
    for key in ("geoData", "geoDataExif"):
        geo = data.get(key)
        if isinstance(geo, dict) and (
            value := coordinates(geo.get("latitude"), geo.get("longitude"), f"photos.{key}")
        ):
            structured.append(value)
    for person in data.get("people") or []:
        if isinstance(person, dict) and isinstance(person.get("name"), str):
            structured.append(StructuredValue("PERSON", person["name"], "photos.people"))
    text = data.get("description") if isinstance(data.get("description"), str) else ""
    taken = data.get("photoTakenTime")
    if text or structured:
        yield Document(
            id=tree.locator(path),
            text=text or "",
            source=SOURCE,
            kind=DocumentKind.MEDIA,
            created_at=from_epoch(taken.get("timestamp")) if isinstance(taken, dict) else None,
            visibility=Visibility.PRIVATE,
            structured=tuple(dict.fromkeys(structured)),
        )
    loaded.settle()
