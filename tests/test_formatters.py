"""CI formats: SARIF 2.1.0, GitHub annotations, JUnit XML, and --output."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from click.testing import CliRunner

from linter.cli import main
from linter.formatters import _github_escape
from linter.rules import ALL_RULES

EXAMPLES = Path(__file__).parents[1] / "examples"
BROKEN = str(EXAMPLES / "spring_sale_broken.yaml")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--ignore", "CA", "--no-color", *args])
    return result.exit_code, result.stdout


def test_sarif_has_every_rule_and_located_results() -> None:
    code, out = run("--format", "sarif", BROKEN)
    document = json.loads(out)
    assert code == 1 and document["version"] == "2.1.0"
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in ALL_RULES]
    assert all(r["shortDescription"]["text"] and r["help"]["markdown"] and
               r["defaultConfiguration"]["level"] in ("error", "warning", "note") for r in rules)
    lg001 = next(r for r in run_["results"] if r["ruleId"] == "LG001")
    region = lg001["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 11)
    assert rules[lg001["ruleIndex"]]["id"] == "LG001"


def test_github_annotations_escape_their_properties_and_messages() -> None:
    code, out = run("--format", "github", BROKEN)
    first = out.splitlines()[0]
    assert code == 1
    assert first.startswith(f"::error file={BROKEN},line=2,col=7,title=NM001 name-format::")
    assert _github_escape("a,b:c\n50%", in_property=True) == "a%2Cb%3Ac%0A50%25"


def test_junit_is_valid_xml_with_one_case_per_file() -> None:
    code, out = run("--format", "junit", str(EXAMPLES))
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None and code == 1
    assert suite.get("tests") == "5" and suite.get("failures") == "1"
    failing = [case for case in suite if case.find("failure") is not None]
    assert [case.get("name") for case in failing] == [BROKEN]


def test_output_writes_the_report_and_prints_text(tmp_path: Path) -> None:
    report = tmp_path / "report.sarif"
    code, out = run("--format", "sarif", "--output", str(report), BROKEN)
    assert code == 1
    assert "LG001 error" in out and out.rstrip().endswith("1 file")
    assert json.loads(report.read_text())["runs"][0]["results"]
    assert not list(tmp_path.glob(".*partial"))


def test_pre_commit_hook_and_action_run_wtlint_check() -> None:
    import yaml

    root = Path(__file__).parents[1]
    [hook] = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "wtlint" and hook["entry"] == "wtlint check"
    action = yaml.safe_load((root / "action.yml").read_text())
    commands = " ".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "wtlint check --format github" in commands and "--format sarif --output wtlint.sarif" in commands
