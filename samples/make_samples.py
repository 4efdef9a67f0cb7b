"""Regenerate every synthetic sample in samples/: `python samples/make_samples.py`.

Each module in samples/builders/ (not starting with '_') has `build(out_dir) -> Path`; all are run.
Every sample describes the invented persona in samples/PERSONA.md.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    builders = importlib.import_module("samples.builders")
    out_dir = ROOT / "samples"
    for module in sorted(pkgutil.iter_modules(builders.__path__), key=lambda info: info.name):
        if module.name.startswith("_"):
            continue
        builder = importlib.import_module(f"samples.builders.{module.name}")
        build = getattr(builder, "build", None)
        if build is None:
            continue
        written = build(out_dir)
        print(f"{module.name}: {Path(written).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
