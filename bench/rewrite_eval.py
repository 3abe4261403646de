"""How often ``wtlint suggest`` produces a rewording that works, per language.

A success: the rewording passes every error-level rule, scores below the CA001 threshold and
keeps every placeholder that carries the transaction (``core_examples`` in bench/rewrite/).

    python bench/rewrite_eval.py                       # the project's benchmark set
    python bench/rewrite_eval.py --real ../shared/eval/real_templates.jsonl
                                                       # + real UTILITY templates CA001 flags

The real file is read for evaluation only; nothing from it is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from linter import loader, writer
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.suggest import Advice, Suggester
from linter.template import Template

HERE = Path(__file__).resolve().parent


def outcome(advice: Advice, core: list[str] | None) -> str:
    """``success`` or the first reason it is not one."""
    result = advice.outcome
    if result.action != "reword":
        return f"advised {result.action}"
    if advice.rule_errors:
        return "breaks " + advice.rule_errors[0].split()[0]
    if result.probability_after is None or result.probability_after >= advice.threshold:
        return "still above threshold"
    kept = Counter(result.kept_examples)
    if core is not None and any(kept[value] < n for value, n in Counter(core).items()):
        return "lost a transactional placeholder"
    return "success"


def templates(path: Path) -> list[Template]:
    items = list(loader.read(str(path)))
    bad = [item for item in items if not isinstance(item, Template)]
    if bad:
        sys.exit(f"{path}: {bad[0]}")
    return [item for item in items if isinstance(item, Template)]


def benchmark(suggester: Suggester) -> dict[str, dict[str, object]]:
    report = {}
    for path in sorted((HERE / "rewrite").glob("*.jsonl")):
        reasons: Counter[str] = Counter()
        for template in templates(path):
            reasons[outcome(suggester.advise(template), writer.raw_of(template).get("core_examples"))] += 1
        total = sum(reasons.values())
        report[path.stem] = {"templates": total, "successes": reasons["success"],
                             "success": round(reasons["success"] / total, 3),
                             "failures": dict(reasons - Counter(success=reasons["success"]))}
    return report


def real(suggester: Suggester, path: Path) -> dict[str, object]:
    """UTILITY-declared templates that CA001 flags: how many get a working rewording. Real
    templates often break error rules already (no examples, no name): ``success`` counts a
    rewording that adds no error the original did not have, ``strict`` one with no error at all."""
    flagged = [t for t in templates(path) if t.effective_category == "UTILITY" and t.body is not None
               and suggester.score([t])[0]["MARKETING"] >= suggester.threshold]
    reasons: Counter[str] = Counter()
    strict = 0
    by_language: dict[str, Counter[str]] = defaultdict(Counter)
    for template in flagged:
        advice = suggester.advise(template)
        verdict = outcome(replace(advice, rule_errors=advice.new_rule_errors), None)
        strict += verdict == "success" and not advice.rule_errors
        reasons[verdict] += 1
        by_language[(template.language or "?").split("_")[0]][verdict] += 1
    return {"flagged": len(flagged), "outcomes": dict(reasons), "strict_success": strict,
            "by_language": {k: dict(v) for k, v in sorted(by_language.items())}}


def markdown(benchmark: dict[str, dict[str, object]]) -> str:
    """The per-language table the README shows."""
    rows = ["| language | templates | success | what went wrong otherwise |", "|---|---|---|---|"]
    for language, row in benchmark.items():
        failures = sorted(row["failures"].items(), key=lambda item: -item[1])  # type: ignore[union-attr]
        rows.append(f"| {language} | {row['templates']} | {row['success']:.0%} | "
                    + ", ".join(f"{n} {why}" for why, n in failures) + " |")
    total = sum(int(row["templates"]) for row in benchmark.values())  # type: ignore[call-overload]
    wins = sum(int(row["successes"]) for row in benchmark.values())  # type: ignore[call-overload]
    rows.append(f"| all | {total} | {wins / total:.0%} | |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, help="real templates (JSON Lines) to evaluate on")
    args = parser.parse_args()
    suggester = Suggester(Config(), Scorer())
    report: dict[str, object] = {"benchmark": benchmark(suggester)}
    print(markdown(report["benchmark"]))  # type: ignore[arg-type]
    if args.real:
        report["real"] = real(suggester, args.real)
        print("real:", json.dumps(report["real"], ensure_ascii=False))
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "rewrite.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
