"""Start-up: the time a one-line `exposure detect` takes, whole process, each run a fresh process.

Run by hand (not part of the default test run; needs no ../shared):

    python tests/benchmarks/startup.py [--runs 7] [--text "I have asthma and live at 12 Elm Street"]

Two sets of fresh processes, one after the other:

- `exposure detect -` with the line on standard input (the installed console script beside this
  Python), timed from the parent: wall-clock, and CPU (user + system) of the child. The output must
  hold a finding, so what is timed is the time to the first finding plus the exit.
- the same steps in a child of this script (`--phases`), each timed inside: imports (`scanner.cli` and
  the detect command, which bring in spaCy, Presidio and the recognizers), loading the spaCy pipeline,
  building the rest of the engine (registry, Presidio), and the first detection (`run_scan` over the
  line). Interpreter start and exit are the whole minus their sum.

Medians are printed, with the load average: on a shared machine the wall-clock figure follows the
load, the CPU figure much less. Target (issue 9): <= 3.5 s whole process on a quiet machine.

Python compiles the project's sources again in every process when PYTHONDONTWRITEBYTECODE is set (some
sandboxes set it); a user's install keeps the bytecode. The children here run without it, after one
warm-up run that writes the bytecode, and the script says whether it was set.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

TEXT = "I have asthma and live at 12 Elm Street"
PHASES = ("imports", "model load", "engine build", "first detection")


def detect_command() -> list[str]:
    """The console script beside this Python, as a person runs it; else the same entry point by hand."""
    script = Path(sys.executable).parent / "exposure"
    if script.is_file():
        return [str(script), "detect", "-"]
    return [sys.executable, "-c", "import sys; from scanner.cli import app; sys.exit(app())", "detect", "-"]


def child_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_detect(text: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `exposure detect -` on the text, in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(detect_command(), input=text + "\n", capture_output=True, text=True,
                          env=child_environment(), check=False, timeout=300)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "MEDICAL_CONDITION" not in done.stdout:
        raise SystemExit(f"exposure detect failed (exit {done.returncode}): {done.stderr.strip()[-300:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_phases(text: str) -> dict[str, float]:
    """The phases of one start-up, timed inside a fresh process (this script with --phases)."""
    done = subprocess.run([sys.executable, __file__, "--phases", "--text", text], capture_output=True,
                          text=True, env=child_environment(), check=True, timeout=300)
    timed: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return timed


def phases(text: str) -> dict[str, float]:
    """Time the steps of `exposure detect` in this process (which must be fresh): wall and CPU seconds."""
    clock = (time.perf_counter(), time.process_time())
    import scanner.cli  # the imports `exposure detect` makes, in its order
    import scanner.commands.detect  # noqa: F401

    imported = (time.perf_counter(), time.process_time())
    import io

    import detectors.engine as engine_module
    from detectors.engine import DetectionEngine
    from scanner.detect_input import read_detect_input
    from scanner.scan import run_scan

    loading = [0.0, 0.0]
    load_pipeline = engine_module.load_pipeline

    def timed_load(name: str, extra_components: Iterable[str] = ()) -> Language:
        begun = (time.perf_counter(), time.process_time())
        nlp = load_pipeline(name, extra_components)
        loading[0] += time.perf_counter() - begun[0]
        loading[1] += time.process_time() - begun[1]
        return nlp

    engine_module.load_pipeline = timed_load  # timing only: the same pipeline comes back
    engine = DetectionEngine.shared()
    built = (time.perf_counter(), time.process_time())
    result = run_scan(read_detect_input(io.StringIO(text + "\n"), "-"), engine=engine)
    detected = (time.perf_counter(), time.process_time())
    if not result.findings:
        raise SystemExit("no finding in the text: choose one with something to find")
    timed: dict[str, float] = {}
    for unit, at in (("wall", 0), ("cpu", 1)):
        timed[f"imports {unit}"] = imported[at] - clock[at]
        timed[f"model load {unit}"] = loading[at]
        timed[f"engine build {unit}"] = built[at] - imported[at] - loading[at]
        timed[f"first detection {unit}"] = detected[at] - built[at]
    return timed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--text", default=TEXT)
    parser.add_argument("--phases", action="store_true", help="time the phases in this process (a child)")
    args = parser.parse_args(argv)
    if args.phases:
        print(json.dumps(phases(args.text)))
        return
    print(f"start-up of `exposure detect -` on {args.text!r}: {args.runs} fresh processes each; "
          f"load average {os.getloadavg()[0]:.2f}; PYTHONDONTWRITEBYTECODE "
          f"{'set here, unset in the children' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'unset'}")
    run_detect(args.text)  # warm-up: bytecode written, files in the page cache
    runs = [run_detect(args.text) for _ in range(args.runs)]
    wall = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    split = [run_phases(args.text) for _ in range(args.runs)]
    medians = {name: statistics.median(run[name] for run in split) for name in split[0]}
    print(f"whole process       median wall {wall:.2f} s   median CPU {cpu:.2f} s   "
          f"(wall min {min(run[0] for run in runs):.2f}, max {max(run[0] for run in runs):.2f})")
    for name in PHASES:
        print(f"  {name:18s}{medians[name + ' wall']:6.2f} s wall {medians[name + ' cpu']:6.2f} s CPU")
    rest_wall = wall - sum(medians[name + " wall"] for name in PHASES)
    rest_cpu = cpu - sum(medians[name + " cpu"] for name in PHASES)
    print(f"  {'start and exit':18s}{rest_wall:6.2f} s wall {rest_cpu:6.2f} s CPU (the whole's median less "
          "the phases' medians, from other runs: under load the wall figure can come out below zero)")
    print(f"load average after: {os.getloadavg()[0]:.2f}; target: <= 3.5 s wall on a quiet machine")


if __name__ == "__main__":
    main()
