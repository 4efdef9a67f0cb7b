"""Sample builders: one module per export format, each with `build(out_dir: Path) -> Path`.

`samples/make_samples.py` runs every module here whose name does not start with '_'. Builders write
deterministic files (fixed zip timestamps, sorted members), so regenerating changes nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (2026, 1, 15, 12, 0, 0)
"""Timestamp of every zip member, so a rebuilt sample is byte-identical."""


def write_zip(target: Path, members: dict[str, bytes]) -> Path:
    """A deflated zip of `members` (path → bytes) in sorted order with fixed timestamps."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return target
