"""The engine: run the selected rules on a template and stamp what they find.

Rules only find; the engine applies the selection, severity overrides and per-template
ignores, turns locations into file positions, and sorts. It never reads files or prints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import PurePath
from typing import Any

from linter import rules
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.problem import Finding, Problem, Severity
from linter.rules.base import Rule, RuleContext
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
        memory: dict[Any, Any] = {}
        needs_model = any("classifier" in r.needs for r in self.rules)
        self.scorer = (scorer or Scorer()) if needs_model else None
        self._contexts = {r.code: RuleContext(config.options(r), memory,
                                              self.scorer if "classifier" in r.needs else None)
                          for r in self.rules}
        self._severities = {r.code: config.severity(r) for r in self.rules}
        self._ignores = [_Ignore(pattern, frozenset(r.code for s in codes for r in rules.matching(s)))
                         for pattern, codes in config.per_template_ignores]

    def prepare(self, templates: Sequence[Template]) -> None:
        """Let the classifier score a batch before its templates are linted one by one."""
        if self.scorer is not None and templates:
            self.scorer.prepare(templates)

    def lint(self, template: Template) -> list[Problem]:
        ignored = self._ignored_codes(template)
        problems = []
        for rule in self.rules:
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
        )


def _identity(template: Template) -> str:
    if template.name:
        return f"{template.name}/{template.language}"
    body = template.body.text if template.body else ""
    return "body:" + hashlib.sha256(body.encode()).hexdigest()[:16]
