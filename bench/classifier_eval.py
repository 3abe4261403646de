"""Evaluate the bundled classifier on real templates and write the numbers into the model card.

Usage: python bench/classifier_eval.py [../shared/eval/real_templates.jsonl]

The file holds real templates written by other people: evaluation only. Nothing from it is
trained on, tuned on or copied; only aggregate metrics are written (models/README.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "real_templates.jsonl"
sys.path.insert(0, str(ROOT))

from linter.classifier.card import BEGIN, END  # noqa: E402


def main(path: Path) -> None:
    report = subprocess.run([sys.executable, "-m", "linter", "evaluate", str(path), "--slice", "label_source"],
                            capture_output=True, text=True, check=True, cwd=ROOT).stdout
    print(report)
    card = ROOT / "models" / "README.md"
    text = card.read_text(encoding="utf-8")
    section = (f"{BEGIN}\n`wtlint evaluate {path.name} --slice label_source` ({path.name}: real templates "
               "gathered from public repositories and provider documentation; evaluation only):\n\n"
               f"```\n{report.rstrip()}\n```\n{END}")
    card.write_text(text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):], encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
