"""The recognizer registry: Presidio's predefined recognizers we keep, plus our own.

A new recognizer is one module in this package plus one line in `OUR_RECOGNIZERS`.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

LANGUAGE = "en"

OUR_RECOGNIZERS: list[Callable[[], EntityRecognizer]] = []
"""Factories of our recognizers; each returns one configured recognizer."""


def build_registry() -> RecognizerRegistry:
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.load_predefined_recognizers(languages=[LANGUAGE])
    for factory in OUR_RECOGNIZERS:
        registry.add_recognizer(factory())
    return registry
