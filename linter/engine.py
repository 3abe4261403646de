"""The engine: run the selected rules on a template and stamp what they find.

Rules only find; the engine applies the selection, severity overrides and per-template
ignores, turns locations into file positions, and sorts. It never reads files or prints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import PurePath

from linter import rules
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.problem import FileEdit, Finding, Problem, Severity, Suggestion
from linter.rules.base import Rule, RuleContext
from linter.sightings import Sightings
from linter.template import Template

MAX_FINDINGS_PER_RULE = 100


@dataclass
class _Ignore:
    pattern: str
    codes: frozenset[str]
    used: set[str] = field(default_factory=set)

    def matches(self, template: Template) -> bool:
        name = template.name or ""
        return fnmatchcase(name, self.pattern) or PurePath(template.path).match(self.pattern)


class Linter:
    """Lints templates one by one for one run (rules comparing templates share its memory)."""

    def __init__(self, config: Config, scorer: Scorer | None = None) -> None:
        self.config = config
        self.rules = config.enabled_rules()
        sightings = Sightings()
        needs_model = any("classifier" in r.needs for r in self.rules)
        self.scorer = (scorer or Scorer()) if needs_model else None
        self._contexts = {r.code: RuleContext(config.options(r), {},
                                              self.scorer if "classifier" in r.needs else None, sightings)
                          for r in self.rules}
        self._severities = {r.code: config.severity(r) for r in self.rules}
        self._ignores = [_Ignore(pattern, frozenset(r.code for s in codes for r in rules.matching(s)))
                         for pattern, codes in config.per_template_ignores]
        self._suppressed: set[tuple[str, str]] = set()  # (pattern, code) since take_suppressed()

    def prepare(self, templates: Sequence[Template]) -> None:
        """Let the classifier, and rules that work faster on many texts at once, see a batch
        before its templates are linted one by one."""
        if not templates:
            return
        if self.scorer is not None:
            self.scorer.prepare(templates)
        for rule in self.rules:
            if rule.prepare is not None:
                rule.prepare(templates, self._contexts[rule.code])

    def lint(self, template: Template, only: frozenset[str] | None = None) -> list[Problem]:
        """The template's problems, sorted; ``only`` runs just those rule codes."""
        ignored = self._ignored_codes(template)
        problems = []
        for rule in self.rules:
            if only is not None and rule.code not in only:
                continue
            for count, finding in enumerate(rule.check(template, self._contexts[rule.code])):
                if rule.code in ignored:
                    self._mark_used(template, rule.code)
                    break
                if count == MAX_FINDINGS_PER_RULE:  # a broken export, not a hundred separate mistakes
                    problems.append(self._stamp(rule, replace(finding, message=(
                        f"{rule.name} stopped after {MAX_FINDINGS_PER_RULE} findings in this template")),
                        template))
                    break
                problems.append(self._stamp(rule, finding, template))
        problems.sort(key=lambda p: p.sort_key)
        return problems

    def unused_ignores(self) -> list[str]:
        """Per-template ignores that suppressed nothing, as ``pattern: CODE`` (so they don't rot)."""
        return [f"{ignore.pattern}: {code}" for ignore in self._ignores
                for code in sorted(ignore.codes - ignore.used)
                if code in {r.code for r in self.rules}]

    def take_suppressed(self) -> frozenset[tuple[str, str]]:
        """The ignores that suppressed a finding since the last call, as (pattern, code)."""
        taken = frozenset(self._suppressed)
        self._suppressed.clear()
        return taken

    def mark_suppressed(self, used: Iterable[tuple[str, str]]) -> None:
        """Count ignores as used without linting (they suppressed findings in a cached file)."""
        for pattern, code in used:
            for ignore in self._ignores:
                if ignore.pattern == pattern and code in ignore.codes:
                    ignore.used.add(code)

    def _ignored_codes(self, template: Template) -> frozenset[str]:
        codes: set[str] = set()
        for ignore in self._ignores:
            if ignore.matches(template):
                codes |= ignore.codes
        return frozenset(codes)

    def _mark_used(self, template: Template, code: str) -> None:
        for ignore in self._ignores:
            if code in ignore.codes and ignore.matches(template):
                ignore.used.add(code)
                self._suppressed.add((ignore.pattern, code))

    def _stamp(self, rule: Rule, finding: Finding, template: Template) -> Problem:
        severity: Severity = self._severities[rule.code] or finding.severity or rule.severity
        location = finding.location
        return Problem(
            path=template.path,
            index=template.index,
            template=template.name,
            code=rule.code,
            name=rule.name,
            severity=severity,
            message=finding.message,
            pointer=location.pointer,
            position=template.source.position(location.pointer, location.start),
            suggestion=finding.suggestion,
            details=finding.details,
            template_key=_identity(template),
            local_pointer=location.pointer.removeprefix(template.pointer),
            fix=_placed(finding.suggestion, template),
            span=(location.start, location.end),
        )


def _placed(suggestion: Suggestion | None, template: Template) -> tuple[FileEdit, ...]:
    """The suggestion's edits in the file; none unless all of them can be placed exactly."""
    if suggestion is None or not suggestion.edits:
        return ()
    return template.source.place(suggestion.edits) or ()


def _identity(template: Template) -> str:
    if template.name:
        return f"{template.name}/{template.language}"
    body = template.body.text if template.body else ""
    return "body:" + hashlib.sha256(body.encode()).hexdigest()[:16]
