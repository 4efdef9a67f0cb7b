"""EXIF GPS and capture time from photo headers (JPEG and PNG built with Pillow; hostile bytes)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from samples.builders.photo import gps_jpeg
from scanner.archives.formats.exif import photo_facts


def test_jpeg_gps_and_local_time_with_offset() -> None:
    facts = photo_facts(gps_jpeg(), "photo")
    assert facts is not None and facts.location is not None
    assert facts.location.value == "45.5118, -122.5941"
    assert facts.taken == datetime(2024, 6, 1, 10, 4, 5, tzinfo=timezone(timedelta(hours=-7)))


def test_southern_and_eastern_hemispheres() -> None:
    facts = photo_facts(gps_jpeg(-33.8568, 151.2153), "photo")
    assert facts is not None and facts.location is not None
    assert facts.location.value == "-33.8568, 151.2153"


def test_png_with_exif_and_gps_time_in_utc() -> None:
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (45.0, 30.0, 42.48), "W", (122.0, 35.0, 38.76)
    gps[29], gps[7] = "2024:06:01", (17.0, 4.0, 5.0)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG", exif=exif.tobytes())
    facts = photo_facts(buffer.getvalue(), "photo")
    assert facts is not None and facts.taken == datetime(2024, 6, 1, 17, 4, 5, tzinfo=UTC)


def test_a_photo_without_exif_or_not_a_photo() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "JPEG")
    assert photo_facts(buffer.getvalue(), "photo") is None
    assert photo_facts(b"GIF89a not really", "photo") is None
    assert photo_facts(gps_jpeg()[:100], "photo") is None


@settings(max_examples=60)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    photo_facts(b"\xff\xd8\xff\xe1" + data, "photo")
    photo_facts(data, "photo")
