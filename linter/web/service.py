"""What the web page and its JSON API do, without HTTP: lint one template typed into the form
or the bytes of an uploaded file, reword them, describe the rules and Meta's limits.

A request's templates live only in memory: nothing here writes a file or logs a text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from linter import limits, loader, rules
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.engine import Linter
from linter.formatters import classification_dict, error_dict, json_end, problem_dict, sarif_end
from linter.loader import InputError
from linter.problem import Problem
from linter.rules.base import Rule
from linter.run import BATCH, FileResult, Summary
from linter.template import Template

if TYPE_CHECKING:
    from linter.classifier.model import Prediction

FORM_FILE = "template.json"  # the form is linted as a file holding its one template
RULES_URL = "/rules/"


class UnreadableInput(ValueError):
    """Not one template could be read from the input; ``errors`` say why, with their place."""

    def __init__(self, errors: Sequence[InputError]) -> None:
        super().__init__(errors[0].message if errors else "no template found")
        self.errors = tuple(errors)


@dataclass(frozen=True)
class Report:
    """One lint of the form or of an upload: the CLI's result and what the page shows besides."""

    result: FileResult
    summary: Summary
    templates: tuple[Template, ...]
    predictions: tuple[Prediction | None, ...]
    threshold: float | None  # CA001's MARKETING threshold; None when no CA rule runs


# --- linting -----------------------------------------------------------------------------------

def lint_form(fields: Mapping[str, Any], config: Config, scorer: Scorer) -> Report:
    """Lint the one template the form describes (the flat shape, see ``form_template``)."""
    return lint_bytes(_form_bytes(fields), FORM_FILE, config, scorer)


def lint_bytes(data: bytes, filename: str, config: Config, scorer: Scorer) -> Report:
    """Lint every template of an uploaded file; its name's extension picks the format, else
    its content does. Raises ``UnreadableInput`` when no template at all can be read."""
    path = safe_filename(filename)
    templates, errors = _read(data, path)
    linter = Linter(config, scorer)
    problems: list[Problem] = []
    predictions: list[Prediction | None] = []
    explain = len(templates) == 1  # phrases cost a second scoring: only for the form's template
    for start in range(0, len(templates), BATCH):
        batch = templates[start:start + BATCH]
        linter.prepare(batch)
        for template in batch:
            problems += linter.lint(template)
            predictions.append(_prediction(linter, template, explain=explain))
    result = FileResult(path, tuple(sorted(problems, key=lambda p: p.sort_key)), tuple(errors), len(templates))
    summary = Summary(fail_on=config.fail_on)
    summary.add(result)
    summary.unused_ignores = tuple(linter.unused_ignores())
    threshold = round(config.options(rules.get("CA001")).threshold_or(linter.scorer.classifier.threshold), 4) \
        if linter.scorer is not None else None
    return Report(result, summary, tuple(templates), tuple(predictions), threshold)


def safe_filename(filename: str) -> str:
    """The name an upload is reported under: its last part, printable, never a path to open."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable()).strip()[:200]
    return name or "upload"


def _read(data: bytes, path: str) -> tuple[list[Template], list[InputError]]:
    templates: list[Template] = []
    errors: list[InputError] = []
    for item in loader.read_bytes(data, path, PurePath(path).suffix.lower()):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            templates.append(item)
    if not templates:
        raise UnreadableInput(errors)
    return templates, errors


def _prediction(linter: Linter, template: Template, *, explain: bool) -> Prediction | None:
    if linter.scorer is None or template.body is None:
        return None
    return linter.scorer.explained(template) if explain else linter.scorer.predict(template)


# --- the form ----------------------------------------------------------------------------------

def form_template(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The flat template (see README "What wtlint reads") that the form's fields describe;
    empty fields are left out, so a missing name is reported as missing."""
    raw: dict[str, Any] = {key: fields[key] for key in ("name", "language", "category", "header",
                                                         "header_example", "footer") if fields.get(key)}
    raw["body"] = fields.get("body") or ""
    if fields.get("examples"):
        raw["examples"] = fields["examples"]
    buttons = [_form_button(button) for button in fields.get("buttons") or ()]
    if buttons:
        raw["buttons"] = buttons
    return raw


def _form_button(button: Mapping[str, Any]) -> dict[str, Any]:
    kind = (button.get("type") or "QUICK_REPLY").upper()
    raw: dict[str, Any] = {"type": kind}
    if kind != "COPY_CODE":  # Meta writes the label of a copy-code button itself
        raw["text"] = button.get("text") or ""
    if kind == "URL":
        raw["url"] = button.get("url") or ""
        if button.get("example"):
            raw["example"] = [button["example"]]
    elif kind == "PHONE_NUMBER":
        raw["phone_number"] = button.get("phone_number") or ""
    elif kind == "COPY_CODE" and button.get("example"):
        raw["example"] = button["example"]
    return raw


def _form_bytes(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(form_template(fields), ensure_ascii=False, indent=2).encode()


def form_fields(template: Template) -> dict[str, Any]:
    """The form's fields for a template (the inverse of ``form_template``), for "use this"."""
    header = template.header
    header_text = header.text if header else None
    examples: list[str] | dict[str, str] = []
    if template.body and template.body.named_examples:
        examples = dict(template.body.named_examples)
    elif template.body and template.body.examples:
        examples = list(template.body.examples)
    return {
        "name": template.name or "",
        "language": template.language or "",
        "category": template.category or "",
        "header": header_text.text if header_text else (f"[{header.format}]" if header and header.format else ""),
        "header_example": header_text.examples[0] if header_text and header_text.examples else "",
        "body": template.body.text if template.body else "",
        "examples": examples,
        "footer": template.footer.text if template.footer else "",
        "buttons": [_button_fields(button) for button in template.buttons],
    }


def _button_fields(button: Any) -> dict[str, str]:
    url_example = button.url.examples[0] if button.url and button.url.examples else ""
    return {
        "type": button.type,
        "text": button.text,
        "url": button.url.text if button.url else "",
        "phone_number": button.phone_number or "",
        "example": url_example or button.example or "",
    }


# --- what the API returns ----------------------------------------------------------------------

def json_document(report: Report) -> dict[str, Any]:
    """The CLI's ``--format json`` document, extended (never renamed) for the page: each finding
    gets ``start``/``end`` (its span in the text at ``pointer``) and ``documentation``; and
    ``templates`` lists every template read, with its texts and its classification."""
    document: dict[str, Any] = json.loads(json_end([report.result], report.summary))
    document["findings"] = [_finding_dict(p) for p in report.result.problems]
    document["templates"] = [_template_dict(t, p, report.threshold)
                             for t, p in zip(report.templates, report.predictions, strict=True)]
    return document


def _finding_dict(problem: Problem) -> dict[str, Any]:
    return {**problem_dict(problem), "documentation": f"{RULES_URL}{problem.code}"}


def _template_dict(template: Template, prediction: Prediction | None, threshold: float | None) -> dict[str, Any]:
    classification = None
    if prediction is not None:
        classification = {**classification_dict(template, prediction), "threshold": threshold}
    return {
        "index": template.index,
        "template": template.name,
        "language": template.language,
        "category": template.category,
        "line": template.source.position(template.pointer).line,
        "texts": {text.pointer: text.text for text in template.all_texts()},
        "classification": classification,
    }


def sarif_document(report: Report) -> str:
    """The CLI's ``--format sarif`` report (SARIF 2.1.0)."""
    return sarif_end([report.result], report.summary)


CSV_COLUMNS = ("path", "template", "index", "line", "column", "code", "name", "severity", "message",
               "suggestion", "documentation")


def csv_document(report: Report) -> str:
    """One row per finding, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for finding in json_document(report)["findings"]:
        suggestion = finding["suggestion"]
        writer.writerow({**finding, "suggestion": suggestion["title"] if suggestion else ""})
    return out.getvalue()


def unreadable_dict(error: UnreadableInput) -> dict[str, Any]:
    """The body of the API's answer to an input without any readable template."""
    first = error.errors[0] if error.errors else None
    where = f" (line {first.line}, column {first.column})" if first and first.line else ""
    return {"detail": f"no template could be read: {error}{where}",
            "errors": [error_dict(e) for e in error.errors]}


# --- rewording ---------------------------------------------------------------------------------

def suggest_form(fields: Mapping[str, Any], config: Config, scorer: Scorer) -> dict[str, Any]:
    """``wtlint suggest --format json`` for the form's template, each rewording with its form."""
    return suggest_file(_form_bytes(fields), FORM_FILE, config, scorer)


def suggest_file(data: bytes, filename: str, config: Config, scorer: Scorer) -> dict[str, Any]:
    """``wtlint suggest --format json`` for an upload; a rewritten template also gets ``form``,
    the form's fields holding it (what "use this" puts into the form)."""
    from linter.rewrite import template_of  # the rewording engine loads when asked for
    from linter.suggest import Suggester, suggest_bytes

    path = safe_filename(filename)
    _read(data, path)  # the same answer as linting when nothing can be read
    document = suggest_bytes(data, path, Suggester(config, scorer))
    for suggestion in document["suggestions"]:
        if suggestion.get("rewritten") is not None:
            suggestion["form"] = form_fields(template_of(suggestion["rewritten"]))
    return document


# --- rules and limits --------------------------------------------------------------------------

def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "enabled_by_default": rule.enabled_by_default,
        "summary": rule.summary,
        "documentation": f"{RULES_URL}{rule.code}",
        "doc": rule.doc,
        "predicts": list(rule.predicts),
        "sources": list(rule.sources),
    }


def rules_list() -> list[dict[str, Any]]:
    """Every rule, in catalogue order, with its documentation."""
    return [rule_dict(rule) for rule in rules.ALL_RULES]


def limits_dict() -> dict[str, Any]:
    """Meta's limits the form counts characters against, and the values it offers."""
    return {
        "name": limits.NAME_MAX_CHARS,
        "header": limits.HEADER_TEXT_MAX_CHARS,
        "body": limits.BODY_MAX_CHARS,
        "body_strict": limits.BODY_STRICT_MAX_CHARS,
        "footer": limits.FOOTER_MAX_CHARS,
        "button_label": limits.BUTTON_LABEL_MAX_CHARS,
        "url": limits.URL_MAX_CHARS,
        "phone_number": limits.PHONE_MAX_CHARS,
        "buttons": limits.BUTTONS_MAX,
        "categories": sorted(limits.CATEGORIES),
        "languages": sorted(limits.SUPPORTED_LANGUAGES),
    }
