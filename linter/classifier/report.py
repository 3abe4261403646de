"""Readable text for an evaluation report (the JSON form is the report itself)."""

from __future__ import annotations

import math
from typing import Any


def _number(value: Any) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.3f}"


def _row(name: str, m: dict[str, Any]) -> str:
    return (f"{name:<28} {m['templates']:>5} {_number(m.get('roc_auc_marketing')):>8} "
            f"{_number(m.get('pr_auc_marketing')):>8} {_number(m.get('marketing_recall_at_5pct_utility')):>10} "
            f"{_number(m.get('utility_flagged_at_threshold')):>10} {_number(m.get('marketing_recall_at_threshold')):>10}")


HEADER = (f"{'slice':<28} {'n':>5} {'ROC-AUC':>8} {'PR-AUC':>8} {'rec@5%FP':>10} "
          f"{'U flagged':>10} {'M recall':>10}")


def evaluation_text(report: dict[str, Any]) -> str:
    overall = report["overall"]
    lines = [f"model {report['model_version']}, MARKETING threshold {report['threshold']:.3f}",
             ("ROC-AUC / PR-AUC: MARKETING vs rest; rec@5%FP: MARKETING recall where at most 5% of "
              "UTILITY is flagged; U flagged / M recall: at the model's threshold"), "", HEADER,
             _row("overall", overall)]
    for field, values in report["slices"].items():
        lines += ["", f"by {field}:"] + [_row(f"  {value}", m) for value, m in values.items()]
    lines += ["", "per class (overall):"]
    for label, m in overall["per_class"].items():
        lines.append(f"  {label:<16} precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                     f"f1 {m['f1']:.3f}  n {m['support']}")
    confusion = overall["confusion"]
    lines += ["", "confusion (rows: label, columns: predicted): " + " ".join(confusion["labels"])]
    lines += [f"  {label:<16} {row}" for label, row in zip(confusion["labels"], confusion["matrix"])]
    if report["skipped_without_label"]:
        lines.append(f"\n{report['skipped_without_label']} templates without a usable category were skipped")
    return "\n".join(lines)
