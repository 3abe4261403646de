"""Baselines for gradual adoption: record today's findings, report only new ones later.

A finding's fingerprint leaves out where it sits in the file (line, column, the template's
position in a list), so inserting templates or lines above it does not make it new; it keeps
the file, the template's name and language (or its body when it has no name), the rule, the
place inside the template and the message.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from linter.problem import Problem

VERSION = 1


class BaselineError(ValueError):
    """The baseline file cannot be used; the message names it."""


def fingerprint(problem: Problem) -> str:
    identity = problem.template_key or f"#{problem.index}"
    parts = (Path(problem.path).as_posix(), identity, problem.code, problem.local_pointer, problem.message)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def write(path: Path, problems: Iterable[Problem]) -> int:
    counts = Counter(fingerprint(p) for p in problems)
    document = {"version": VERSION, "tool": "wtlint", "findings": dict(sorted(counts.items()))}
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return sum(counts.values())


@dataclass
class Baseline:
    """Known findings, each allowed as many times as it was recorded."""

    known: Counter[str] = field(default_factory=Counter)
    matched: int = 0

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise BaselineError(f"{path}: cannot read: {error.strerror or error}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BaselineError(f"{path}: not a wtlint baseline: {error}") from None
        if not isinstance(document, dict) or document.get("version") != VERSION \
                or not isinstance(document.get("findings"), dict):
            raise BaselineError(f"{path}: not a wtlint baseline (version {VERSION})")
        try:
            return cls(Counter({str(k): int(v) for k, v in document["findings"].items()}))
        except (TypeError, ValueError):
            raise BaselineError(f"{path}: not a wtlint baseline (counts must be numbers)") from None

    def new(self, problems: Iterable[Problem]) -> tuple[Problem, ...]:
        """The problems the baseline does not know (or knows fewer times)."""
        fresh = []
        for problem in problems:
            key = fingerprint(problem)
            if self.known[key] > 0:
                self.known[key] -= 1
                self.matched += 1
            else:
                fresh.append(problem)
        return tuple(fresh)
