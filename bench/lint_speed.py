"""Benchmark: lint N templates in one file with the CLI, cold, as a user would.

Usage: python bench/lint_speed.py [N ...]   (default 10000)
Prints wall time, templates per second and peak memory (RSS of the child) for a JSON array
file and a JSON Lines file of N synthetic templates: structural rules only (--ignore CA,CT),
with the content rules (--ignore CA), and with every default rule (the classifier included).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def run(path: Path, *flags: str) -> tuple[float, int]:
    """Wall time and peak RSS (MiB) of one run in a fresh process."""
    code = ("import resource, subprocess, sys; "
            "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
            "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")
    started = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "linter", "check", "--quiet",
                            "--no-cache",
                            "--format", "json", *flags, str(path)], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    status, peak = map(int, child.stdout.split())
    if status > 1:  # 0 and 1 are lint results; anything else means the run did not finish
        raise SystemExit(f"wtlint exited with {status}: the measurement is void")
    return elapsed, peak


def main(counts: list[int]) -> None:
    print(f"{'templates':>10} {'format':>7} {'rules':>12} {'seconds':>8} {'templates/s':>12} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            for suffix in (".json", ".jsonl"):
                path = Path(folder) / f"corpus{suffix}"
                subprocess.run([sys.executable, str(HERE / "synthetic.py"), str(count), str(path)], check=True)
                for label, flags in (("structural", ("--ignore", "CA,CT")), ("+content", ("--ignore", "CA")),
                                     ("all", ())):
                    seconds, peak = run(path, *flags)
                    print(f"{count:>10} {suffix[1:]:>7} {label:>12} {seconds:>8.2f} {count / seconds:>12.0f} "
                          f"{peak:>9}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
