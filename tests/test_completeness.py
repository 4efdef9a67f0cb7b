"""Everything registered is documented, tested and sampled: a new part cannot be added half-way."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import typer.main

from detectors.recognizers import build_registry
from detectors.taxonomy import ENTITIES
from scanner.archives import READERS
from scanner.cli import app
from scanner.crawl.platforms import ADAPTERS, FALLBACK

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_a_readme_mention() -> None:
    group = typer.main.get_group(app)
    assert group.commands, "no commands registered"
    for name, command in group.commands.items():
        assert (command.help or "").strip(), f"`exposure {name}` has no help text"
        mentioned = re.search(rf"exposure {re.escape(name)}\b", README)
        assert mentioned, f"README does not mention `exposure {name}`"


def test_every_detected_entity_is_in_the_taxonomy() -> None:
    registry = build_registry()
    emitted = {entity for recognizer in registry.recognizers for entity in recognizer.supported_entities}
    assert emitted <= set(ENTITIES), f"entities outside the taxonomy: {sorted(emitted - set(ENTITIES))}"


def _module_name(instance: object) -> str:
    """The module (or package) that defines an object's class: 'twitter', 'takeout'."""
    path = Path(inspect.getfile(type(instance)))
    return path.parent.name if path.stem == "__init__" else path.stem


def test_every_archive_reader_has_a_test_and_a_sample_builder() -> None:
    for reader in READERS:
        module = _module_name(reader)
        assert (ROOT / "tests" / "archives" / f"test_{module}.py").is_file(), f"no test for reader {module}"
        assert (ROOT / "samples" / "builders" / f"{module}.py").is_file(), f"no sample builder for {module}"


def test_every_crawl_adapter_has_a_test() -> None:
    for adapter in [*ADAPTERS, FALLBACK]:
        module = _module_name(adapter)
        candidates = [ROOT / "tests" / "crawl" / "platforms" / f"test_{module}.py",
                      ROOT / "tests" / "crawl" / f"test_{module}.py"]
        assert any(path.is_file() for path in candidates), f"no test for crawl adapter {module}"


def test_every_recognizer_module_has_a_test() -> None:
    for path in (ROOT / "detectors" / "recognizers").glob("*.py"):
        if path.stem.startswith("_"):
            continue
        assert (ROOT / "tests" / "detectors" / f"test_{path.stem}.py").is_file(), f"no test for {path.stem}"


def test_every_findings_format_is_registered_listed_and_tested() -> None:
    from scanner.report import FINDINGS_FORMATS

    options = {param.name: param for param in typer.main.get_group(app).commands["findings"].params}
    listed = re.findall(r"\w+", options["output_format"].help or "")
    tests = (ROOT / "tests" / "test_cli_findings.py").read_text(encoding="utf-8")
    for name in FINDINGS_FORMATS:
        assert name in listed, f"`findings --help` does not list --format {name}"
        assert f'"{name}"' in tests, f"tests/test_cli_findings.py does not run --format {name}"
