"""CI formats: SARIF 2.1.0, GitHub annotations, JUnit XML, and --output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
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


def test_an_unreadable_file_gets_an_annotation_too(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": ', encoding="utf-8")
    code, out = run("--format", "github", str(broken))
    assert code == 2 and out.startswith(f"::error file={broken},") and "title=input error::" in out


def test_json_lines_stream_the_json_report_record_by_record(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": ', encoding="utf-8")
    code, out = run("--format", "jsonl", str(EXAMPLES), str(broken))
    records = [json.loads(line) for line in out.splitlines()]
    _, report = run("--format", "json", str(EXAMPLES), str(broken))
    document = json.loads(report)
    assert code == 2
    assert [r["record"] for r in records] == ["finding"] * len(document["findings"]) + ["error", "summary"]
    assert [{k: v for k, v in r.items() if k != "record"} for r in records[:-2]] == document["findings"]
    assert records[-2]["path"] == str(broken)
    assert records[-1]["problems"] == document["summary"]["problems"] and records[-1]["version"] == 1


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
    assert "WTLINT_CACHE_DIR" in commands
    [cache] = [step for step in action["runs"]["steps"] if step.get("uses", "").startswith("actions/cache")]
    assert cache["with"]["path"] in commands  # the folder restored is the one wtlint is told to use


# --- SARIF fixes ------------------------------------------------------------------------------

def assert_sarif_2_1_0(document: dict) -> None:
    """The properties SARIF 2.1.0's schema requires, and its region constraints, for every
    object wtlint writes (checked offline, without the schema file)."""
    assert document["version"] == "2.1.0" and isinstance(document["runs"], list)
    for run_ in document["runs"]:
        driver = run_["tool"]["driver"]
        assert isinstance(driver["name"], str)
        assert all(isinstance(rule["id"], str) for rule in driver["rules"])
        assert run_.get("columnKind", "utf16CodeUnits") in ("utf16CodeUnits", "unicodeCodePoints")
        for result in run_["results"]:
            assert isinstance(result["message"]["text"], str)
            for location in result["locations"]:
                assert isinstance(location["physicalLocation"]["artifactLocation"]["uri"], str)
                _assert_region(location["physicalLocation"]["region"])
            for fix in result.get("fixes", []):
                assert fix["artifactChanges"] and isinstance(fix["description"]["text"], str)
                for change in fix["artifactChanges"]:
                    assert isinstance(change["artifactLocation"]["uri"], str) and change["replacements"]
                    for replacement in change["replacements"]:
                        _assert_region(replacement["deletedRegion"])
                        assert isinstance(replacement["insertedContent"]["text"], str)
        for invocation in run_["invocations"]:
            assert isinstance(invocation["executionSuccessful"], bool)
            notifications = invocation["toolExecutionNotifications"]
            assert all(isinstance(n["message"]["text"], str) for n in notifications)


def _assert_region(region: dict) -> None:
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    if "endLine" in region:
        assert region["endLine"] >= region["startLine"]
        assert region["endLine"] > region["startLine"] or region["endColumn"] >= region["startColumn"]


def apply_fix(text: str, fix: dict) -> str:
    """``text`` with a SARIF fix applied (1-based lines, columns counted in characters)."""
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    replacements = fix["artifactChanges"][0]["replacements"]
    for replacement in sorted(replacements, key=lambda r: (r["deletedRegion"]["startLine"],
                                                           r["deletedRegion"]["startColumn"]), reverse=True):
        region = replacement["deletedRegion"]
        start = starts[region["startLine"] - 1] + region["startColumn"] - 1
        end = starts[region["endLine"] - 1] + region["endColumn"] - 1
        text = text[:start] + replacement["insertedContent"]["text"] + text[end:]
    return text


def sarif_and_json(path: Path) -> tuple[dict, list[dict]]:
    _, sarif = run("--format", "sarif", str(path))
    _, findings = run("--format", "json", str(path))
    document = json.loads(sarif)
    assert_sarif_2_1_0(document)
    return document, json.loads(findings)["findings"]


def with_edits(document: Any, edits: list[dict]) -> Any:
    """What the suggestion's edits mean on the decoded document (an empty span at 0: all of it)."""
    for edit in sorted(edits, key=lambda e: e["start"], reverse=True):
        *parents, key = edit["pointer"].split("/")[1:]
        holder = document
        for part in parents:
            holder = holder[int(part)] if isinstance(holder, list) else holder[part]
        value, start, end = holder[key], edit["start"], edit["end"]
        replacement = edit["replacement"]
        holder[key] = replacement if start == end == 0 else value[:start] + replacement + value[end:]
    return document


JSON_TEMPLATE = r'''{
  "name": "Order-Update",
  "language": "en-US",
  "category": "UTILITY",
  "body": "Caf\u00e9 \"quoted\" \ud83c\udf89 {1}, then {{ 2 }} and\t{3}",
  "examples": ["a", "b", "c"]
}
'''


def test_sarif_fixes_replace_exactly_the_suggested_characters_of_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(JSON_TEMPLATE, encoding="utf-8")
    document, findings = sarif_and_json(path)
    results = document["runs"][0]["results"]
    assert document["runs"][0]["columnKind"] == "unicodeCodePoints"
    fixed = {r["ruleId"] for r in results if "fixes" in r}
    assert {"NM001", "LG001", "PH001", "PH013"} <= fixed
    for result, finding in zip(results, findings, strict=True):
        if "fixes" not in result:
            continue
        [fix] = result["fixes"]
        assert fix["description"]["text"] == finding["suggestion"]["title"]
        after = json.loads(apply_fix(JSON_TEMPLATE, fix))
        expected = with_edits(json.loads(JSON_TEMPLATE), finding["suggestion"]["edits"])
        assert after == expected, result["ruleId"]
    ph013 = next(r for r in results if r["ruleId"] == "PH013")
    assert json.loads(apply_fix(JSON_TEMPLATE, ph013["fixes"][0]))["body"] == \
        'Café "quoted" 🎉 {{1}}, then {{ 2 }} and\t{{3}}'


YAML_TEMPLATE = '''name: Order-Update
language: "en-US"
category: UTILITY
body: >
  Hi {1}, your order has shipped.
footer: 'Reply {1} to stop'
examples: [a]
'''


def test_sarif_fixes_in_yaml_rewrite_the_scalar_or_are_left_out(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "t.yaml"
    path.write_text(YAML_TEMPLATE, encoding="utf-8")
    document, findings = sarif_and_json(path)
    results = document["runs"][0]["results"]
    for result, finding in zip(results, findings, strict=True):
        if "fixes" in result:
            after = yaml.safe_load(apply_fix(YAML_TEMPLATE, result["fixes"][0]))
            assert after == with_edits(yaml.safe_load(YAML_TEMPLATE), finding["suggestion"]["edits"])
    fixed = {r["ruleId"] for r in results if "fixes" in r}
    assert {"NM001", "LG001"} <= fixed
    assert "PH013" not in fixed  # the body is a folded block scalar: no exact edit, no fix
    assert all("fixes" not in r for r in results if r["properties"].get("suggestion") is None)


def test_csv_findings_have_no_sarif_fix(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("name,language,category,body,examples\nOrder-Update,en-US,UTILITY,Hi {1} there,a\n")
    document, _ = sarif_and_json(path)
    results = document["runs"][0]["results"]
    assert any(r["properties"].get("suggestion") for r in results)
    assert not any("fixes" in r for r in results)


def place(source: Any, pointer: str, replacement: str) -> Any:
    from linter.problem import Edit, Location

    return source.place((Edit(Location(pointer), replacement),))


@pytest.mark.parametrize("break_", ["\r", "\u2028", "\x85"])
def test_no_fix_is_placed_past_a_line_break_that_readers_count_differently(break_: str) -> None:
    from linter.sources import JsonSource, YamlSource

    json_text = '{"name": "Bad-Name",' + break_ + ' "language": "en-US"}'
    yaml_text = "name: Bad-Name" + break_ + "language: en-US\n"
    if break_ == "\r":  # the only one of them JSON allows between tokens
        assert place(JsonSource("t.json", json_text), "/language", "en_US") is None
        assert place(JsonSource("t.json", json_text), "/name", "bad_name")
    assert place(YamlSource("t.yaml", yaml_text), "/language", "en_US") is None
    assert place(YamlSource("t.yaml", yaml_text), "/name", "bad_name")
    assert place(YamlSource("t.yaml", "name: Bad-Name\r\nlanguage: en-US\r\n"), "/language", "x")


def test_several_edits_of_one_yaml_scalar_make_one_replacement(tmp_path: Path) -> None:
    # Found by fuzz/fuzz_readers.py: each edit rewrote the whole scalar, and the second undid the first.
    import yaml

    text = "body: OTP>\n  Hi {1},\n  ]Hi {2},xamp]\nexamples: [a, b]\n"
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    document, _ = sarif_and_json(path)
    [ph013] = [r for r in document["runs"][0]["results"] if r["ruleId"] == "PH013"]
    [change] = ph013["fixes"][0]["artifactChanges"]
    assert len(change["replacements"]) == 1
    assert yaml.safe_load(apply_fix(text, ph013["fixes"][0]))["body"] == "OTP> Hi {{1}}, ]Hi {{2}},xamp]"


def test_output_streams_json_lines_to_the_file_and_leaves_no_partial_file(tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    code, out = run("--format", "jsonl", "--output", str(report), str(EXAMPLES))
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert code == 1 and records[-1]["record"] == "summary" and records[-1]["problems"] == len(records) - 1
    assert f"{records[0]['path']}:{records[0]['line']}:" in out  # the terminal gets text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.jsonl"]


def test_a_model_that_cannot_load_is_one_error_line_and_leaves_no_report_behind(tmp_path: Path) -> None:
    models, reports = tmp_path / "model", tmp_path / "reports"
    models.mkdir()
    reports.mkdir()
    (models / "template_classifier.joblib").write_bytes(b"not a pickle at all")
    result = CliRunner().invoke(main, ["check", "--model", str(models), "--trust-model",
                                       "--output", str(reports / "report.json"), str(EXAMPLES)])
    assert result.exit_code == 2 and list(reports.iterdir()) == []
    assert result.stderr.startswith("wtlint: ") and "not a model made by 'wtlint train'" in result.stderr
    assert "Traceback" not in result.output + result.stderr
