"""Metrics for a labelled set of templates: how well the classifier matches the labels."""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from linter.classifier.model import LABELS, Classifier, Prediction
from linter.template import Template

MAX_UTILITY_FLAGGED = 0.05  # the operating point users care about: few false alarms


def label_of(template: Template) -> str | None:
    """The template's category as a label, legacy values mapped to today's."""
    label = template.effective_category
    return label if label in LABELS else None


def recall_at_utility_rate(marketing: np.ndarray, utility: np.ndarray,
                           rate: float = MAX_UTILITY_FLAGGED) -> tuple[float, float]:
    """MARKETING recall, and the cut-off, where at most ``rate`` of UTILITY scores exceed it."""
    if len(marketing) == 0 or len(utility) == 0:
        return float("nan"), float("nan")
    ranked = np.sort(utility)[::-1]
    allowed = int(np.floor(rate * len(ranked)))
    cutoff = ranked[allowed] if allowed < len(ranked) else -np.inf
    return float(np.mean(marketing > cutoff)), float(cutoff)


def metrics(labels: Sequence[str], predictions: Sequence[Prediction], threshold: float) -> dict[str, Any]:
    """Every number the model card and `wtlint evaluate` report, for one set."""
    from sklearn.metrics import (
        average_precision_score,
        confusion_matrix,
        precision_recall_fscore_support,
        roc_auc_score,
    )

    if not labels:
        return {"templates": 0}
    y = np.array(labels)
    p_marketing = np.array([p.marketing for p in predictions])
    predicted = [p.predicted for p in predictions]
    is_marketing = y == "MARKETING"
    result: dict[str, Any] = {"templates": len(y), "counts": {l: int(np.sum(y == l)) for l in LABELS}}
    if 0 < is_marketing.sum() < len(y):
        result["roc_auc_marketing"] = float(roc_auc_score(is_marketing, p_marketing))
        result["pr_auc_marketing"] = float(average_precision_score(is_marketing, p_marketing))
    recall, cutoff = recall_at_utility_rate(p_marketing[is_marketing], p_marketing[y == "UTILITY"])
    result["marketing_recall_at_5pct_utility"] = recall
    result["cutoff_at_5pct_utility"] = cutoff
    flagged = p_marketing >= threshold
    if (y == "UTILITY").any():
        result["utility_flagged_at_threshold"] = float(np.mean(flagged[y == "UTILITY"]))
    if is_marketing.any():
        result["marketing_recall_at_threshold"] = float(np.mean(flagged[is_marketing]))
    present = [l for l in LABELS if l in set(y) | set(predicted)]
    with warnings.catch_warnings():  # a slice with one label is expected, not a problem
        warnings.simplefilter("ignore", UserWarning)
        precision, recall_, f1, support = precision_recall_fscore_support(
            y, predicted, labels=present, zero_division=0)
        matrix = confusion_matrix(y, predicted, labels=present).tolist()
    result["per_class"] = {label: {"precision": float(precision[i]), "recall": float(recall_[i]),
                                   "f1": float(f1[i]), "support": int(support[i])}
                           for i, label in enumerate(present)}
    result["confusion"] = {"labels": present, "matrix": matrix}
    return result


SCORED_TOGETHER = 512  # templates scored at once, between two progress reports


def evaluate(classifier: Classifier, templates: Sequence[Template], slices: Sequence[str] = ("language",),
             scored: Callable[[int], None] = lambda count: None) -> dict[str, Any]:
    """Overall metrics and, per slicing field, metrics for each of its values; ``scored`` hears
    how many more templates have been scored."""
    labelled = [(t, label_of(t)) for t in templates]
    kept = [(t, label) for t, label in labelled if label is not None]
    predictions = []
    for start in range(0, len(kept), SCORED_TOGETHER):
        batch = [t for t, _ in kept[start:start + SCORED_TOGETHER]]
        predictions += classifier.predict(batch, explain=False)
        scored(len(batch))
    labels = [label for _, label in kept]
    report: dict[str, Any] = {"threshold": classifier.threshold, "model_version": classifier.version,
                              "skipped_without_label": len(labelled) - len(kept),
                              "overall": metrics(labels, predictions, classifier.threshold), "slices": {}}
    for field in slices:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, (template, _) in enumerate(kept):
            groups[str(template.field(field))].append(i)
        report["slices"][field] = {
            value: metrics([labels[i] for i in rows], [predictions[i] for i in rows], classifier.threshold)
            for value, rows in sorted(groups.items())}
    return report
