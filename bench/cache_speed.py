"""Benchmark: the findings cache, cold and warm, as a user runs wtlint twice on a repository.

Usage: python bench/cache_speed.py [N]   (default 10000)
Writes N synthetic templates as a repository of JSON files of 100 templates each, then times
`wtlint check` with every default rule (the classifier included), each run in a fresh process:
without the cache, with an empty cache (cold: lints everything and writes the cache), with the
filled cache (warm), and after one file was edited.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
PER_FILE = 100


def repository(count: int, folder: Path) -> list[Path]:
    """``count`` synthetic templates split into files of ``PER_FILE``."""
    corpus = folder / "corpus.jsonl"
    subprocess.run([sys.executable, str(HERE / "synthetic.py"), str(count), str(corpus)], check=True)
    templates = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    (folder / "templates").mkdir()
    files = []
    for start in range(0, count, PER_FILE):
        path = folder / "templates" / f"batch_{start // PER_FILE:04}.json"
        chunk = templates[start:start + PER_FILE]
        path.write_text(json.dumps(chunk, ensure_ascii=False, indent=1), encoding="utf-8")
        files.append(path)
    return files


def timed(*args: str) -> tuple[float, str]:
    """Wall time and JSON report of one run in a fresh process."""
    started = time.perf_counter()
    child = subprocess.run([sys.executable, "-m", "linter", "check", "--quiet", "--format", "json", *args],
                           capture_output=True, text=True, check=False)
    if child.returncode > 1:  # 0 and 1 are lint results; anything else means the run did not finish
        raise SystemExit(f"wtlint exited with {child.returncode}: the measurement is void\n{child.stderr}")
    return time.perf_counter() - started, child.stdout


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = repository(count, folder)
        cache = ("--cache-dir", str(folder / "cache"))
        target = str(folder / "templates")
        runs = [("no cache", ("--no-cache", target)), ("cold cache", (*cache, target)),
                ("warm cache", (*cache, target))]
        reports = {}
        print(f"{'run':>18} {'seconds':>8} {'templates/s':>12}")
        for label, args in runs:
            seconds, reports[label] = timed(*args)
            print(f"{label:>18} {seconds:>8.2f} {count / seconds:>12.0f}")
        if len({reports[label] for label, _ in runs}) != 1:
            raise SystemExit("the reports differ with and without the cache")
        edited = files[0].read_text(encoding="utf-8").replace("Hi {{1}}", "Hey {{1}}")
        files[0].write_text(edited, encoding="utf-8")
        seconds, _ = timed(*cache, target)
        print(f"{'one file edited':>18} {seconds:>8.2f} {count / seconds:>12.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
