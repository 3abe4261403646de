"""Validate a hand-written corpus file: schema, placeholders, examples, near-duplicates.

Usage: python3 data/validate_corpus.py data/corpus/<lang>.jsonl [...]
Prints one line per problem and a summary; exits 1 when problems were found.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

FIELDS = {"id", "family", "language", "industry", "category", "case", "name", "header",
          "body", "footer", "buttons", "examples"}
CATEGORIES = {"MARKETING", "UTILITY", "AUTHENTICATION"}
PLACEHOLDER = re.compile(r"\{\{(\d+)\}\}")
NAME = re.compile(r"^[a-z0-9_]+$")


def shingles(text: str) -> set[str]:
    words = re.sub(r"\{\{\d+\}\}", "#", text.lower()).split()
    return {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def check_row(row: dict, where: str) -> list[str]:
    problems = []
    missing = FIELDS - row.keys()
    if missing:
        return [f"{where}: missing fields {sorted(missing)}"]
    if row["category"] not in CATEGORIES:
        problems.append(f"{where}: category {row['category']!r}")
    if not NAME.match(row["name"] or ""):
        problems.append(f"{where}: name {row['name']!r} is not snake_case")
    body = row["body"] or ""
    numbers = [int(n) for n in PLACEHOLDER.findall(body)]
    if sorted(set(numbers)) != list(range(1, len(set(numbers)) + 1)):
        problems.append(f"{where}: body placeholders {numbers} are not 1..N")
    if len(row["examples"]) != len(set(numbers)):
        problems.append(f"{where}: {len(set(numbers))} placeholders but {len(row['examples'])} examples")
    stripped = body.strip(" .!?,;:\n*_")
    if stripped.startswith("{{") or stripped.endswith("}}"):
        problems.append(f"{where}: body starts or ends with a placeholder")
    if re.search(r"\}\}\s*\{\{", body):
        problems.append(f"{where}: two placeholders side by side")
    if len(body) > 1024:
        problems.append(f"{where}: body longer than 1024 characters")
    for label in row["buttons"] or []:
        text = label if isinstance(label, str) else label.get("text", "")
        if not text or len(text) > 25:
            problems.append(f"{where}: button label {text!r} empty or over 25 characters")
    return problems


def main(paths: list[str]) -> int:
    problems: list[str] = []
    for path in paths:
        rows = []
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                problems.append(f"{path}:{number}: invalid JSON: {error}")
        ids = Counter(row.get("id") for _, row in rows)
        problems += [f"{path}: duplicate id {i}" for i, n in ids.items() if n > 1]
        for number, row in rows:
            problems += check_row(row, f"{path}:{number}")
        sets = [(number, row.get("family"), shingles(row.get("body") or "")) for number, row in rows]
        near = 0
        for i, (n1, f1, s1) in enumerate(sets):
            for n2, f2, s2 in sets[i + 1:]:
                if f1 != f2 and s1 and s2 and len(s1 & s2) / len(s1 | s2) > 0.6:
                    near += 1
                    problems.append(f"{path}:{n2}: near-duplicate of line {n1} from another family")
        counts = Counter(row.get("category") for _, row in rows)
        industries = Counter(row.get("industry") for _, row in rows)
        print(f"{path}: {len(rows)} templates, {dict(counts)}, {len(industries)} industries, "
              f"{len({row.get('family') for _, row in rows})} families, {near} near-duplicate pairs")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
