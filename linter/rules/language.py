"""LG: the language code."""

from __future__ import annotations

from collections.abc import Iterator

from linter import limits
from linter.problem import Edit, Finding, Severity, Suggestion
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template


def _closest_code(language: str) -> str | None:
    """``en-us`` -> ``en_US``: what the author most likely meant, if Meta supports it."""
    base, _, region = language.replace("-", "_").partition("_")
    candidate = f"{base.lower()}_{region.upper()}" if region else base.lower()
    return candidate if candidate in limits.SUPPORTED_LANGUAGES else None


@rule("LG001", "language-code", Severity.ERROR, sources=("M-LANG",))
def language_code(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The language is one of Meta's supported codes, written like `en_US`.

    ## What it does
    Flags a missing language and codes Meta does not support; `en-US` and `EN_us` get a
    hint with the code meant.

    ## Why is this bad?
    Meta refuses unknown codes, and the code must match exactly when the template is sent.

    ## Example
        "language": "en-US"

    ## Use instead
        "language": "en_US"
    """
    language = template.language
    location = template.at("language")
    if not language:
        yield Finding("template has no language", location)
    elif language not in limits.SUPPORTED_LANGUAGES:
        meant = _closest_code(language)
        if meant:
            yield Finding(f"language {language!r} is written {meant!r}", location,
                          Suggestion(f"write {meant}", (Edit(location, meant),), safe=True))
        else:
            yield Finding(f"language {language!r} is not a code Meta supports", location)
