"""Presidio's patterns compiled where they are used, not also once at construction to check them.

`presidio_analyzer.Pattern.__init__` compiles its regex with the `regex` module only to check that it
compiles, and throws the result away; the recognizer compiles it again, with its flags, on first use.
Presidio's predefined recognizers build their patterns as they are imported, ours as theirs are: about
a third of a second of start-up, the URL recognizer's list of top-level domains alone most of it. So
the check is left out, before Presidio is imported: every pattern is still compiled, with the flags it
runs with, the first time a text reaches it, and an invalid one fails there (tests run every
recognizer). Presidio's `pattern` module imports nothing of Presidio, so it is loaded on its own
first and the package then finds it loaded. tests/detectors/test_internals.py checks the private name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

MODULE = "presidio_analyzer.pattern"
CHECK = "_Pattern__validate_regex"
"""The private static method Presidio's `Pattern.__init__` checks its regex with."""


def _unchecked(pattern: str) -> None:
    """A regex is checked where it is compiled for use (see the module's docstring)."""


def _pattern_module() -> ModuleType:
    """Presidio's `pattern` module, loaded without the package's `__init__` if that has not run yet."""
    if MODULE in sys.modules:
        return sys.modules[MODULE]
    package = importlib.util.find_spec(MODULE.split(".")[0])
    if package is None or package.origin is None:
        raise ImportError(f"{MODULE} is not installed")
    spec = importlib.util.spec_from_file_location(MODULE, Path(package.origin).parent / "pattern.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {MODULE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE] = module
    spec.loader.exec_module(module)
    return module


def leave_out_the_check() -> None:
    setattr(_pattern_module().Pattern, CHECK, staticmethod(_unchecked))


leave_out_the_check()
