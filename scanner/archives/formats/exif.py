"""Where and when an exported photo was taken, from its EXIF header alone.

Photos in Facebook, Instagram and Takeout exports may still carry the GPS position they were taken
at. Only the head of each image is read (EXIF sits in the first segments of a JPEG and before the
pixel data of PNG/WebP/TIFF), so a folder of large photos costs a few hundred KB each.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from PIL import Image, UnidentifiedImageError

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import coordinates
from scanner.archives.formats.jsonstream import one_line
from scanner.errors import ExposureError
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

HEAD_BYTES = 512 * 1024
"""How much of each image is read: EXIF lives in the header."""
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif")

_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 36867
_OFFSET_TIME_ORIGINAL = 36881


@dataclass(frozen=True, slots=True)
class PhotoFacts:
    """What a photo's header says about where and when it was taken."""

    location: StructuredValue | None
    taken: datetime | None
    """Timezone-aware when the header says the zone (GPS time is UTC)."""
    taken_local: str | None
    """The camera's local date and time as written, when no zone is known."""


def _heif_support() -> bool:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def _degrees(value: object) -> float | None:
    try:
        d, m, s = (float(part) for part in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return d + m / 60 + s / 3600


def _gps_time(gps: dict[int, object]) -> datetime | None:
    stamp, day = gps.get(7), gps.get(29)
    if not isinstance(day, str) or stamp is None:
        return None
    try:
        hours, minutes, seconds = (float(part) for part in stamp)  # type: ignore[attr-defined]
        date = datetime.strptime(day.strip(), "%Y:%m:%d").replace(tzinfo=UTC)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return date + timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _original_time(exif_ifd: dict[int, object]) -> tuple[datetime | None, str | None]:
    local = exif_ifd.get(_DATE_TIME_ORIGINAL)
    if not isinstance(local, str):
        return None, None
    local = local.strip("\x00 ")
    offset = exif_ifd.get(_OFFSET_TIME_ORIGINAL)
    try:
        naive = datetime.strptime(local, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None, local or None
    if isinstance(offset, str) and len(offset.strip("\x00 ")) == 6:
        text = offset.strip("\x00 ")
        sign = -1 if text[0] == "-" else 1
        try:
            delta = timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))
        except ValueError:
            return None, local
        return naive.replace(tzinfo=timezone(sign * delta)), None
    return None, local


def photo_facts(head: bytes, label: str) -> PhotoFacts | None:
    """GPS position and time taken from an image's first bytes; None when it has neither or is no image."""
    try:
        with Image.open(io.BytesIO(head)) as image:
            exif = image.getexif()
            gps = dict(exif.get_ifd(_GPS_IFD))
            exif_ifd = dict(exif.get_ifd(_EXIF_IFD))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return None
    location = None
    lat, lon = _degrees(gps.get(2)), _degrees(gps.get(4))
    if lat is not None and lon is not None:
        lat = -lat if str(gps.get(1, "N")).upper().startswith("S") else lat
        lon = -lon if str(gps.get(3, "E")).upper().startswith("W") else lon
        location = coordinates(lat, lon, label)
    taken, taken_local = _original_time(exif_ifd)
    taken = _gps_time(gps) or taken
    if location is None and taken is None and taken_local is None:
        return None
    return PhotoFacts(location, taken, taken_local)


def photo_paths(paths: Iterable[str]) -> list[str]:
    return [path for path in paths if path.lower().endswith(PHOTO_SUFFIXES)]


def photo_documents(
    tree: ArchiveTree, paths: Iterable[str], source: str, visibility: Visibility = Visibility.UNKNOWN
) -> Iterator[Document | Skipped]:
    """A media document for every photo whose header states where it was taken."""
    heif = None
    for path in photo_paths(paths):
        if path.lower().endswith((".heic", ".heif")):
            heif = _heif_support() if heif is None else heif
            if not heif:
                continue
        locator = tree.locator(path)
        try:
            with tree.open(path) as stream:
                head = stream.read(HEAD_BYTES)
        except ExposureError as error:
            yield Skipped(locator, str(error))
            continue
        except OSError as error:
            yield Skipped(locator, f"cannot read: {one_line(error)}")
            continue
        facts = photo_facts(head, "photo.exif.gps")
        if facts is None or facts.location is None:
            continue
        metadata = {"taken_local": facts.taken_local} if facts.taken_local else {}
        yield Document(
            id=locator,
            text="",
            source=source,
            kind=DocumentKind.MEDIA,
            created_at=facts.taken,
            visibility=visibility,
            metadata=metadata,
            structured=(facts.location,),
        )
