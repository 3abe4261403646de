"""Meta-tests on the catalogue itself: registry, codes, documentation, cases."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

import linter.rules
from linter.rules import ALL_RULES, get
from linter.rules.base import REJECTION_REASONS, Rule
from tests.rules.test_rule_cases import CASES

RULES_DIR = Path(linter.rules.__file__).parent
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
# Rules that compare templates with each other are tested across templates in test_engine.py.
CROSS_TEMPLATE_RULES = {"NM004", "CT007"}
CATALOGUE = Path(__file__).parents[3] / "shared" / "RULES.md"


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in ALL_RULES}) == len(ALL_RULES)
    assert len({r.name for r in ALL_RULES}) == len(ALL_RULES)


def test_every_rule_defined_in_a_module_is_registered() -> None:
    defined = set()
    for module in RULES_DIR.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Call) and getattr(d.func, "id", "") == "rule"
                    for d in node.decorator_list):
                defined.add(node.name)
    assert defined == {r.check.__name__ for r in ALL_RULES}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.check.__name__ == rule.name.replace("-", "_")
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.code} lacks {section}"
    if dataclasses.fields(rule.options):
        assert "## Options" in rule.doc
        for option in dataclasses.fields(rule.options):
            assert f"`{option.name}`" in rule.doc
    assert set(rule.predicts) <= REJECTION_REASONS
    assert rule.sources


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_has_failing_and_passing_cases(rule: Rule) -> None:
    if rule.code in CROSS_TEMPLATE_RULES:
        return
    cases = [c for c in CASES if get(c["rule"]) is rule]
    assert any(c.get("expect") for c in cases), f"{rule.code} has no failing case"
    assert any(not c.get("expect") for c in cases), f"{rule.code} has no passing case"


@pytest.mark.skipif(not CATALOGUE.exists(), reason="../shared/RULES.md is not beside the repo")
def test_codes_names_and_severities_match_the_catalogue() -> None:
    rows = re.findall(r"^\| ([A-Z]{2}\d{3}) \| ([a-z-]+) \| ([a-z]+)", CATALOGUE.read_text(), re.MULTILINE)
    catalogue = {code: (name, severity) for code, name, severity in rows}
    for rule in ALL_RULES:
        assert catalogue[rule.code] == (rule.name, rule.severity.value), rule.code


def test_lookup_by_code_name_and_case() -> None:
    assert get("ph002") is get("PH002") is get("placeholder-sequence")
    with pytest.raises(KeyError):
        get("XX999")
