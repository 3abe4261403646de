"""FT: the footer."""

from __future__ import annotations

from collections.abc import Iterator

from linter import limits
from linter.problem import Finding, Severity
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template, TextField
from linter.textutil import emoji_spans


def _authored_footer(template: Template) -> TextField | None:
    footer = template.footer
    return footer if footer is not None and not footer.generated else None


@rule("FT001", "footer-length", Severity.ERROR, sources=("M-COMP",))
def footer_length(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The footer is at most 60 characters long.

    ## What it does
    Counts the characters of the footer.

    ## Why is this bad?
    Meta refuses longer footers.

    ## Example
        Reply STOP at any time to stop receiving these messages from us.

    ## Use instead
        Reply STOP to opt out
    """
    footer = _authored_footer(template)
    if footer and len(footer.text) > limits.FOOTER_MAX_CHARS:
        yield Finding(f"footer has {len(footer.text)} characters; the limit is "
                      f"{limits.FOOTER_MAX_CHARS}", footer.at(limits.FOOTER_MAX_CHARS, len(footer.text)))


@rule("FT002", "footer-placeholders", Severity.ERROR, sources=("WAM",))
def footer_placeholders(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The footer cannot hold placeholders.

    ## What it does
    Flags any placeholder in the footer.

    ## Why is this bad?
    Footers are static; WhatsApp Manager refuses variables in them.

    ## Example
        Sent by {{1}}

    ## Use instead
        Sent by Acme Stores
    """
    footer = _authored_footer(template)
    if footer and footer.placeholders:
        first = footer.placeholders[0]
        yield Finding(f"placeholder {first.raw} in the footer", footer.at(first.start, first.end))


@rule("FT003", "footer-formatting", Severity.ERROR, sources=("WAM",))
def footer_formatting(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The footer holds no emoji and no newline.

    ## What it does
    Flags emoji and newlines in the footer.

    ## Why is this bad?
    WhatsApp Manager refuses them.

    ## Example
        Thanks for shopping with us 💙

    ## Use instead
        Thanks for shopping with us
    """
    footer = _authored_footer(template)
    if not footer:
        return
    if "\n" in footer.text:
        start = footer.text.index("\n")
        yield Finding("newline in the footer", footer.at(start, start + 1))
    for start, end, found in emoji_spans(footer.text)[:1]:
        yield Finding(f"emoji {found} in the footer", footer.at(start, end))
