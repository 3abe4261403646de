"""One lint run over paths: read, lint and count, one file at a time, streaming results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
    """Everything found in one file, problems sorted by position."""

    path: str
    problems: tuple[Problem, ...]
    errors: tuple[InputError, ...]
    templates: int


@dataclass
class Summary:
    """Counts over a whole run, for the summary line and the exit code."""

    fail_on: Severity = Severity.ERROR
    files: int = 0
    templates: int = 0
    errors: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    unused_ignores: tuple[str, ...] = ()

    def add(self, result: FileResult) -> None:
        self.files += 1
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


def lint_paths(paths: Iterable[str], linter: Linter) -> Iterator[FileResult]:
    """Lint every file under ``paths``, one result per file, in order."""
    for entry in loader.discover(paths):
        if isinstance(entry, InputError):
            yield FileResult(entry.path, (), (entry,), 0)
        else:
            yield lint_file(entry, linter)


BATCH = 512  # templates scored together by the classifier


def lint_file(path: str, linter: Linter) -> FileResult:
    problems: list[Problem] = []
    errors: list[InputError] = []
    templates = 0
    display = "<stdin>" if path == loader.STDIN else path
    batch: list[Template] = []
    for item in loader.read(path):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        batch.append(item)
        if len(batch) == BATCH:
            problems.extend(_lint_batch(batch, linter))
            templates += len(batch)
            batch = []
    problems.extend(_lint_batch(batch, linter))
    templates += len(batch)
    problems.sort(key=lambda p: p.sort_key)
    return FileResult(display, tuple(problems), tuple(errors), templates)


def _lint_batch(batch: list[Template], linter: Linter) -> list[Problem]:
    linter.prepare(batch)
    return [problem for template in batch for problem in linter.lint(template)]


def classify_paths(paths: Iterable[str], scorer: Scorer) -> Iterator[tuple[Template, Prediction] | InputError]:
    """Every template under ``paths`` with the classifier's prediction, in order."""
    for entry in loader.discover(paths):
        if isinstance(entry, InputError):
            yield entry
            continue
        batch: list[Template] = []
        for item in loader.read(entry):
            if isinstance(item, InputError):
                yield item
                continue
            batch.append(item)
            if len(batch) == BATCH:
                yield from zip(batch, scorer.classifier.predict(batch, explain=True))
                batch = []
        yield from zip(batch, scorer.classifier.predict(batch, explain=True))
