"""Benchmark: memory stays flat when linting ever larger JSON Lines files.

Usage: python bench/stream_memory.py [N ...]   (default 10000 100000; try 1000000)
Prints, for N synthetic templates in one .jsonl file, the wall time and the peak RSS of
`wtlint check --ignore CA,CT` writing text to /dev/null (findings stream out batch by batch).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
CODE = ("import resource, subprocess, sys; "
        "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
        "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")


def main(counts: list[int]) -> None:
    print(f"{'templates':>10} {'seconds':>8} {'templates/s':>12} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            path = Path(folder) / "corpus.jsonl"
            subprocess.run([sys.executable, str(HERE / "synthetic.py"), str(count), str(path)], check=True)
            started = time.perf_counter()
            child = subprocess.run([sys.executable, "-c", CODE, sys.executable, "-m", "linter", "check",
                                    "--no-cache",
                                    "--ignore", "CA,CT", str(path)], capture_output=True, text=True, check=True)
            seconds = time.perf_counter() - started
            status, peak = map(int, child.stdout.split())
            if status > 1:
                raise SystemExit(f"wtlint exited with {status}: the measurement is void")
            print(f"{count:>10} {seconds:>8.1f} {count / seconds:>12.0f} {peak:>9}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
