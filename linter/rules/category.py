"""CA: the declared category (CA001/CA003 come with the classifier)."""

from __future__ import annotations

from collections.abc import Iterator

from linter import limits
from linter.problem import Edit, Finding, Severity, Suggestion
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template


@rule("CA002", "category-unknown", Severity.ERROR, predicts=("INVALID_FORMAT", "INCORRECT_CATEGORY"),
      sources=("M-CAT",))
def category_unknown(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The category is MARKETING, UTILITY or AUTHENTICATION.

    ## What it does
    Flags a missing or unknown category. Legacy values (SHIPPING_UPDATE, TRANSACTIONAL, OTP...)
    are reported as info naming today's category, with a safe fix.

    ## Why is this bad?
    Meta refuses other values; legacy ones are mapped silently and may not land where you think.

    ## Example
        "category": "SHIPPING_UPDATE"

    ## Use instead
        "category": "UTILITY"
    """
    category = template.category
    location = template.at("category")
    if not category:
        yield Finding("template has no category (MARKETING, UTILITY or AUTHENTICATION)", location)
    elif category in limits.LEGACY_CATEGORIES:
        today = limits.LEGACY_CATEGORIES[category]
        yield Finding(f"legacy category {category}; Meta treats it as {today}", location,
                      Suggestion(f"write {today}", (Edit(location, today),), safe=True),
                      severity=Severity.INFO)
    elif category not in limits.CATEGORIES:
        yield Finding(f"unknown category {category!r}; use MARKETING, UTILITY or AUTHENTICATION",
                      location)
