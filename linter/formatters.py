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
from linter.problem import Problem, Severity, Suggestion
from linter.run import FileResult, Summary
from linter.template import Template

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
    lines = [(f"{_plural(summary.problems, 'problem')} ({counts}) in "
              f"{_plural(summary.templates, 'template')}, {_plural(summary.files, 'file')}")]
    if summary.errors:
        lines[0] += f"; {_plural(summary.errors, 'input error')}"
    if summary.in_baseline:
        lines[0] += f"; {summary.in_baseline} more in the baseline"
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
        "start": problem.span[0],
        "end": problem.span[1],
        "suggestion": _suggestion(problem.suggestion),
        **({"details": dict(problem.details)} if problem.details else {}),
    }


def error_dict(error: InputError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "column": error.column, "message": error.message}


def _summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "files": summary.files,
        "templates": summary.templates,
        "problems": summary.problems,
        "by_severity": {s.value: summary.by_severity[s] for s in Severity},
        "input_errors": summary.errors,
        "fail_on": summary.fail_on.value,
        "failing": summary.failing,
        "in_baseline": summary.in_baseline,
    }


def json_end(results: Sequence[FileResult], summary: Summary) -> str:
    document = {
        "version": JSON_SCHEMA_VERSION,
        "findings": [problem_dict(p) for r in results for p in r.problems],
        "errors": [error_dict(e) for r in results for e in r.errors],
        "summary": _summary_dict(summary),
        "unused_ignores": list(summary.unused_ignores),
    }
    return _one_item_per_line(document)


def jsonl_file(result: FileResult) -> str:
    """One JSON object per line as results arrive: ``record`` is ``finding`` (the fields of a
    JSON report's findings) or ``error``; for runs too large to hold a report in memory."""
    records = [{"record": "finding", **problem_dict(p)} for p in result.problems]
    records += [{"record": "error", **error_dict(e)} for e in result.errors]
    return "\n".join(json.dumps(record, ensure_ascii=False) for record in records)


def jsonl_end(results: Sequence[FileResult], summary: Summary) -> str:
    return json.dumps({"record": "summary", "version": JSON_SCHEMA_VERSION, **_summary_dict(summary),
                       "unused_ignores": list(summary.unused_ignores)}, ensure_ascii=False)


def _one_item_per_line(document: dict[str, Any]) -> str:
    """The document with each top-level key, and each item of a top-level list, on a line of
    its own: readable and grep-able, and written by json's C encoder (``indent=`` switches to
    its pure-Python one, which made the report a tenth of a large run's time)."""
    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    members = [f"  {dumps(key)}: [\n    " + ",\n    ".join(map(dumps, value)) + "\n  ]"
               if isinstance(value, list) and value else f"  {dumps(key)}: {dumps(value)}"
               for key, value in document.items()]
    return "{\n" + ",\n".join(members) + "\n}"


@dataclass(frozen=True)
class Format:
    file: Callable[[FileResult], str]
    end: Callable[[Sequence[FileResult], Summary], str]
    streams: bool





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


# --- CI formats -------------------------------------------------------------------------------

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_rule(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.split("## What it does", 1)[-1].split("##", 1)[0].strip()},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity],
                                 "enabled": rule.enabled_by_default},
    }


def _sarif_fixes(problem: Problem) -> dict[str, Any]:
    """``fixes`` for a problem whose suggestion's edits could all be placed in its file."""
    if not problem.fix or problem.suggestion is None:
        return {}
    replacements = [{
        "deletedRegion": {"startLine": edit.start.line, "startColumn": edit.start.column,
                          "endLine": edit.end.line, "endColumn": edit.end.column},
        "insertedContent": {"text": edit.text},
    } for edit in problem.fix]
    return {"fixes": [{"description": {"text": problem.suggestion.title},
                       "artifactChanges": [{"artifactLocation": {"uri": problem.path},
                                            "replacements": replacements}]}]}


def sarif_end(results: Sequence[FileResult], summary: Summary) -> str:
    from linter import __version__, rules

    index = {rule.code: i for i, rule in enumerate(rules.ALL_RULES)}
    findings = [{
        "ruleId": p.code,
        "ruleIndex": index[p.code],
        "level": _SARIF_LEVELS[p.severity],
        "message": {"text": p.message + (f" [{p.template}]" if p.template else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": p.path},
            "region": {"startLine": p.position.line, "startColumn": p.position.column}}}],
        "properties": {"pointer": p.pointer, "template": p.template, "index": p.index,
                       **({"suggestion": p.suggestion.title} if p.suggestion else {})},
        **_sarif_fixes(p),
    } for r in results for p in r.problems]
    notifications = [{"level": "error", "message": {"text": e.message}, "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": e.path}, "region": {"startLine": max(e.line, 1), "startColumn": max(e.column, 1)}}}]}
        for r in results for e in r.errors]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "wtlint", "version": __version__,
                                "rules": [_sarif_rule(rule) for rule in rules.ALL_RULES]}},
            "columnKind": "unicodeCodePoints",  # Position columns count characters, not UTF-16 units
            "results": findings,
            "invocations": [{"executionSuccessful": not summary.errors,
                             "toolExecutionNotifications": notifications}],
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _github_escape(text: str, *, in_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_file(result: FileResult) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's files."""
    lines = []
    for p in result.problems:
        title = _github_escape(f"{p.code} {p.name}", in_property=True)
        lines.append(f"::{_GITHUB_LEVELS[p.severity]} file={_github_escape(p.path, in_property=True)},"
                     f"line={p.position.line},col={p.position.column},title={title}::"
                     f"{_github_escape(p.message)}" + (f" [{_github_escape(p.template)}]" if p.template else ""))
    for e in result.errors:
        lines.append(f"::error file={_github_escape(e.path, in_property=True)},line={max(e.line, 1)},"
                     f"col={max(e.column, 1)},title=input error::{_github_escape(e.message)}")
    return "\n".join(lines)


def junit_end(results: Sequence[FileResult], summary: Summary) -> str:
    """JUnit XML: one test case per file; each finding at or above --fail-on is a failure."""
    from xml.etree import ElementTree as ET

    by_file: dict[str, list[FileResult]] = {}
    for result in results:
        by_file.setdefault(result.path, []).append(result)
    suite = ET.Element("testsuite", name="wtlint", tests=str(len(by_file)))
    failures = 0
    for path, parts in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="wtlint", name=path)
        failing = [p for r in parts for p in r.problems if p.severity.rank >= summary.fail_on.rank]
        for error in (e for r in parts for e in r.errors):
            failures += 1
            ET.SubElement(case, "error", message=error.message).text = text_error(error)
        if failing:
            failures += 1
            ET.SubElement(case, "failure", message=f"{len(failing)} problem(s)").text = \
                "\n".join(click.unstyle(text_problem(p)) for p in failing)
    suite.set("failures", str(failures))
    root = ET.Element("testsuites")
    root.append(suite)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


FORMATS = {
    "text": Format(text_file, text_end, streams=True),
    "json": Format(lambda result: "", json_end, streams=False),
    "jsonl": Format(jsonl_file, jsonl_end, streams=True),  # a record per line, as found
    "sarif": Format(lambda result: "", sarif_end, streams=False),
    "github": Format(github_file, text_end, streams=True),  # annotations, then the summary line
    "junit": Format(lambda result: "", junit_end, streams=False),
}
