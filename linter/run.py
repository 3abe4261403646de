"""One lint run over paths: read, lint and count, one file at a time, streaming results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linter import loader
from linter.classifier.scorer import Scorer
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
