"""Evaluate the bundled classifier on real templates and write the numbers into the model card.

Usage: python bench/classifier_eval.py [../shared/eval/real_templates.jsonl]

The file holds real templates written by other people: evaluation only. Nothing from it is
trained on, tuned on or copied; only aggregate metrics are written (models/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "real_templates.jsonl"
sys.path.insert(0, str(ROOT))

from linter.classifier.card import BEGIN, END

TARGETS = (("ROC-AUC, MARKETING vs rest", "roc_auc_marketing", 0.90),
           ("MARKETING recall at <= 5% UTILITY flagged", "marketing_recall_at_5pct_utility", 0.60))

GAP = """What would close the gap (none of it may come from the evaluation file):
- Not more text written for the project: four corpus waves moved real ROC-AUC between 0.85
  and 0.87, and 540 templates by writers who never saw the corpus (data/challenge/, imitating
  real businesses) score 0.99, as the corpus's own test split does. Written text, whoever
  writes it, is as easy for the model as its training data; real templates are not.
- Labels that are Meta's decisions rather than authors' intentions: most real UTILITY
  templates here are labelled by what their authors declared, and some of them read as
  promotional to the model (and may well be re-categorised by Meta). Messaging providers hold
  Meta's decisions on their customers' templates: `wtlint train --data DIR --out DIR` trains
  on such a corpus (same record format), `--model DIR --trust-model` uses it.
- A semantic sentence encoder that ships inside a PyPI package (no download at run time) as an
  extra feature block, so paraphrases the corpus never used still score alike.
- Model variants (words or characters only, C from 2 to 32, character 3-5-grams, balanced
  classes; `python bench/model_selection.py`) all score within 0.01 of the shipped one on the
  validation, test and challenge sets: the features, not their settings, set the ceiling."""


def _evaluate(path: Path, *flags: str) -> str:
    return subprocess.run([sys.executable, "-m", "linter", "evaluate", str(path), "--slice", "label_source",
                           *flags], capture_output=True, text=True, check=True, cwd=ROOT).stdout


def main(path: Path) -> None:
    report = _evaluate(path)
    overall = json.loads(_evaluate(path, "--format", "json"))["overall"]
    print(report)
    rows = "\n".join(f"| {label} | {target:.2f} | {overall[key]:.3f} | "
                     f"{'met' if overall[key] >= target else 'not met'} |" for label, key, target in TARGETS)
    card = ROOT / "models" / "README.md"
    text = card.read_text(encoding="utf-8")
    section = (f"{BEGIN}\n`wtlint evaluate {path.name} --slice label_source` ({path.name}: real templates "
               "gathered from public repositories and provider documentation; evaluation only):\n\n"
               f"```\n{report.rstrip()}\n```\n\n| target | wanted | measured | |\n|---|---|---|---|\n{rows}\n\n"
               f"{GAP}\n{END}")
    card.write_text(text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):], encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
