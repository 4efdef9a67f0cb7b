"""Check every recognizer's prefilter against the shared corpora: a gate may skip work, never a finding.

Run by hand (not part of the default test run; skips without ../shared):

    python tests/benchmarks/prefilter_check.py [--limit 2000]

Every text of WNUT-17 (dev, train), BTC dev, presidio synth and NCBI disease goes through the engine twice
on the same spaCy doc: with the prefilters, and with every recognizer run. Texts where the two differ are
printed with the recognizers whose results went missing: their `might_match` said "no" wrongly.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import load
from speed import SHARED, tweet_texts

import detectors  # noqa: F401  (keeps tldextract offline before Presidio is imported)


def main(argv: Sequence[str] | None = None) -> int:
    from detectors.engine import MIN_SCORE, DetectionEngine, to_span

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="Texts to check (0: all).")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print("../shared is not present; nothing to check")
        return 0
    texts = tweet_texts(SHARED) + [example.text for name in ("presidio_synth", "ncbi_disease")
                                   for example in load(name, SHARED).examples]
    texts = texts[: args.limit] if args.limit else texts
    engine = DetectionEngine()
    wrong: Counter[str] = Counter()
    for text, doc in zip(texts, engine.nlp.pipe(texts, batch_size=256), strict=True):
        everything = {to_span(result) for result in engine.recognize(text, engine.nlp_engine.artifacts(doc))
                      if result.score >= MIN_SCORE}
        missing = everything - set(engine._analyze_piece(text, doc))
        for span in sorted(missing, key=lambda span: span.start):
            wrong[span.detector] += 1
            print(f"{span.detector}: {span.entity} {text[span.start:span.end]!r} in {text[:120]!r}")
    print(f"\n{len(texts)} texts; gates that skipped a finding: {dict(wrong) or 'none'}")
    return 1 if wrong else 0


def test_prefilters_skip_no_finding(shared: Path) -> None:
    """`pytest tests/benchmarks/prefilter_check.py`: every gate on 2,000 corpus texts."""
    assert main(["--limit", "2000"]) == 0


if __name__ == "__main__":
    raise SystemExit(main())
