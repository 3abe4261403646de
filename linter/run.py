"""One lint run over paths: read, lint and count, one file at a time, streaming results."""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from linter import loader
from linter.cache import Cache, Entry
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


def lint_paths(paths: Iterable[str], linter: Linter, only: frozenset[Path] | None = None,
               cache: Cache | None = None) -> Iterator[FileResult]:
    """Lint every file under ``paths`` in order (those in ``only`` when given), a result per
    batch of templates, so output streams and memory stays flat however large a file is."""
    for entry in loader.discover(paths):
        if isinstance(entry, InputError):
            yield FileResult(entry.path, (), (entry,), 0)
        elif only is None or entry == loader.STDIN or Path(entry).resolve() in only:
            yield from lint_file(entry, linter, cache)


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


def lint_file(path: str, linter: Linter, cache: Cache | None = None) -> Iterator[FileResult]:
    """One file's results, batch by batch; batches ``cache`` holds are not linted again."""
    entry = cache.entry(path) if cache is not None and path != loader.STDIN else None
    yield from _lint_entry(path, linter, entry)


def _lint_entry(path: str, linter: Linter, entry: Entry | None) -> Iterator[FileResult]:
    display = "<stdin>" if path == loader.STDIN else path
    complete = False
    try:
        for part, (batch, errors) in enumerate(batches(path, linter.config.max_file_mib)):
            problems = _lint_batch(batch, linter, entry)
            yield FileResult(display, problems, tuple(errors), len(batch), part)
        complete = True
    finally:
        if entry is not None:
            entry.close(complete=complete)


def _lint_batch(batch: list[Template], linter: Linter, entry: Entry | None) -> tuple[Problem, ...]:
    cached = entry.replay() if entry is not None else None
    linter.take_suppressed()
    if cached is not None:
        linter.mark_suppressed(cached.suppressed)
        problems = [*cached.problems, *_compare(batch, linter)]
    else:
        linter.prepare(batch)
        problems = [p for template in batch for p in linter.lint(template)]
        if entry is not None:
            entry.record(*_cacheable(problems, linter.take_suppressed()))
    return tuple(sorted(problems, key=lambda p: p.sort_key))


def _compare(batch: list[Template], linter: Linter) -> list[Problem]:
    """The findings of the rules comparing templates, which a cache cannot hold: they depend on
    the other files of the run."""
    comparing = frozenset(CROSS_TEMPLATE)
    return [p for template in batch for p in linter.lint(template, only=comparing)]


def _cacheable(problems: Iterable[Problem], suppressed: Iterable[tuple[str, str]]
               ) -> tuple[tuple[Problem, ...], frozenset[tuple[str, str]]]:
    return (tuple(p for p in problems if p.code not in CROSS_TEMPLATE),
            frozenset(used for used in suppressed if used[1] not in CROSS_TEMPLATE))


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
                           only: frozenset[Path] | None = None, cache: Cache | None = None
                           ) -> Iterator[FileResult]:
    """``lint_paths_parallel`` on a Dask cluster, through joblib's Dask backend: the batches go
    to the cluster's workers (which need wtlint installed), the results come back in order."""
    from dask.distributed import Client
    from joblib import parallel_config

    with Client(scheduler) as client, parallel_config(backend="dask"):
        workers = max(1, sum(client.nthreads().values()))
        yield from lint_paths_parallel(paths, config, workers, scorer, only, cache)


@dataclass
class _Batch:
    """A batch on its way through the workers, with what the parent needs when it is back."""

    path: str
    part: int
    templates: list[Template]
    errors: list[InputError]
    entry: Entry | None = None
    last: bool = True  # the file's last batch: its cache entry can be put in place

    def finish(self, problems: list[Problem], suppressed: frozenset[tuple[str, str]], parent: Linter
               ) -> FileResult:
        """The result once the worker is done (recorded in the cache), with the findings of the
        rules comparing templates, run here in order."""
        if self.entry is not None:
            self.entry.record(tuple(problems), suppressed)
            if self.last:
                self.entry.close(complete=True)
        ordered = tuple(sorted([*problems, *_compare(self.templates, parent)], key=lambda p: p.sort_key))
        return FileResult(self.path, ordered, tuple(self.errors), len(self.templates), self.part)


_Input = tuple[str | InputError, Entry | None]  # a file (or why it cannot be read) and its cache entry


def lint_paths_parallel(paths: Iterable[str], config: Config, jobs: int, scorer: Scorer | None = None,
                        only: frozenset[Path] | None = None, cache: Cache | None = None
                        ) -> Iterator[FileResult]:
    """``lint_paths`` over ``jobs`` processes (joblib), same results in the same order.

    The parent reads the files and sends batches of templates to the workers; the rules that
    compare templates across the run (duplicate names and content) run in the parent on each
    batch, so they still see every template exactly as a single process would. Files the cache
    holds go to no worker: the parent replays them in their turn, as ``lint_paths`` does.
    """
    from joblib import Parallel

    parent = Linter(config, scorer)
    model = (scorer.model_dir, scorer.trusted) if scorer is not None else (None, False)
    lint_batch = partial(_worker_lint, config.with_overrides(ignore=CROSS_TEMPLATE), model)
    with Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs") as parallel:
        for cached, inputs in groupby(_opened(paths, only, cache), key=_is_current):
            if cached:
                for path, entry in inputs:
                    yield from _lint_entry(str(path), parent, entry)
            else:
                yield from _in_workers(parallel, inputs, parent, lint_batch)


def _opened(paths: Iterable[str], only: frozenset[Path] | None, cache: Cache | None) -> Iterator[_Input]:
    for entry in loader.discover(paths):
        if isinstance(entry, InputError):
            yield entry, None
        elif only is None or entry == loader.STDIN or Path(entry).resolve() in only:
            yield entry, cache.entry(entry) if cache is not None and entry != loader.STDIN else None


def _is_current(item: _Input) -> bool:
    return item[1] is not None and item[1].current


def _in_workers(parallel: Any, inputs: Iterable[_Input], parent: Linter,
                lint_batch: Callable[[list[Template]], Any]) -> Iterator[FileResult]:
    """The files' batches linted by the workers, in order; a file's entry records them."""
    from joblib import delayed

    pending: deque[_Batch] = deque()

    def tasks() -> Iterator[Any]:
        for path, entry in inputs:
            if isinstance(path, InputError):
                pending.append(_Batch(path.path, 0, [], [path]))
                yield delayed(lint_batch)([])
                continue
            display = "<stdin>" if path == loader.STDIN else path
            parts = _with_last(batches(path, parent.config.max_file_mib))
            for part, ((templates, errors), last) in enumerate(parts):
                pending.append(_Batch(display, part, templates, errors, entry, last))
                yield delayed(lint_batch)(templates)

    try:
        for problems, suppressed in parallel(tasks()):
            yield pending.popleft().finish(problems, suppressed, parent)
    finally:
        for batch in pending:  # interrupted: drop what was recorded of unfinished files
            if batch.entry is not None:
                batch.entry.close(complete=False)


T = TypeVar("T")


def _with_last(items: Iterable[T]) -> Iterator[tuple[T, bool]]:
    """Each item with whether it is the last one (reading one ahead)."""
    iterator = iter(items)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for following in iterator:
        yield current, False
        current = following
    yield current, True


_WORKER_LINTERS: dict[str, Linter] = {}  # one per worker process and configuration


def _worker_lint(config: Config, model: tuple[Path | None, bool], batch: list[Template]
                 ) -> tuple[list[Problem], frozenset[tuple[str, str]]]:
    """The batch's problems, and the per-template ignores it used (for the cache)."""
    key = repr((config, model))
    linter = _WORKER_LINTERS.get(key)
    if linter is None:
        linter = _WORKER_LINTERS[key] = Linter(config, Scorer(model[0], trusted=model[1]))
    linter.prepare(batch)
    problems = [p for template in batch for p in linter.lint(template)]
    return problems, linter.take_suppressed()
