"""Output formats as pure functions of results: no decisions, no printing.

A format renders each file's result as it arrives (``file``) and the end of the run (``end``);
JSON renders everything at the end, so its ``file`` returns nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from linter.loader import InputError
from linter.template import Template
from linter.problem import Problem, Severity, Suggestion
from linter.run import FileResult, Summary

if TYPE_CHECKING:
    from linter.classifier.model import Phrase, Prediction

JSON_SCHEMA_VERSION = 1

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _severity_count(count: int, severity: Severity) -> str:
    return f"{count} info" if severity is Severity.INFO else _plural(count, severity.value)


def text_problem(problem: Problem) -> str:
    """``path:line:col: CODE severity message [template]``."""
    position = problem.position
    name = f" [{problem.template}]" if problem.template else f" [#{problem.index}]"
    severity = click.style(problem.severity.value, fg=_COLORS[problem.severity], bold=True)
    code = click.style(problem.code, bold=True)
    line = f"{problem.path}:{position.line}:{position.column}: {code} {severity} {problem.message}{name}"
    if problem.suggestion:
        line += click.style(f"\n    suggestion: {problem.suggestion.title}", dim=True)
    return line


def text_error(error: InputError) -> str:
    return f"{error.path}:{error.line}:{error.column}: {click.style('input error', fg='red', bold=True)}: {error.message}"


def text_file(result: FileResult) -> str:
    return "\n".join(text_problem(problem) for problem in result.problems)


def text_end(results: Sequence[FileResult], summary: Summary) -> str:
    counts = ", ".join(_severity_count(summary.by_severity[s], s) for s in reversed(Severity))
    lines = [f"{_plural(summary.problems, 'problem')} ({counts}) in "
             f"{_plural(summary.templates, 'template')}, {_plural(summary.files, 'file')}"]
    if summary.errors:
        lines[0] += f"; {_plural(summary.errors, 'input error')}"
    lines += [f"unused per-template ignore: {ignore}" for ignore in summary.unused_ignores]
    return "\n".join(lines)


def _suggestion(suggestion: Suggestion | None) -> dict[str, Any] | None:
    if suggestion is None:
        return None
    return {
        "title": suggestion.title,
        "safe": suggestion.safe,
        "edits": [{"pointer": e.location.pointer, "start": e.location.start,
                   "end": e.location.end, "replacement": e.replacement} for e in suggestion.edits],
    }


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path,
        "template": problem.template,
        "index": problem.index,
        "code": problem.code,
        "name": problem.name,
        "severity": problem.severity.value,
        "message": problem.message,
        "line": problem.position.line,
        "column": problem.position.column,
        "pointer": problem.pointer,
        "suggestion": _suggestion(problem.suggestion),
        **({"details": dict(problem.details)} if problem.details else {}),
    }


def error_dict(error: InputError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "column": error.column, "message": error.message}


def json_end(results: Sequence[FileResult], summary: Summary) -> str:
    document = {
        "version": JSON_SCHEMA_VERSION,
        "findings": [problem_dict(p) for r in results for p in r.problems],
        "errors": [error_dict(e) for r in results for e in r.errors],
        "summary": {
            "files": summary.files,
            "templates": summary.templates,
            "problems": summary.problems,
            "by_severity": {s.value: summary.by_severity[s] for s in Severity},
            "input_errors": summary.errors,
            "fail_on": summary.fail_on.value,
            "failing": summary.failing,
        },
        "unused_ignores": list(summary.unused_ignores),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class Format:
    file: Callable[[FileResult], str]
    end: Callable[[Sequence[FileResult], Summary], str]
    streams: bool


FORMATS = {
    "text": Format(text_file, text_end, streams=True),
    "json": Format(lambda result: "", json_end, streams=False),
}



def _phrase_dict(template: Template, phrase: Phrase) -> dict[str, Any]:
    position = template.source.position(phrase.pointer, phrase.start)
    return {"text": phrase.text, "pointer": phrase.pointer, "start": phrase.start, "end": phrase.end,
            "line": position.line, "column": position.column, "weight": phrase.weight}


def classification_dict(template: Template, prediction: Prediction) -> dict[str, Any]:
    return {
        "path": template.path,
        "index": template.index,
        "template": template.name,
        "language": template.language,
        "declared": template.category,
        "predicted": prediction.predicted,
        "probabilities": {label: round(p, 4) for label, p in sorted(prediction.probabilities.items())},
        "marketing_phrases": [_phrase_dict(template, p) for p in prediction.marketing_phrases],
        "utility_phrases": [_phrase_dict(template, p) for p in prediction.utility_phrases],
    }


def classification_text(template: Template, prediction: Prediction) -> str:
    probabilities = ", ".join(f"{label} {p:.0%}" for label, p in sorted(prediction.probabilities.items()))
    name = template.name or f"#{template.index}"
    declared = template.category or "no category"
    phrases = prediction.marketing_phrases if prediction.predicted == "MARKETING" else prediction.utility_phrases
    shown = "; ".join(f"'{p.text}'" for p in phrases)
    verdict = click.style(prediction.predicted, bold=True,
                          fg="red" if prediction.predicted != template.effective_category else "green")
    line = f"{template.path} [{name}]: declared {declared}, reads as {verdict} ({probabilities})"
    return line + (f"\n    because of: {shown}" if shown else "")
