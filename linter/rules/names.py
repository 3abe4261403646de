"""NM: the template name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter import limits
from linter.problem import Edit, Finding, Severity, Suggestion
from linter.rules.base import NoOptions, RuleContext, remember_first, rule
from linter.template import Template


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@rule("NM001", "name-format", Severity.ERROR, sources=("M-OV",))
def name_format(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Template names may only hold lowercase letters, digits and underscores.

    ## What it does
    Checks the name against `^[a-z0-9_]+$`: no uppercase, spaces, hyphens or dots.

    ## Why is this bad?
    Meta's API refuses to create a template with any other character in its name.

    ## Example
        name: Order-Confirmation v2

    ## Use instead
        name: order_confirmation_v2
    """
    name = template.name
    if name and not limits.NAME_PATTERN.match(name):
        slug = _slug(name)
        yield Finding(
            f"name {name!r} may only contain lowercase letters, digits and underscores",
            template.at("name"),
            Suggestion(f"rename to {slug!r}", (Edit(template.at("name"), slug),)) if slug else None,
        )


@rule("NM002", "name-length", Severity.ERROR, sources=("M-OV",))
def name_length(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Template names are at most 512 characters long.

    ## What it does
    Counts the characters of the name.

    ## Why is this bad?
    Meta refuses longer names when the template is created.

    ## Example
        name: a name of 600 characters

    ## Use instead
        name: order_shipped_with_tracking
    """
    if template.name and len(template.name) > limits.NAME_MAX_CHARS:
        yield Finding(f"name has {len(template.name)} characters; the limit is "
                      f"{limits.NAME_MAX_CHARS}", template.at("name"))


@rule("NM003", "name-missing", Severity.ERROR, sources=("M-OV",))
def name_missing(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Every template needs a name.

    ## What it does
    Reports a template whose `name` is absent or blank.

    ## Why is this bad?
    The name identifies the template when it is created and when it is sent; Meta refuses a
    template without one.

    ## Example
        {"language": "en_US", "category": "UTILITY", "components": [...]}

    ## Use instead
        {"name": "order_shipped", "language": "en_US", ...}
    """
    if not (template.name or "").strip():
        yield Finding("template has no name", template.at("name"))


@rule("NM004", "duplicate-name", Severity.ERROR, sources=("M-OV",))
def duplicate_name(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A name and language pair may appear only once in the linted set.

    ## What it does
    Compares every template of the run, across all files, by (name, language).

    ## Why is this bad?
    Meta keys templates by name and language: the second submission is refused, or silently
    edits the approved one.

    ## Example
        order_shipped (en_US) in a.json and again in b.yaml

    ## Use instead
        Give the variants distinct names, or distinct languages if they are translations.
    """
    if not template.name:
        return
    first = remember_first(ctx.sightings, ("NM004", template.name, template.language), template)
    if first is not None:
        yield Finding(f"template {template.name!r} ({template.language}) is already defined in "
                      f"{first}", template.at("name"))


_OPAQUE = re.compile(
    r"^(?:template|test|testing|new|new_template|untitled|temp|tmp|sample|demo|draft|copy|"
    r"my_template|message|msg|hello_world|default|foo|bar|abc|xyz|t|x)_?\d*(?:_copy)?$|^[a-z]?\d+$"
)


@rule("NM005", "name-opaque", Severity.INFO, sources=("BP",), predicts=())
def name_opaque(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A name should say what the template is for.

    ## What it does
    Flags names such as `template_014`, `test1`, `new_template` or `untitled`.

    ## Why is this bad?
    Reviewers read the name with the text; an opaque name gives them no context and makes a
    library of templates hard to maintain.

    ## Example
        name: template_014

    ## Use instead
        name: delivery_rescheduled
    """
    if template.name and _OPAQUE.match(template.name):
        yield Finding(f"name {template.name!r} says nothing about the message", template.at("name"))
