"""Labelled corpora from ../shared/bench, read into texts with character-offset gold entities.

Every corpus becomes `Example(text, entities)` with entity labels already mapped to our entity
names (PERSON, LOCATION, ORGANIZATION, STREET_ADDRESS, MEDICAL_CONDITION, ...), so a detector is
scored the same way on all of them. Token corpora (CoNLL) are joined back into text with the spacing
a person would type ("don't", "@name", "word."), keeping each token's character offsets.

Usage (from another benchmark or a one-off script):

    sys.path.insert(0, "tests/benchmarks")
    from corpora import load
    corpus = load("wnut17", Path("../shared"))
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Entity:
    """A labelled span: characters [start, end) of the example's text."""

    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    entities: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    examples: tuple[Example, ...]
    labels: frozenset[str]
    """Entity labels this corpus annotates; predictions of other labels are not scored on it."""
    source: str
    """Where the data came from, relative to ../shared."""


WNUT17_LABELS = {
    "person": "PERSON",
    "location": "LOCATION",
    "corporation": "ORGANIZATION",
    "group": "ORGANIZATION",
}
"""WNUT-17 also tags product and creative-work: nothing in our taxonomy matches, so they are not scored."""
BTC_LABELS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
SYNTH_LABELS = {
    "PERSON": "PERSON",
    "GPE": "LOCATION",
    "STREET_ADDRESS": "STREET_ADDRESS",
    "ORGANIZATION": "ORGANIZATION",
    "ZIP_CODE": "POSTAL_CODE",
    "DOMAIN_NAME": "URL",
    "CREDIT_CARD": "CREDIT_CARD",
    "DATE_TIME": "DATE_TIME",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "AGE": "AGE",
    "NRP": "NRP",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "IBAN_CODE": "IBAN_CODE",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
}
"""presidio-research names → ours. TITLE ('Mr.', 'Dr.') is not personal data on its own: not scored."""

_NO_SPACE_BEFORE = frozenset(
    {".", ",", "!", "?", ":", ";", ")", "]", "}", "…", "%", "n't", "'s", "'m", "'re", "'ve", "'ll", "'d"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "@", "#", "$"})
_APOSTROPHES = frozenset({"'", "´", "’", "`"})
_CLITICS = frozenset({"s", "t", "m", "d", "ve", "ll", "re"})


def join_tokens(tokens: list[str]) -> tuple[str, list[int]]:
    """The text a person would have typed for these tokens, and each token's start offset."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        attach = (
            index == 0
            or token in _NO_SPACE_BEFORE
            or previous in _NO_SPACE_AFTER
            or (token in _APOSTROPHES and following.lower() in _CLITICS)
            or (previous in _APOSTROPHES and token.lower() in _CLITICS)
        )
        if not attach:
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(token)
        length += len(token)
    return "".join(parts), starts


def _sentences(lines: Iterable[str]) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        token, _, tag = line.partition("\t")
        sentence.append((token, tag.strip() or "O"))
    if sentence:
        yield sentence


def conll_example(rows: list[tuple[str, str]], labels: dict[str, str]) -> Example:
    """One CoNLL sentence as text plus entities. A tagged '@' and the tagged name after it are one entity."""
    tokens = [token for token, _ in rows]
    tags = [tag for _, tag in rows]
    for index in range(len(tags) - 1):
        if tokens[index] == "@" and tags[index].startswith("B-") and tags[index + 1] == tags[index]:
            tags[index + 1] = "I-" + tags[index][2:]
    text, starts = join_tokens(tokens)
    spans: list[tuple[str, int, int]] = []
    open_span = False
    for token, tag, start in zip(tokens, tags, starts, strict=True):
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and spans and spans[-1][0] == kind and open_span:
            spans[-1] = (kind, spans[-1][1], start + len(token))
        elif prefix in ("B", "I"):
            spans.append((kind, start, start + len(token)))
        open_span = prefix in ("B", "I")
    entities = tuple(Entity(labels[kind], start, end) for kind, start, end in spans if kind in labels)
    return Example(text, entities)


def load_conll(path: Path, labels: dict[str, str], name: str, source: str) -> Corpus:
    with path.open(encoding="utf-8") as lines:
        examples = tuple(conll_example(rows, labels) for rows in _sentences(lines))
    return Corpus(name, examples, frozenset(labels.values()), source)


def load_presidio_synth(path: Path, name: str = "presidio_synth", source: str = "") -> Corpus:
    records = json.loads(path.read_text(encoding="utf-8"))
    examples = tuple(
        Example(
            record["full_text"],
            tuple(
                sorted(
                    (
                        Entity(
                            SYNTH_LABELS[span["entity_type"]], span["start_position"], span["end_position"]
                        )
                        for span in record["spans"]
                        if span["entity_type"] in SYNTH_LABELS
                    ),
                    key=lambda entity: entity.start,
                )
            ),
        )
        for record in records
    )
    return Corpus(name, examples, frozenset(SYNTH_LABELS.values()), source)


def pubtator_examples(lines: Iterable[str], label: str = "MEDICAL_CONDITION") -> Iterator[Example]:
    """PubTator documents: text is title + ' ' + abstract; every mention line is one entity."""
    title = abstract = ""
    entities: list[Entity] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            if title or abstract:
                yield Example(f"{title} {abstract}", tuple(entities))
            title = abstract = ""
            entities = []
        elif "|t|" in line[:20]:
            title = line.split("|t|", 1)[1]
        elif "|a|" in line[:20]:
            abstract = line.split("|a|", 1)[1]
        else:
            fields = line.split("\t")
            if len(fields) >= 4:
                entities.append(Entity(label, int(fields[1]), int(fields[2])))
    if title or abstract:
        yield Example(f"{title} {abstract}", tuple(entities))


def load_pubtator(path: Path, name: str, source: str) -> Corpus:
    with path.open(encoding="utf-8") as lines:
        examples = tuple(pubtator_examples(lines))
    return Corpus(name, examples, frozenset({"MEDICAL_CONDITION"}), source)


LOADERS: dict[str, Callable[[Path], Corpus]] = {
    "wnut17": lambda shared: load_conll(
        shared / "bench/wnut17/emerging.dev.conll", WNUT17_LABELS, "wnut17", "bench/wnut17/emerging.dev.conll"
    ),
    "wnut17_train": lambda shared: load_conll(
        shared / "bench/wnut17/wnut17train.conll",
        WNUT17_LABELS,
        "wnut17_train",
        "bench/wnut17/wnut17train.conll",
    ),
    "btc": lambda shared: load_conll(shared / "bench/btc/btc.dev", BTC_LABELS, "btc", "bench/btc/btc.dev"),
    "presidio_synth": lambda shared: load_presidio_synth(
        shared / "bench/presidio_synth/synth_dataset_v2.json",
        "presidio_synth",
        "bench/presidio_synth/synth_dataset_v2.json",
    ),
    "ncbi_disease": lambda shared: load_pubtator(
        shared / "bench/ncbi_disease/NCBIdevelopset_corpus.txt",
        "ncbi_disease",
        "bench/ncbi_disease/NCBIdevelopset_corpus.txt",
    ),
}
"""Corpus name → loader taking the ../shared folder. The test splits are held out (not in ../shared); the
WNUT-17 training tweets are a second check of recognizers tuned on the dev splits (never tuned on them)."""


def load(name: str, shared: Path) -> Corpus:
    return LOADERS[name](shared)
