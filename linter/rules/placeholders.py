"""PH: placeholders in the header, body and URL buttons (each field numbered on its own)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter import limits
from linter.placeholders import PlaceholderKind, placeholder_text
from linter.problem import Edit, Finding, Location, Severity, Suggestion
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Role, Template, TextField
from linter.textutil import WORD, blank_placeholders, is_filler, without_placeholders


def _authored(template: Template) -> Iterator[TextField]:
    return (field for field in template.text_fields() if not field.generated)


@rule("PH001", "placeholder-malformed", Severity.ERROR, sources=("M-REV", "CM-KC"))
def placeholder_malformed(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A placeholder is written `{{1}}` or `{{name}}`, nothing else.

    ## What it does
    Finds broken placeholders: unbalanced braces (`{{1}`), spaces (`{{ 1 }}`), `{{1a}}`,
    `[1]`, `[[1]]`, `%1`, `{{#1}}`, `{{$1}}`, triple braces and empty `{{}}`. `#{{1}}` (a
    hash before a good placeholder) is fine.

    ## Why is this bad?
    Meta does not recognise them as variables: the template is rejected as INVALID_FORMAT, or
    the literal braces reach the customer.

    ## Example
        Hi {{ 1 }}, your order [2] has shipped.

    ## Use instead
        Hi {{1}}, your order {{2}} has shipped.
    """
    for field in _authored(template):
        for bad in field.malformed:
            location = field.at(bad.start, bad.end)
            suggestion = None
            if bad.fix:
                suggestion = Suggestion(f"write {bad.fix}", (Edit(location, bad.fix),),
                                        safe=bad.reason == "spaces inside the braces")
            yield Finding(f"malformed placeholder {bad.raw!r} in the {field.role.value}: "
                          f"{bad.reason}", location, suggestion)


@rule("PH002", "placeholder-sequence", Severity.ERROR, sources=("M-REV",))
def placeholder_sequence(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Placeholders in each field must be numbered 1, 2, ... N without gaps.

    ## What it does
    Checks, for the header, the body and each URL button on its own, that the set of numbers
    used is exactly 1..N: no gap, no start at 0 or 2. Repeating a number is allowed.

    ## Why is this bad?
    Meta rejects templates whose variables are not sequential; a skipped number is a parameter
    the sender can never fill.

    ## Example
        Hi {{1}}, your order {{3}} has shipped.

    ## Use instead
        Hi {{1}}, your order {{2}} has shipped.
    """
    for field in _authored(template):
        numbered = field.numbered()
        numbers = sorted({p.number for p in numbered if p.number is not None})
        expected = list(range(1, len(numbers) + 1))
        if numbers == expected:
            continue
        missing = next(n for n, found in zip(expected, numbers, strict=True) if n != found)
        culprit = next(p for p in numbered
                       if p.number is not None and (p.number not in expected or p.number > missing))
        yield Finding(f"placeholders in the {field.role.value} are numbered "
                      f"{', '.join(map(str, numbers))}: expected {placeholder_text(missing)}",
                      field.at(culprit.start, culprit.end))


@rule("PH003", "placeholder-order", Severity.INFO, predicts=(), sources=("M-REV",))
def placeholder_order(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Placeholders should appear in ascending order.

    ## What it does
    Flags a field whose numbers first appear out of order (`{1} ... {3} ... {2}`).

    ## Why is this bad?
    Meta allows it, but reviewers and the people filling the parameters trip over it.

    ## Example
        Track it at {{2}} with number {{1}}.

    ## Use instead
        Track order {{1}} at {{2}}.
    """
    for field in _authored(template):
        seen: list[int] = []
        for placeholder in field.numbered():
            number = placeholder.number
            if number is None or number in seen:
                continue
            if seen and number < seen[-1]:
                yield Finding(f"{placeholder.raw} appears after {seen[-1]} in the "
                              f"{field.role.value}", field.at(placeholder.start, placeholder.end))
                break
            seen.append(number)


@rule("PH004", "placeholder-dangling", Severity.ERROR, sources=("M-REV", "WAM"))
def placeholder_dangling(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The body may not start or end with a placeholder.

    ## What it does
    Flags a body whose first or last word is a placeholder. Punctuation, emoji and spaces
    around it do not count as words, so `{{2}}.` at the end is still dangling.

    ## Why is this bad?
    Meta rejects bodies with leading or trailing variables: the sender could put any text there.

    ## Example
        {{1}}, your order has shipped on {{2}}.

    ## Use instead
        Hello {{1}}, your order has shipped on {{2}}. Thank you!
    """
    body = template.body
    if body is None or body.generated or not body.placeholders:
        return
    text = body.text
    first, last = body.placeholders[0], body.placeholders[-1]
    if all(is_filler(c) for c in text[:first.start]):
        yield Finding(f"body starts with the placeholder {first.raw}", body.at(first.start, first.end))
    if all(is_filler(c) for c in text[last.end:]):
        yield Finding(f"body ends with the placeholder {last.raw}", body.at(last.start, last.end))


@rule("PH005", "placeholder-adjacent", Severity.ERROR, sources=("M-WH-STATUS", "WAM"))
def placeholder_adjacent(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Two placeholders need words between them.

    ## What it does
    Flags placeholders separated by nothing or only by spaces and newlines.

    ## Why is this bad?
    Meta rejects them: the pair can carry any message.

    ## Example
        Hi {{1}} {{2}}, your booking is confirmed.

    ## Use instead
        Hi {{1}}, your booking {{2}} is confirmed.
    """
    for field in _authored(template):
        for left, right in zip(field.placeholders, field.placeholders[1:]):
            if not field.text[left.end:right.start].strip():
                yield Finding(f"{left.raw} and {right.raw} have no words between them",
                              field.at(left.start, right.end))


@dataclass(frozen=True, slots=True)
class DensityOptions:
    ratio: int = limits.PLACEHOLDER_WORD_RATIO


def _word_count(field: TextField) -> int:
    return len(WORD.findall(without_placeholders(field.text, field.placeholders, " x ")))


@rule("PH006", "placeholder-density", Severity.ERROR, options=DensityOptions,
      sources=("M-REV", "SYN"))
def placeholder_density(template: Template, ctx: RuleContext[DensityOptions]) -> Iterator[Finding]:
    """The body needs enough words for its placeholders.

    ## What it does
    Counts the words of the body, each placeholder as one word, and flags a body with fewer
    than `ratio` x placeholders + 1 words.

    ## Why is this bad?
    Meta rejects templates that are "too many variables for their length": such a template can
    carry almost any message.

    ## Example
        {{1}} {{2}} order {{3}}

    ## Use instead
        Hello {{1}}, your order {{2}} will be delivered on {{3}} between 9 and 12.

    ## Options
    - `ratio` (int, default 3)
    """
    body = template.body
    if body is None or body.generated or not body.placeholders:
        return
    count, needed = _word_count(body), ctx.options.ratio * len(body.placeholders) + 1
    if count < needed:
        yield Finding(f"body has {count} words for {len(body.placeholders)} placeholders; "
                      f"it needs at least {needed}", body.whole)


def _expected_keys(field: TextField) -> list[str]:
    return sorted({p.key for p in field.placeholders if p.number is not None}, key=int)


@rule("PH007", "placeholder-example-missing", Severity.ERROR, sources=("M-OV", "M-COMP"))
def placeholder_example_missing(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Every placeholder needs an example value.

    ## What it does
    Checks the header and the body: positional placeholders need exactly one example each
    (`example.body_text`, `example.header_text`, or `examples` in the flat form), named ones
    an entry in `body_text_named_params`. URL buttons are checked by BT003.

    ## Why is this bad?
    Reviewers judge the template with the examples filled in; Meta refuses templates whose
    variables have no sample.

    ## Example
        {"type": "BODY", "text": "Your order {{1}} has shipped."}

    ## Use instead
        {"type": "BODY", "text": "Your order {{1}} has shipped.",
         "example": {"body_text": [["A-10293"]]}}
    """
    for field in _authored(template):
        if field.role is Role.BUTTON_URL or not field.placeholders:
            continue
        yield from _missing_positional(field)
        given = {name for name, _ in field.named_examples}
        for placeholder in field.named():
            if placeholder.name not in given:
                yield Finding(f"no example for {placeholder.raw} in the {field.role.value}",
                              field.at(placeholder.start, placeholder.end))


def _missing_positional(field: TextField) -> Iterator[Finding]:
    keys = _expected_keys(field)
    if not keys:
        return
    if field.examples is None:
        yield Finding(f"{len(keys)} placeholder(s) in the {field.role.value} but no example "
                      "values", field.example_location)
    elif len(field.examples) != len(keys):
        yield Finding(f"{len(keys)} placeholder(s) in the {field.role.value} but "
                      f"{len(field.examples)} example value(s)", field.example_location)


@rule("PH008", "placeholder-mixed-format", Severity.ERROR, sources=("M-OV",))
def placeholder_mixed_format(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Use numbered or named placeholders, not both, and declare named ones.

    ## What it does
    Flags a template mixing `{{1}}` and `{{name}}`, named placeholders without
    `"parameter_format": "NAMED"`, and numbered ones under `NAMED`.

    ## Why is this bad?
    Meta reads placeholders by the declared `parameter_format`; the others are refused.

    ## Example
        Hi {{first_name}}, your order {{1}} has shipped.

    ## Use instead
        "parameter_format": "NAMED", "text": "Hi {{first_name}}, your order {{order_id}} ..."
    """
    placeholders = list(template.placeholders())
    named = [p for p in placeholders if p.kind is PlaceholderKind.NAMED]
    numbered = [p for p in placeholders if p.kind is not PlaceholderKind.NAMED]
    if named and numbered:
        yield Finding(f"numbered ({numbered[0].raw}) and named ({named[0].raw}) placeholders "
                      "in one template", template.location)
    elif named and template.parameter_format != "NAMED":
        yield Finding(f"named placeholder {named[0].raw} needs \"parameter_format\": \"NAMED\"",
                      template.at("parameter_format"))
    elif numbered and template.parameter_format == "NAMED":
        yield Finding(f"numbered placeholder {numbered[0].raw} in a NAMED template",
                      template.at("parameter_format"))


@rule("PH009", "named-placeholder-format", Severity.ERROR, sources=("M-OV", "WAM"))
def named_placeholder_format(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Named placeholders are lowercase snake_case, at most 32 characters, one example each.

    ## What it does
    Flags a named placeholder with uppercase letters or other characters, longer than 32
    characters, or given two different example values.

    ## Why is this bad?
    Meta refuses such names; two examples for one name leave the reviewer guessing.

    ## Example
        Hi {{FirstName}}, ...

    ## Use instead
        Hi {{first_name}}, ...
    """
    for field in _authored(template):
        for placeholder in field.named():
            name = placeholder.name or ""
            if not limits.NAMED_PLACEHOLDER_PATTERN.match(name) or \
                    len(name) > limits.NAMED_PLACEHOLDER_MAX_CHARS:
                fixed = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()[:limits.NAMED_PLACEHOLDER_MAX_CHARS]
                location = field.at(placeholder.start, placeholder.end)
                yield Finding(f"named placeholder {placeholder.raw} must be lowercase letters, "
                              f"digits and underscores, at most {limits.NAMED_PLACEHOLDER_MAX_CHARS}",
                              location, Suggestion(f"rename to {{{{{fixed}}}}}",
                                                   (Edit(location, "{{" + fixed + "}}"),)))
        values: dict[str, str] = {}
        for name, value in field.named_examples:
            if values.setdefault(name, value) != value:
                yield Finding(f"named placeholder '{name}' has two different examples",
                              field.example_location)


_BAD_EXAMPLE = re.compile(rf"[\n\t]| {{{limits.EXAMPLE_MAX_CONSECUTIVE_SPACES + 1},}}")


@rule("PH010", "example-value-format", Severity.WARNING, sources=("M-SEND",))
def example_value_format(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Example values may not hold newlines, tabs or more than four spaces in a row.

    ## What it does
    Checks every example value of the header, body and URL buttons.

    ## Why is this bad?
    Meta refuses such parameters at send time (error 132018), so the example describes a
    message that can never be sent.

    ## Example
        "body_text": [["Line one\\nLine two"]]

    ## Use instead
        "body_text": [["Line one, line two"]]
    """
    for field in _authored(template):
        values = list(field.examples or ()) + [value for _, value in field.named_examples]
        for value in values:
            if _BAD_EXAMPLE.search(value):
                yield Finding(f"example value {value!r} holds a newline, tab or more than "
                              f"{limits.EXAMPLE_MAX_CONSECUTIVE_SPACES} spaces", field.example_location)


@rule("PH011", "placeholder-alone", Severity.WARNING, sources=("HILOS",))
def placeholder_alone(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A placeholder should not stand alone on its line.

    ## What it does
    Flags a body line made only of placeholders and punctuation.

    ## Why is this bad?
    A free-standing variable can carry any content; providers report rejections for it.

    ## Example
        Your order:
        {{1}}

    ## Use instead
        Your order: {{1}}
    """
    body = template.body
    if body is None or body.generated:
        return
    blanked = blank_placeholders(body.text, body.placeholders)
    line_start = 0
    for line in blanked.split("\n"):
        line_end = line_start + len(line)
        inside = [p for p in body.placeholders if line_start <= p.start < line_end]
        if inside and not WORD.search(line):
            yield Finding(f"{inside[0].raw} stands alone on its line",
                          body.at(inside[0].start, inside[-1].end))
        line_start = line_end + 1


@rule("PH012", "placeholder-required", Severity.INFO, enabled=False, predicts=(),
      sources=("SEED",))
def placeholder_required(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Some providers require at least one placeholder (off by default).

    ## What it does
    Flags a template with no placeholder in its header, body or buttons. Enable it with
    `select = ["PH012"]` when your provider asks for one.

    ## Why is this bad?
    A template without a variable is the same message for everyone, which some providers (and
    the seed guidance this project started from) treat as a broadcast, not a notification.

    ## Example
        Your order has shipped.

    ## Use instead
        Your order {{1}} has shipped.
    """
    if template.body is not None and not any(True for _ in template.placeholders()):
        yield Finding("template has no placeholder", template.body.whole)


@rule("PH013", "legacy-placeholder-syntax", Severity.WARNING, sources=("CM-KC",))
def legacy_placeholder_syntax(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Single-brace `{1}` placeholders must become `{{1}}`.

    ## What it does
    Finds placeholders in the single-brace syntax of some providers' older forms and offers
    the safe conversion (`wtlint check --fix`).

    ## Why is this bad?
    Meta only knows `{{1}}`: `{1}` is sent to the customer as typed.

    ## Example
        Hallo {1}, bedankt voor je bestelling!

    ## Use instead
        Hallo {{1}}, bedankt voor je bestelling!
    """
    for field in _authored(template):
        legacy = [p for p in field.placeholders if p.kind is PlaceholderKind.LEGACY]
        if not legacy:
            continue
        edits = tuple(Edit(field.at(p.start, p.end), placeholder_text(p.number or 0)) for p in legacy)
        shown = ", ".join(p.raw for p in legacy)
        yield Finding(f"single-brace placeholder(s) {shown} in the {field.role.value}; Meta "
                      "needs {{1}}", Location(field.pointer, legacy[0].start, legacy[0].end),
                      Suggestion("convert to double braces", edits, safe=True))
