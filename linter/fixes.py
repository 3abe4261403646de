"""``wtlint check --fix``: apply the safe fixes rules suggest (and, with ``--unsafe-fixes``, the
rewording of templates that read as MARKETING) to the files, in their own format and layout."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from linter import loader, shapes, writer
from linter.engine import Linter
from linter.loader import InputError
from linter.problem import Edit, Problem
from linter.suggest import Suggester
from linter.template import Template


@dataclass(frozen=True, slots=True)
class FileFix:
    """One file's fixes and how many there are."""

    path: str
    data: bytes
    updates: tuple[writer.Update, ...]
    fixed: int = 0
    reworded: int = 0

    def text(self) -> str | None:
        """The fixed file (None when nothing changes); ``writer.WriteError`` if it cannot be."""
        return writer.updated_file(self.data, self.updates)


def safe_edits(problems: Iterable[Problem]) -> list[Edit]:
    """The edits of the problems' safe fixes, leaving out any that overlaps one already taken."""
    taken: list[Edit] = []
    for problem in problems:
        suggestion = problem.suggestion
        if suggestion is None or not suggestion.safe:
            continue
        if not any(_overlaps(edit, other) for edit in suggestion.edits for other in taken):
            taken.extend(suggestion.edits)
    return taken


def _overlaps(one: Edit, other: Edit) -> bool:
    a, b = one.location, other.location
    whole = (a.start == a.end == 0) or (b.start == b.end == 0)
    return a.pointer == b.pointer and (whole or (a.start < b.end and b.start < a.end))


def fix_paths(paths: Iterable[str], linter: Linter, suggester: Suggester | None = None) -> Iterator[FileFix]:
    """The fixes for every file under ``paths`` (``suggester`` also rewords, for --unsafe-fixes)."""
    for entry in loader.discover(paths):
        if isinstance(entry, InputError) or entry == loader.STDIN:
            continue
        data = loader.read_whole(entry, linter.config.max_file_mib)
        if isinstance(data, InputError):
            continue
        yield fix_bytes(data, entry, linter, suggester)


def fix_bytes(data: bytes, path: str, linter: Linter, suggester: Suggester | None = None) -> FileFix:
    templates = [t for t in loader.read_bytes(data, path, loader.suffix(path)) if isinstance(t, Template)]
    linter.prepare(templates)
    updates, fixed, reworded = [], 0, 0
    for template in templates:
        problems = linter.lint(template)
        edits = safe_edits(problems)
        raw = writer.raw_of(template)
        new = writer.with_edits(raw, template, edits) if edits else raw
        fixed += len(edits)
        if suggester is not None:
            advice = suggester.advise(template, new)
            if advice.action == "reword" and not advice.rule_errors and advice.outcome.rewritten:
                new = shapes.like_original(advice.outcome.rewritten, new)
                reworded += 1
        if new != raw:
            updates.append(writer.Update(template, new))
    return FileFix(path, data, tuple(updates), fixed, reworded)
