"""Value objects that flow from rules to formatters: findings, problems, suggestions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How sure we are that Meta refuses the template (RULES.md: error > warning > info)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Location:
    """Where in a template a finding points: a JSON pointer and a character span of its text."""

    pointer: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the span at ``location`` with ``replacement``; an empty span at 0 (a location
    with no span, such as ``template.at("name")``) replaces the whole value."""

    location: Location
    replacement: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What to do instead; ``safe`` edits keep the meaning and may be applied automatically."""

    title: str
    edits: tuple[Edit, ...] = ()
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: no code, no severity (the engine stamps those)."""

    message: str
    location: Location
    suggestion: Suggestion | None = None
    severity: Severity | None = None  # a rule may soften one finding (CA002 on legacy values)
    details: Mapping[str, Any] | None = None  # machine-readable extras (CA001's probability)


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column in the file a template came from."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class FileEdit:
    """An edit placed in its file: replace ``start`` up to (not including) ``end`` with ``text``,
    which is already written in the file's syntax (escaped, quoted)."""

    start: Position
    end: Position
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding as reported: stamped with its rule, severity, file and template."""

    path: str
    index: int
    template: str | None
    code: str
    name: str
    severity: Severity
    message: str
    pointer: str
    position: Position
    suggestion: Suggestion | None = None
    details: Mapping[str, Any] | None = None
    template_key: str = ""  # name and language, or a hash of the body: stable across edits
    local_pointer: str = ""  # the pointer inside the template, whatever its place in the file
    fix: tuple[FileEdit, ...] = ()  # the suggestion's edits in the file, when its syntax allows all
    span: tuple[int, int] = (0, 0)  # characters of the text at ``pointer`` (0, 0: the whole value)

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.position.line, self.position.column, self.index, self.code)
