"""HD: the header."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter import limits
from linter.problem import Finding, Severity
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template
from linter.textutil import blank_placeholders, emoji_spans


@rule("HD001", "header-length", Severity.ERROR, sources=("M-COMP",))
def header_length(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A text header is at most 60 characters long.

    ## What it does
    Counts the characters of a TEXT header, placeholders as written.

    ## Why is this bad?
    Meta refuses longer headers.

    ## Example
        Important information about your recent order and its delivery

    ## Use instead
        Your order {{1}} is on its way
    """
    for header in template.headers:
        text = header.text
        if text and len(text.text) > limits.HEADER_TEXT_MAX_CHARS:
            yield Finding(f"header has {len(text.text)} characters; the limit is "
                          f"{limits.HEADER_TEXT_MAX_CHARS}",
                          text.at(limits.HEADER_TEXT_MAX_CHARS, len(text.text)))


@rule("HD002", "header-placeholders", Severity.ERROR, sources=("M-COMP",))
def header_placeholders(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A text header holds at most one placeholder.

    ## What it does
    Counts the placeholders of a TEXT header.

    ## Why is this bad?
    Meta allows one variable in a header and refuses more.

    ## Example
        Order {{1}} for {{2}}

    ## Use instead
        Order {{1}}
    """
    for header in template.headers:
        text = header.text
        if text and len(text.placeholders) > 1:
            second = text.placeholders[1]
            yield Finding(f"header has {len(text.placeholders)} placeholders; at most 1",
                          text.at(second.start, text.placeholders[-1].end))


_HEADER_MARKUP = re.compile(r"[*_~`\n]")


@rule("HD003", "header-formatting", Severity.ERROR, sources=("WAM",))
def header_formatting(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A text header is plain text: no emoji, formatting markers or newlines.

    ## What it does
    Flags emoji, `*`, `_`, `~`, backticks and newlines in a TEXT header (an underscore inside
    a named placeholder is fine).

    ## Why is this bad?
    WhatsApp Manager refuses such headers.

    ## Example
        🚚 *Your order is on its way*

    ## Use instead
        Your order is on its way
    """
    for header in template.headers:
        text = header.text
        if not text:
            continue
        plain = blank_placeholders(text.text, text.placeholders)
        markup = _HEADER_MARKUP.search(plain)
        if markup:
            shown = "newline" if markup.group() == "\n" else repr(markup.group())
            yield Finding(f"{shown} in the header", text.at(markup.start(), markup.end()))
        for start, end, found in emoji_spans(plain)[:1]:
            yield Finding(f"emoji {found} in the header", text.at(start, end))


@rule("HD004", "header-format", Severity.ERROR, sources=("M-COMP",))
def header_format(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The header is one of TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION, and there is only one.

    ## What it does
    Flags a header with a missing or unknown `format`, and a second HEADER component.

    ## Why is this bad?
    Meta refuses the template.

    ## Example
        {"type": "HEADER", "format": "GIF"}

    ## Use instead
        {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW..."]}}
    """
    allowed = ", ".join(sorted(limits.HEADER_FORMATS))
    for header in template.headers:
        if header.format not in limits.HEADER_FORMATS:
            shown = repr(header.format) if header.format else "missing"
            yield Finding(f"header format {shown}; use one of {allowed}", header.location)
    for extra in template.headers[1:]:
        yield Finding("a template has at most one header", extra.location)


@rule("HD005", "header-media-example", Severity.ERROR, sources=("M-COMP",))
def header_media_example(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A media header needs a sample file handle.

    ## What it does
    Flags an IMAGE, VIDEO or DOCUMENT header without `example.header_handle` (the handle of
    a sample uploaded with the Resumable Upload API). The flat form's `[IMAGE]` marker cannot
    carry a handle and is not checked.

    ## Why is this bad?
    Reviewers need the sample to approve the template; Meta refuses it without one.

    ## Example
        {"type": "HEADER", "format": "IMAGE"}

    ## Use instead
        {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW..."]}}
    """
    for header in template.headers:
        if header.format in limits.MEDIA_HEADER_FORMATS and header.media_example is False:
            yield Finding(f"{header.format} header without example.header_handle", header.location)
