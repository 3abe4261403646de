"""``wtlint suggest``: for each template, its transactional rewording, the advice to submit it as
MARKETING, or nothing to do; each rewording re-checked with the rules and the classifier."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter import loader, shapes, writer
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.engine import Linter
from linter.formatters import error_dict
from linter.loader import InputError
from linter.problem import Problem, Severity
from linter.rewrite import Rewrite, rewrite, template_of
from linter.rules import get
from linter.run import CROSS_TEMPLATE
from linter.template import Template


@dataclass(frozen=True, slots=True)
class Advice:
    """What to do with one template."""

    template: Template
    original: dict[str, Any]  # Meta's create shape
    outcome: Rewrite
    threshold: float
    rule_errors: tuple[str, ...] = ()  # error-level findings the rewritten template still has
    original_errors: frozenset[str] = frozenset()  # codes of those the original had already

    @property
    def new_rule_errors(self) -> tuple[str, ...]:
        """Errors the rewording brought in (the others were there before it)."""
        return tuple(e for e in self.rule_errors if e.split()[0] not in self.original_errors)

    @property
    def action(self) -> str:
        return self.outcome.action

    def diff(self) -> str:
        if self.outcome.rewritten is None:
            return ""
        return "\n".join(difflib.unified_diff(readable(self.original), readable(self.outcome.rewritten),
                                              "original", "suggestion", lineterm="", n=100))

    def as_dict(self) -> dict[str, Any]:
        position = self.template.source.position(self.template.pointer)
        after = self.outcome.probability_after
        return {
            "path": self.template.path,
            "index": self.template.index,
            "template": self.template.name,
            "line": position.line,
            "column": position.column,
            "action": self.action,
            "reason": self.outcome.reason,
            "probability_before": round(self.outcome.probability_before, 4),
            "probability_after": None if after is None else round(after, 4),
            "threshold": round(self.threshold, 4),
            "original": self.original,
            "rewritten": self.outcome.rewritten,
            "diff": self.diff(),
            "changes": [change.as_dict() for change in self.outcome.changes],
            "rule_errors": list(self.rule_errors),
            "new_rule_errors": list(self.new_rule_errors),
            "kept_examples": list(self.outcome.kept_examples),
            "dropped_examples": list(self.outcome.dropped_examples),
        }


@dataclass(frozen=True, slots=True)
class FileAdvice:
    """The advice for every template of one file, and what is needed to write it back."""

    path: str
    advice: tuple[Advice, ...]
    errors: tuple[InputError, ...]
    data: bytes | None = None  # the bytes read, to write the file back

    def rewritten_text(self) -> str | None:
        """The file with every reworded template replaced, or None when nothing changes."""
        if self.data is None:
            return None
        return writer.updated_file(self.data, [
            writer.Update(a.template, shapes.like_original(a.outcome.rewritten, writer.raw_of(a.template)))
            for a in self.advice if a.action == "reword" and a.outcome.rewritten is not None])


class Suggester:
    """Rewrites templates with the run's classifier and checks each rewrite with the rules."""

    def __init__(self, config: Config, scorer: Scorer) -> None:
        self.scorer = scorer
        self.threshold = config.options(get("CA001")).threshold_or(scorer.classifier.threshold)
        self.checker = Linter(config.with_overrides(ignore=(*CROSS_TEMPLATE, "CA001", "CA003")), scorer)

    def score(self, templates: Sequence[Template]) -> list[dict[str, float]]:
        return [p.probabilities for p in self.scorer.classifier.predict(templates)]

    def explain(self, template: Template) -> list[str]:
        return [phrase.text for phrase in self.scorer.classifier.explain(template)[0]]

    def advise(self, template: Template, raw: dict[str, Any] | None = None) -> Advice:
        """The advice for ``template`` (as read, or as ``raw`` when fixes changed it)."""
        original = shapes.to_create_shape(raw if raw is not None else writer.raw_of(template))
        outcome = rewrite(original, self.score, self.threshold, self.explain)
        if outcome.rewritten is None:
            return Advice(template, original, outcome, self.threshold)
        errors = tuple(f"{p.code} {p.message}" for p in self._errors(template_of(outcome.rewritten)))
        before = frozenset(p.code for p in self._errors(template_of(original)))
        return Advice(template, original, outcome, self.threshold, errors, before)

    def _errors(self, template: Template) -> list[Problem]:
        return [p for p in self.checker.lint(template) if p.severity is Severity.ERROR]


def suggest_paths(paths: Iterable[str], suggester: Suggester, max_file_mib: int = loader.DEFAULT_MAX_FILE_MIB
                  ) -> Iterator[FileAdvice]:
    """Advice for every template under ``paths``, file by file."""
    for entry in loader.discover(paths):
        if isinstance(entry, InputError):
            yield FileAdvice(entry.path, (), (entry,))
            continue
        data = loader.read_whole(entry, max_file_mib)
        display = "<stdin>" if entry == loader.STDIN else entry
        if isinstance(data, InputError):
            yield FileAdvice(display, (), (data,))
            continue
        yield advise_bytes(data, display, suggester, loader.suffix(entry))


def advise_bytes(data: bytes, path: str, suggester: Suggester, suffix: str = "") -> FileAdvice:
    """Advice for every template in ``data`` (the bytes of one file of any supported format)."""
    items = list(loader.read_bytes(data, path, suffix or loader.suffix(path)))
    templates = [item for item in items if isinstance(item, Template)]
    return FileAdvice(path, tuple(suggester.advise(t) for t in templates),
                      tuple(item for item in items if isinstance(item, InputError)), data)


def suggest_bytes(data: bytes, filename: str, suggester: Suggester | None = None) -> dict[str, Any]:
    """What ``wtlint suggest --format json`` prints for one file's bytes (the web API's answer)."""
    suggester = suggester or Suggester(Config(), Scorer())
    return payload([advise_bytes(data, filename, suggester)])


def payload(results: Sequence[FileAdvice]) -> dict[str, Any]:
    """The JSON report: ``suggestions`` (one per template) and ``errors`` (input errors)."""
    return {
        "suggestions": [advice.as_dict() for result in results for advice in result.advice],
        "errors": [error_dict(e) for result in results for e in result.errors],
    }


# --- output --------------------------------------------------------------------------------------

def readable(create: dict[str, Any]) -> list[str]:
    """A template as lines a person reads (what the diff compares)."""
    lines = [f"category: {create.get('category', '')}"]
    header = shapes.component(create, "HEADER")
    if header is not None:
        lines.append(f"header: {header.get('text', '[' + str(header.get('format', '')) + ']')}")
    body = shapes.component(create, "BODY")
    if body is not None:
        lines += ["body:", *(f"  {line}" for line in str(body.get("text", "")).split("\n"))]
        rows = (body.get("example") or {}).get("body_text")
        if rows:
            lines.append("examples: " + " | ".join(str(v) for v in rows[0]))
    footer = shapes.component(create, "FOOTER")
    if footer is not None and footer.get("text"):
        lines.append(f"footer: {footer['text']}")
    for button in (shapes.component(create, "BUTTONS") or {}).get("buttons", []):
        target = button.get("url") or button.get("phone_number")
        lines.append(f"button: [{button.get('type', '')}] {button.get('text', '')}"
                     + (f" -> {target}" if target else ""))
    return lines


def advice_text(advice: Advice) -> str:
    where = advice.template.source.position(advice.template.pointer)
    name = advice.template.name or f"template {advice.template.index}"
    head = f"{advice.template.path}:{where.line}:{where.column}: {name}: "
    before = f"MARKETING {advice.outcome.probability_before:.0%}"
    if advice.action == "recategorise":
        return head + f"submit it as MARKETING ({before}): {advice.outcome.reason}"
    after = advice.outcome.probability_after or 0.0
    lines = [head + f"reword ({before} -> {after:.0%}, threshold {advice.threshold:.0%})"]
    lines += [f"  {line}" for line in advice.diff().splitlines()]
    lines.append("  changes:")
    lines += [f"    - {c.action} {c.part}: {c.text} ({c.why})" for c in advice.outcome.changes]
    new = advice.new_rule_errors
    lines += [f"  breaks {error}" + ("" if error in new else " (as the original does)")
              for error in advice.rule_errors]
    return "\n".join(lines)


@dataclass
class Tally:
    templates: int = 0
    reworded: int = 0
    recategorise: int = 0
    errors: int = 0
    written: list[str] = field(default_factory=list)

    def add(self, result: FileAdvice) -> None:
        self.templates += len(result.advice)
        self.reworded += sum(a.action == "reword" for a in result.advice)
        self.recategorise += sum(a.action == "recategorise" for a in result.advice)
        self.errors += len(result.errors)

    def text(self) -> str:
        fine = self.templates - self.reworded - self.recategorise
        line = (f"{self.templates} template(s): {self.reworded} to reword, {self.recategorise} to "
                f"submit as MARKETING, {fine} fine")
        if self.written:
            line += f"; rewrote {len(self.written)} file(s)"
        return line
