"""CA: the declared category, checked against what the classifier reads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linter import limits, shapes
from linter.problem import Edit, Finding, Location, Severity, Suggestion
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template

if TYPE_CHECKING:
    from linter.classifier.model import Phrase, Prediction
    from linter.classifier.scorer import Scorer
    from linter.rewrite import Rewrite


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


@dataclass(frozen=True, slots=True)
class PromotionalOptions:
    threshold: float | None = None
    reword: bool = True

    def threshold_or(self, model_threshold: float) -> float:
        """The configured threshold, else the model's own."""
        return self.threshold if self.threshold is not None else model_threshold


def _phrase_list(phrases: tuple[Phrase, ...]) -> str:
    return ", ".join(f"'{text}'" for text in list(dict.fromkeys(phrase.text for phrase in phrases))[:5])


def _phrase_details(prediction: Prediction, threshold: float, phrases: tuple[Phrase, ...]) -> dict[str, Any]:
    return {
        "probabilities": {label: round(p, 4) for label, p in prediction.probabilities.items()},
        "threshold": round(threshold, 4),
        "phrases": [{"text": p.text, "pointer": p.pointer, "start": p.start, "end": p.end,
                     "weight": p.weight} for p in phrases],
    }


@rule("CA001", "promotional-content", Severity.WARNING, options=PromotionalOptions,
      needs=("classifier",), predicts=("PROMOTIONAL", "INCORRECT_CATEGORY"), sources=("M-CAT",))
def promotional_content(template: Template, ctx: RuleContext[PromotionalOptions]) -> Iterator[Finding]:
    """A UTILITY or AUTHENTICATION template that reads like marketing.

    ## What it does
    Scores the template with wtlint's classifier (trained on this project's corpus, see
    models/README.md) and flags a template declared UTILITY or AUTHENTICATION (or a legacy
    utility value) whose MARKETING probability is at or above the threshold. The message gives
    the probability and the phrases that pushed the score most, with their location.

    ## Why is this bad?
    Since April 2025 Meta approves such templates as MARKETING: several times the price per
    message, and only to users who opted in to marketing. Coupons, "shop now", cross-sells,
    "we miss you", generic surveys and birthday wishes all count, even after genuine
    transactional text.

    ## Example
        UTILITY: Your order {{1}} has shipped! Use code SAVE10 for 10% off your next order.

    ## Use instead
        UTILITY: Your order {{1}} has shipped and should arrive on {{2}}.
        (and send the coupon in a MARKETING template)

    The suggestion is the transactional rewording of the template (as `wtlint suggest` makes
    it, also in `details.rewording`), or, when none keeps it transactional, to declare it
    MARKETING.

    ## Options
    - `threshold` (float, default: the model's own, chosen so that at most 5% of genuine
      UTILITY templates are flagged)
    - `reword` (bool, default true): work out the rewording for each finding (about 10 ms
      each; turn it off for bulk runs where many templates are flagged)
    """
    if template.effective_category not in ("UTILITY", "AUTHENTICATION") or template.body is None:
        return
    classifier = ctx.classifier
    prediction = classifier.predict(template)
    threshold = ctx.options.threshold_or(classifier.classifier.threshold)
    if prediction.marketing < threshold:
        return
    prediction = classifier.explained(template)
    phrases = prediction.marketing_phrases
    where = Location(phrases[0].pointer, phrases[0].start, phrases[0].end) if phrases else template.body.whole
    because = f" because of {_phrase_list(phrases)}" if phrases else ""
    details = _phrase_details(prediction, threshold, phrases)
    outcome = _rewording(template, classifier, threshold) if ctx.options.reword else None
    if outcome is not None and outcome.action == "reword" and outcome.rewritten is not None:
        body = shapes.component(outcome.rewritten, "BODY") or {}
        details["rewording"] = {"body": body.get("text", ""), "rewritten": outcome.rewritten,
                                "probability_after": round(outcome.probability_after or 0.0, 4),
                                "changes": [change.as_dict() for change in outcome.changes]}
        shown = " / ".join(line for line in str(body.get("text", "")).splitlines() if line.strip())
        suggestion = Suggestion(f"reword it as \"{shown}\" (MARKETING {outcome.probability_after:.0%}; "
                                "wtlint suggest shows and writes the whole rewording), or declare it MARKETING")
    else:
        why = outcome.reason if outcome is not None else "or remove the promotional parts"
        suggestion = Suggestion(f"declare it MARKETING: {why}", (Edit(template.at("category"), "MARKETING"),))
    yield Finding(f"reads as MARKETING ({prediction.marketing:.0%}, threshold {threshold:.0%}){because}",
                  where, suggestion, details=details)


def _rewording(template: Template, scorer: Scorer, threshold: float) -> Rewrite:
    """The transactional rewording of a flagged template (or the advice to declare it MARKETING)."""
    from linter.rewrite import rewrite

    def score(templates: Sequence[Template]) -> list[dict[str, float]]:
        return [p.probabilities for p in scorer.classifier.predict(templates)]

    def explain(template: Template) -> list[str]:
        return [phrase.text for phrase in scorer.classifier.explain(template)[0]]

    return rewrite(shapes.from_template(template), score, threshold, explain)


@dataclass(frozen=True, slots=True)
class UnderclaimedOptions:
    min_utility: float = 0.8


@rule("CA003", "category-underclaimed", Severity.INFO, options=UnderclaimedOptions,
      needs=("classifier",), predicts=(), sources=("M-CAT",))
def category_underclaimed(template: Template, ctx: RuleContext[UnderclaimedOptions]) -> Iterator[Finding]:
    """A MARKETING template that reads as UTILITY: the cheaper category may be available.

    ## What it does
    Flags a template declared MARKETING whose UTILITY probability is at least `min_utility`
    while its MARKETING probability stays below the classifier's threshold.

    ## Why is this bad?
    It is not: Meta accepts it. But a purely transactional message sent as MARKETING costs
    several times more and only reaches users who opted in to marketing.

    ## Example
        MARKETING: Your appointment with {{1}} is confirmed for {{2}}.

    ## Use instead
        UTILITY: Your appointment with {{1}} is confirmed for {{2}}.

    ## Options
    - `min_utility` (float, default 0.8)
    """
    if template.effective_category != "MARKETING" or template.body is None:
        return
    classifier = ctx.classifier
    prediction = classifier.predict(template)
    if (prediction.probabilities["UTILITY"] < ctx.options.min_utility
            or prediction.marketing >= classifier.classifier.threshold):
        return
    prediction = classifier.explained(template)
    phrases = prediction.utility_phrases
    because = f" ({_phrase_list(phrases)})" if phrases else ""
    yield Finding(
        f"declared MARKETING but reads as UTILITY ({prediction.probabilities['UTILITY']:.0%}){because}",
        template.at("category"),
        Suggestion("declare it UTILITY if it only serves a transaction the user made",
                   (Edit(template.at("category"), "UTILITY"),)),
        details=_phrase_details(prediction, classifier.classifier.threshold, phrases),
    )
