"""The one generic runner over tests/rules/cases/*.toml.

Each case names a rule, a template (the flat form merged onto a valid one, or Meta's shape
with ``components``) and what it must find: ``expect`` lists codes or tables with ``code``,
``pointer``, ``start`` and ``message`` (a substring). A case without ``expect`` must pass.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from linter.rules import get
from tests.conftest import lint, make_raw

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def _id(case: dict[str, Any]) -> str:
    return f"{get(case['rule']).code}: {case['name']}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_case(case: dict[str, Any]) -> None:
    rule = get(case["rule"])
    raw = make_raw(case.get("drop", ()), **case.get("template", {}))
    problems = lint(raw, rule.code, options=case.get("options"))
    found = [p for p in problems if p.code == rule.code]
    expected = case.get("expect", [])
    assert len(found) == len(expected), [p.message for p in found]
    for problem, want in zip(found, expected, strict=True):
        want = {"code": want} if isinstance(want, str) else want
        assert problem.code == want["code"]
        if "pointer" in want:
            assert problem.pointer == want["pointer"]
        if "message" in want:
            assert want["message"] in problem.message
        if "severity" in want:
            assert problem.severity.value == want["severity"]
