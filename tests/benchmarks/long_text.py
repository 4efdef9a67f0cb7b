"""Long texts cost what their size costs: one 10 MB text against the same text as tweets, and a bracket bomb.

Run by hand (not part of the default test run; needs no ../shared):

    python tests/benchmarks/long_text.py [--megabytes 10] [--tweet-megabytes 2] [--brackets 200000]

Each case runs in a child process of its own, so its peak memory (ru_maxrss) is its own:

- tweets: `--tweet-megabytes` of synthetic tweet-sized texts (a synthetic person's values in varied
  sentences, every text distinct so the engine's cache cannot help) detected as documents, findings
  with snippets built;
- single: `--megabytes` of the same texts joined by line breaks into one document (the tweets' rate per
  megabyte does not depend on how many there are, so they need not be as many);
- brackets: a generic `.json` file of nothing but '[' read by `scan-files` (not JSON: scanned as text).

Detection time excludes loading the model and compiling the lexicons the texts need, which costs the
same once whatever the size (both printed apart, after a warm-up on a few texts); the ratio is of CPU
time, which other work on the machine does not inflate as it does wall-clock time. Targets (issue 14):
the single text within about the tweets' seconds per megabyte (a 10 MB post ran past 15 minutes: overlap
resolution was pairwise), and the bracket file under 300 MB peak (200 KB peaked at 1.55 GB). The ratio
printed is single / tweets CPU seconds per megabyte, both from this run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TEMPLATES = (
    "Finally moved to {street}, {city}! Mail me at {email} if the boxes arrive at the old place.",
    "{name} here: booked the follow-up for my {condition} on {date}, call {phone} if it moves.",
    "Lunch with {name} by the river in {city}, back at work by two. #{tag}",
    "New number is {phone}, old one is dead. Ask {name} if you need the landline.",
    "Three years since the {condition} diagnosis. The support group in {city} meets on {date}.",
    "If you found a blue bike near {street} it is mine, DM or {email} please",
    "Quiet Sunday, {tag} and tea. {name} says hi.",
)
NAMES = ("Rowan Delacroix-Hale", "Maisie Quarrender", "Tobias Wren", "Ines Holloway", "Priya Castellan")
CITIES = ("Portland", "Bristol", "Leeds", "Tacoma", "Galway")
STREETS = ("1427 Alder Street", "88 Quarry Lane", "12 Orchard Row", "301 Birch Avenue")
CONDITIONS = ("type 1 diabetes", "asthma", "epilepsy", "migraine")
TAGS = ("gardening", "running", "knitting", "coffee")


def texts(megabytes: float, seed: int = 14) -> list[str]:
    """Distinct tweet-sized texts about synthetic people, `megabytes` in all."""
    pick = random.Random(seed)
    found, size, number = [], 0, 0
    while size < megabytes * 1_000_000:
        number += 1
        text = pick.choice(TEMPLATES).format(
            street=pick.choice(STREETS), city=pick.choice(CITIES), name=pick.choice(NAMES),
            email=f"{pick.choice(NAMES).split()[0].lower()}.{number}@example.org",
            phone=f"+1 503-555-{pick.randrange(100, 200):04d}", condition=pick.choice(CONDITIONS),
            date=f"{pick.randrange(1, 28)} March 2024", tag=pick.choice(TAGS),
        ) + f" ({number})"
        found.append(text)
        size += len(text.encode()) + 1
    return found


def child(mode: str, megabytes: float, brackets: int) -> dict[str, float]:
    """One case, timed in this process: model load and lexicon compiles apart, then detection."""
    from detectors.batch import detect_documents
    from detectors.engine import DetectionEngine
    from scanner.models import Document

    began = time.perf_counter()
    engine = DetectionEngine.shared()
    engine.analyze_many(texts(0.002, seed=0))
    loaded = time.perf_counter() - began
    if mode == "brackets":
        from typer.testing import CliRunner

        from scanner.cli import app

        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "deep.json").write_text("[" * brackets, encoding="utf-8")
            start, cpu = time.perf_counter(), time.process_time()
            result = CliRunner().invoke(app, ["scan-files", folder, "--no-store", "-f", "json",
                                              "--workers", "1"])
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert result.exit_code == 3, result.output
        size, findings = brackets / 1_000_000, 0
    else:
        pieces = texts(megabytes)
        documents = ([Document(id=f"t{number}", text=text, source="bench")
                      for number, text in enumerate(pieces)]
                     if mode == "tweets" else [Document(id="one", text="\n".join(pieces), source="bench")])
        size = sum(len(document.text.encode()) for document in documents) / 1_000_000
        start, cpu = time.perf_counter(), time.process_time()
        findings = sum(len(found) for _, found in detect_documents(documents, engine=engine, workers=1))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "megabytes": size, "findings": findings, "peak_mb": peak,
            "load": loaded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--tweet-megabytes", type=float, default=2.0)
    parser.add_argument("--brackets", type=int, default=200_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(options.child, options.megabytes, options.brackets)))
        return
    results = {}
    for mode in ("tweets", "single", "brackets"):
        megabytes = options.tweet_megabytes if mode == "tweets" else options.megabytes
        output = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--megabytes", str(megabytes),
             "--brackets", str(options.brackets)], capture_output=True, text=True, check=True, cwd=ROOT)
        results[mode] = json.loads(output.stdout.strip().splitlines()[-1])
        row = results[mode]
        print(f"{mode:9} {row['megabytes']:7.2f} MB  {row['seconds']:8.1f} s  CPU {row['cpu']:8.1f} s  "
              f"{row['cpu'] / row['megabytes']:7.1f} CPU s/MB  {row['findings']:7} findings  "
              f"peak {row['peak_mb']:6.0f} MB  (model load {row['load']:.1f} s)", flush=True)
    tweets, single = results["tweets"], results["single"]
    ratio = (single["cpu"] / single["megabytes"]) / (tweets["cpu"] / tweets["megabytes"])
    print(f"single text / tweets, CPU seconds per MB: {ratio:.2f}x")


if __name__ == "__main__":
    main()
