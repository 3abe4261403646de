"""The rule pattern: a small function, its metadata, typed options and a per-run context."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from linter.problem import Finding, Severity
from linter.sightings import Sightings
from linter.template import Template

if TYPE_CHECKING:
    from linter.classifier.scorer import Scorer

OptionsT = TypeVar("OptionsT")


@dataclass(frozen=True, slots=True)
class NoOptions:
    """For rules without options."""


@dataclass(frozen=True)
class RuleContext(Generic[OptionsT]):
    """What a rule may use besides the template.

    ``sightings`` is run-wide, owned by the engine, for the rules that compare templates with
    each other (NM004, CT007); ``memory`` is the rule's scratch space for the run (what a
    ``prepare`` step worked out for the batch).
    """

    options: OptionsT
    memory: dict[Any, Any] = field(default_factory=dict)
    scorer: Scorer | None = None  # given to the rules that declare needs=("classifier",)
    sightings: Sightings = field(default_factory=Sightings)

    @property
    def classifier(self) -> Scorer:
        if self.scorer is None:
            raise RuntimeError("this rule did not declare needs=('classifier',)")
        return self.scorer


Check = Callable[[Template, RuleContext[Any]], Iterator[Finding]]
Prepare = Callable[[Sequence[Template], RuleContext[Any]], None]


def remember_first(sightings: Sightings, key: tuple[Any, ...], template: Template) -> str | None:
    """For rules comparing templates: where the first template with ``key`` was, if this one is
    not it. Only a hash of the key and the place are kept, not the templates themselves."""
    first = sightings.first(hash(key), (template.path, template.index, template.name))
    if first is None:
        return None
    path, index, name = first
    return f"{path} (template {index + 1}{f' {name!r}' if name else ''})"

# Meta's rejection reasons (RULES.md), for `wtlint rule CODE` to say what a rule predicts.
REJECTION_REASONS = frozenset({"INVALID_FORMAT", "PROMOTIONAL", "ABUSIVE_CONTENT", "SCAM",
                               "INCORRECT_CATEGORY", "TAG_CONTENT_MISMATCH"})


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    options: type = NoOptions
    enabled_by_default: bool = True
    predicts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    prepare: Prepare | None = None  # work done for a whole batch before its templates are checked

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def __call__(self, template: Template, ctx: RuleContext[Any]) -> Iterator[Finding]:
        return self.check(template, ctx)


def rule(code: str, name: str, severity: Severity, *, options: type = NoOptions,
         enabled: bool = True, predicts: tuple[str, ...] = ("INVALID_FORMAT",),
         sources: tuple[str, ...] = (), needs: tuple[str, ...] = (),
         prepare: Prepare | None = None) -> Callable[[Check], Rule]:
    """Wrap a check function with its metadata. Registers nothing (see ``rules/__init__``)."""

    def wrap(check: Check) -> Rule:
        return Rule(code, name, severity, check, options, enabled, predicts, sources, needs, prepare)

    return wrap
