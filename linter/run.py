"""One lint run over paths: read, lint and count, one file at a time, streaming results."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter import loader
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.engine import Linter
from linter.loader import InputError
from linter.problem import Problem, Severity
from linter.template import Template

if TYPE_CHECKING:
    from linter.classifier.model import Prediction


@dataclass(frozen=True)
class FileResult:
    """What was found in one file, or in one batch of a large one; problems sorted by position."""

    path: str
    problems: tuple[Problem, ...]
    errors: tuple[InputError, ...]
    templates: int
    part: int = 0  # batches of one file: 0, 1, 2...


@dataclass
class Summary:
    """Counts over a whole run, for the summary line and the exit code."""

    fail_on: Severity = Severity.ERROR
    files: int = 0
    templates: int = 0
    errors: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    unused_ignores: tuple[str, ...] = ()
    in_baseline: int = 0  # findings left out because the baseline knows them

    def add(self, result: FileResult) -> None:
        self.files += result.part == 0
        self.templates += result.templates
        self.errors += len(result.errors)
        self.by_severity.update(problem.severity for problem in result.problems)

    @property
    def problems(self) -> int:
        return sum(self.by_severity.values())

    @property
    def failing(self) -> int:
        """Problems at or above the ``fail_on`` severity."""
        return sum(n for severity, n in self.by_severity.items() if severity.rank >= self.fail_on.rank)


def lint_paths(paths: Iterable[str], linter: Linter, only: frozenset[Path] | None = None
               ) -> Iterator[FileResult]:
    """Lint every file under ``paths`` in order (those in ``only`` when given), a result per
    batch of templates, so output streams and memory stays flat however large a file is."""
    for entry in loader.discover(paths):
        if isinstance(entry, InputError):
            yield FileResult(entry.path, (), (entry,), 0)
        elif only is None or entry == loader.STDIN or Path(entry).resolve() in only:
            yield from lint_file(entry, linter)


BATCH = 512  # templates read, scored by the classifier and reported together


def batches(path: str, max_file_mib: int) -> Iterator[tuple[list[Template], list[InputError]]]:
    """The templates of one file in batches, each with the input errors met on the way."""
    batch: list[Template] = []
    errors: list[InputError] = []
    for item in loader.read(path, max_file_mib):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        batch.append(item)
        if len(batch) == BATCH:
            yield batch, errors
            batch, errors = [], []
    yield batch, errors


def lint_file(path: str, linter: Linter) -> Iterator[FileResult]:
    display = "<stdin>" if path == loader.STDIN else path
    for part, (batch, errors) in enumerate(batches(path, linter.config.max_file_mib)):
        linter.prepare(batch)
        problems = sorted((p for template in batch for p in linter.lint(template)), key=lambda p: p.sort_key)
        yield FileResult(display, tuple(problems), tuple(errors), len(batch), part)


def classify_paths(paths: Iterable[str], scorer: Scorer) -> Iterator[tuple[Template, Prediction] | InputError]:
    """Every template under ``paths`` with the classifier's prediction, in order."""
    for entry in loader.discover(paths):
        if isinstance(entry, InputError):
            yield entry
            continue
        for batch, errors in batches(entry, loader.DEFAULT_MAX_FILE_MIB):
            yield from errors
            yield from zip(batch, scorer.classifier.predict(batch, explain=True), strict=True)


# --- several processes ------------------------------------------------------------------------

CROSS_TEMPLATE = ("NM004", "CT007")  # rules that compare templates: they run in the parent


LARGE_INPUT_BYTES = 20 * 1024 * 1024


def default_jobs(paths: Iterable[str]) -> int:
    """All cores when the input is large enough to pay for starting them, else one."""
    total = 0
    for entry in loader.discover(paths):
        if isinstance(entry, str) and entry != loader.STDIN:
            total += os.path.getsize(entry)
            if total > LARGE_INPUT_BYTES:
                return os.cpu_count() or 1
    return 1


def lint_paths_distributed(paths: Iterable[str], config: Config, scheduler: str, scorer: Scorer | None = None,
                           only: frozenset[Path] | None = None) -> Iterator[FileResult]:
    """``lint_paths_parallel`` on a Dask cluster, through joblib's Dask backend: the batches go
    to the cluster's workers (which need wtlint installed), the results come back in order."""
    from dask.distributed import Client
    from joblib import parallel_config

    with Client(scheduler) as client, parallel_config(backend="dask"):
        workers = max(1, sum(client.nthreads().values()))
        yield from lint_paths_parallel(paths, config, workers, scorer, only)


def lint_paths_parallel(paths: Iterable[str], config: Config, jobs: int, scorer: Scorer | None = None,
                        only: frozenset[Path] | None = None) -> Iterator[FileResult]:
    """``lint_paths`` over ``jobs`` processes (joblib), same results in the same order.

    The parent reads the files and sends batches of templates to the workers; the rules that
    compare templates across the run (duplicate names and content) run in the parent on each
    batch, so they still see every template exactly as a single process would.
    """
    from collections import deque

    from joblib import Parallel, delayed

    enabled = {rule.code for rule in config.enabled_rules()}
    comparing = tuple(code for code in CROSS_TEMPLATE if code in enabled)
    parent = Linter(dataclasses.replace(config, select=comparing)) if comparing else None
    worker_config = config.with_overrides(ignore=CROSS_TEMPLATE)
    trusted = (scorer.model_dir, scorer.trusted) if scorer is not None else (None, False)
    pending: deque[tuple[str, int, list[Template], list[InputError]]] = deque()

    def tasks() -> Iterator[Any]:
        for entry in loader.discover(paths):
            if isinstance(entry, InputError):
                pending.append((entry.path, 0, [], [entry]))
                yield delayed(_worker_lint)(worker_config, trusted, [])
            elif only is None or entry == loader.STDIN or Path(entry).resolve() in only:
                display = "<stdin>" if entry == loader.STDIN else entry
                for part, (batch, errors) in enumerate(batches(entry, config.max_file_mib)):
                    pending.append((display, part, batch, errors))
                    yield delayed(_worker_lint)(worker_config, trusted, batch)

    with Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs") as parallel:
        for problems in parallel(tasks()):
            display, part, batch, errors = pending.popleft()
            cross = [p for template in batch for p in parent.lint(template)] if parent else []
            ordered = tuple(sorted([*problems, *cross], key=lambda p: p.sort_key))
            yield FileResult(display, ordered, tuple(errors), len(batch), part)


_WORKER_LINTERS: dict[str, Linter] = {}  # one per worker process and configuration


def _worker_lint(config: Config, model: tuple[Path | None, bool], batch: list[Template]) -> list[Problem]:
    key = repr((config, model))
    linter = _WORKER_LINTERS.get(key)
    if linter is None:
        linter = _WORKER_LINTERS[key] = Linter(config, Scorer(model[0], trusted=model[1]))
    linter.prepare(batch)
    return [p for template in batch for p in linter.lint(template)]
