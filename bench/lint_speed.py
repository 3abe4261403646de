"""Benchmark: lint N templates in one file with the CLI, cold, as a user would.

Usage: python bench/lint_speed.py [N ...]   (default 10000)
Prints wall time, templates per second and peak memory (RSS of the child) for a JSON array
file and a JSON Lines file of N synthetic templates.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def run(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "linter", "check", "--quiet", "--format", "json", str(path)],
                   stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def main(counts: list[int]) -> None:
    print(f"{'templates':>10} {'format':>7} {'seconds':>8} {'templates/s':>12} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            for suffix in (".json", ".jsonl"):
                path = Path(folder) / f"corpus{suffix}"
                subprocess.run([sys.executable, str(HERE / "synthetic.py"), str(count), str(path)], check=True)
                seconds, peak = run(path)
                print(f"{count:>10} {suffix[1:]:>7} {seconds:>8.2f} {count / seconds:>12.0f} {peak:>9}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
