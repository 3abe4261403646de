"""Benchmark: cold start of a one-file check, and warm scoring and linting throughput.

Cold starts: with every default rule, without the classifier (CA), and without the
spaCy-based rules too (CA, CT).

Usage: python bench/classifier_speed.py [N]   (N synthetic templates for throughput, default 5000)
Run it on an idle machine; BLAS threads are pinned to one so "per core" means one core.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "shipping_update.json"


def cold(*flags: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", *flags, str(EXAMPLE)],
                       stdout=subprocess.DEVNULL, check=False, cwd=tempfile.gettempdir())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def warm(count: int) -> tuple[float, float]:
    from linter import loader
    from linter.classifier.model import load
    from linter.config import Config
    from linter.engine import Linter
    from linter.run import lint_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic.py"), str(count), str(path)], check=True)
        templates = [t for t in loader.read(str(path)) if not isinstance(t, loader.InputError)]
        classifier = load()
        classifier.predict(templates[:50])  # build the spaCy pipelines once
        started = time.perf_counter()
        classifier.predict(templates, explain=False)
        scoring = count / (time.perf_counter() - started)
        linter = Linter(Config())
        started = time.perf_counter()
        for _ in lint_file(str(path), linter):
            pass
        linting = count / (time.perf_counter() - started)
    return scoring, linting


def main(count: int) -> None:
    print(f"cold one-file check, classifier on : {cold():.2f} s (median of 7)")
    print(f"cold one-file check, --ignore CA   : {cold('--ignore', 'CA'):.2f} s (median of 7)")
    print(f"cold one-file check, --ignore CA,CT: {cold('--ignore', 'CA,CT'):.2f} s (median of 7)")
    scoring, linting = warm(count)
    print(f"warm scoring (no explanations)     : {scoring:,.0f} templates/s")
    print(f"warm full lint with the classifier : {linting:,.0f} templates/s "
          f"({scoring / linting:.1f}x the cost of bare scoring)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
