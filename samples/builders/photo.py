"""A tiny JPEG carrying EXIF GPS, as phones write them: for the samples whose exports hold photos."""

from __future__ import annotations

import io

from PIL import Image

MOUNT_TABOR = (45.5118, -122.5941)
"""The persona's GPS point (Mount Tabor park, Portland)."""


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4)


def gps_jpeg(
    latitude: float = MOUNT_TABOR[0],
    longitude: float = MOUNT_TABOR[1],
    taken: str = "2024:06:01 10:04:05",
    offset: str = "-07:00",
) -> bytes:
    """An 8x8 JPEG whose EXIF says where and when it was taken."""
    exif = Image.Exif()
    exif[0x0110] = "Pixel 7"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = ("N" if latitude >= 0 else "S"), _dms(latitude)
    gps[3], gps[4] = ("E" if longitude >= 0 else "W"), _dms(longitude)
    details = exif.get_ifd(0x8769)
    details[36867], details[36881] = taken, offset
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 140, 60)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()
