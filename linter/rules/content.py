"""CT: content policy (what a template says, in every supported language)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from linter.problem import Finding, Severity
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template, TextField
from linter.textutil import URL


@lru_cache(maxsize=1)
def _shorteners() -> frozenset[str]:
    text = resources.files("linter.resources").joinpath("url_shorteners.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def _host(url: str) -> str:
    candidate = url if "://" in url else f"http://{url}"
    try:
        return (urlsplit(candidate).hostname or "").lower()
    except ValueError:
        return ""


def _is_shortener(host: str) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in _shorteners() for i in range(len(parts) - 1))


def _texts_with_links(template: Template) -> Iterator[TextField]:
    yield from (field for field in template.all_texts() if not field.generated)


@rule("CT001", "url-shortener", Severity.ERROR, predicts=("INVALID_FORMAT", "SCAM"),
      sources=("M-OLDGUIDE", "WAM"))
def url_shortener(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Links must show where they lead: no URL shorteners.

    ## What it does
    Finds links to shortening services (bit.ly, tinyurl.com, goo.gl, t.co, ow.ly, is.gd,
    cutt.ly, rb.gy and others listed in `linter/resources/url_shorteners.txt`) in any text or
    URL button.

    ## Why is this bad?
    Reviewers cannot see the destination and scammers hide behind shorteners: Meta rejects
    such templates.

    ## Example
        Track your parcel: https://bit.ly/3xYz

    ## Use instead
        Track your parcel: https://shop.example.com/track/{{1}}
    """
    for field in _texts_with_links(template):
        for match in URL.finditer(field.text):
            host = _host(match.group())
            if _is_shortener(host):
                yield Finding(f"shortened link ({host}) in the {field.role.value}",
                              field.at(match.start(), match.end()))


_SPACES = re.compile(r"\s+")


def _fingerprint(template: Template) -> str:
    """Body and footer, case and spacing folded, placeholders made anonymous."""
    parts = []
    for field in (template.body, template.footer):
        if field is not None:
            text = field.text
            for placeholder in reversed(field.placeholders):
                text = text[:placeholder.start] + "{{}}" + text[placeholder.end:]
            parts.append(_SPACES.sub(" ", text).strip().casefold())
    return "\n".join(parts)


@rule("CT007", "duplicate-content", Severity.ERROR, predicts=("INVALID_FORMAT",), sources=("M-REV",))
def duplicate_content(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Two templates in the linted set may not say the same thing.

    ## What it does
    Compares body and footer across every template of the run (all files), ignoring case,
    spacing and placeholder numbering or names. AUTHENTICATION templates are exempt: Meta
    writes their text.

    ## Why is this bad?
    Meta rejects a template whose content duplicates an existing one of the account, even
    under another name; translations are separate templates and are not affected.

    ## Example
        order_shipped and order_dispatched both say "Your order {{1}} has shipped."

    ## Use instead
        Keep one template and send it for both cases.
    """
    if template.body is None or template.effective_category == "AUTHENTICATION":
        return
    fingerprint = _fingerprint(template)
    if not fingerprint:
        return
    first = ctx.memory.setdefault(("CT007", template.language, fingerprint), template)
    if first is not template:
        where = first.source.position(first.body.pointer if first.body else first.pointer)
        name = f"'{first.name}'" if first.name else f"template #{first.index}"
        yield Finding(f"same body and footer as {name} at {first.path}:{where.line}", template.body.whole)
