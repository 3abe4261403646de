"""The command line: exit codes, formats, selection, stdin, and the acceptance examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.rules import ALL_RULES

EXAMPLES = Path(__file__).parents[1] / "examples"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


def findings(*args: str, stdin: str | None = None) -> tuple[int, list[dict]]:
    code, out, _ = invoke(*args, "--format", "json", stdin=stdin)
    return code, json.loads(out)["findings"]


def test_seed_example_gives_ph013_and_ph003_and_no_error() -> None:
    code, found = findings("check", str(EXAMPLES / "order_bevestiging.json"))
    assert {f["code"] for f in found} == {"PH013", "PH003"}
    assert all(f["severity"] != "error" for f in found)
    assert code == 0


def test_complete_create_shape_template_gives_no_finding() -> None:
    code, found = findings(str(EXAMPLES / "shipping_update.json"), "--select", "ALL")
    assert found == [] and code == 0


def test_clean_authentication_template_gives_no_finding() -> None:
    code, found = findings(str(EXAMPLES / "login_code.json"))
    assert found == [] and code == 0


def test_json_findings_carry_the_contract_fields() -> None:
    code, found = findings(str(EXAMPLES / "spring_sale_broken.yaml"))
    assert code == 1
    for finding in found:
        assert {"path", "template", "code", "name", "severity", "message", "line", "column",
                "pointer", "suggestion"} <= finding.keys()
    lg001 = next(f for f in found if f["code"] == "LG001")
    assert (lg001["line"], lg001["column"], lg001["pointer"]) == (3, 11, "/language")
    assert lg001["suggestion"]["edits"][0]["replacement"] == "en_US"


def test_text_output_format_and_summary() -> None:
    _, out, _ = invoke("check", "--no-color", str(EXAMPLES / "order_bevestiging.json"))
    lines = out.splitlines()
    assert lines[0].startswith(f"{EXAMPLES / 'order_bevestiging.json'}:5:")
    assert " PH013 warning single-brace" in lines[0] and lines[0].endswith("[order_bevestiging]")
    assert lines[-1] == "2 problems (0 errors, 1 warning, 1 info) in 1 template, 1 file"


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_sets_the_exit_code(fail_on: str, expected: int) -> None:
    code, _, _ = invoke(str(EXAMPLES / "order_bevestiging.json"), "--fail-on", fail_on)
    assert code == expected


def test_select_and_ignore_with_prefixes_and_commas() -> None:
    _, found = findings(str(EXAMPLES / "spring_sale_broken.yaml"), "--select", "PH,NM001",
                        "--ignore", "PH004")
    assert {f["code"] for f in found} == {"NM001", "PH002", "PH005", "PH007"}


def test_stdin_and_quiet() -> None:
    code, out, _ = invoke("check", "-", "--quiet", "--no-color",
                          stdin='{"name": "Bad", "language": "en", "category": "UTILITY", "body": "x y z w"}')
    assert code == 1
    assert out.startswith("<stdin>:1:10: NM001 error")
    assert "problems" not in out


def test_bad_file_is_one_line_exit_2_and_others_still_linted(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "body": }')
    code, out, err = invoke("--format", "json", str(bad), str(EXAMPLES / "order_bevestiging.json"))
    assert code == 2
    assert err.strip() == f"{bad}:1:23: input error: invalid JSON: Expecting value"
    document = json.loads(out)
    assert {f["code"] for f in document["findings"]} == {"PH013", "PH003"}
    assert document["errors"] == [{"path": str(bad), "line": 1, "column": 23,
                                   "message": "invalid JSON: Expecting value"}]
    assert "Traceback" not in out + err


def test_bad_config_is_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "wtlint.toml"
    config.write_text('[rules.placeholder-density]\nration = 3\n')
    code, _, err = invoke("check", "--config", str(config), str(EXAMPLES))
    assert code == 2 and "unknown option 'ration'" in err


def test_unknown_selector_is_exit_2() -> None:
    code, _, err = invoke("check", "--select", "QQ", str(EXAMPLES))
    assert code == 2 and "no rule matches 'QQ'" in err


def test_config_file_is_discovered_from_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.wtlint]\nignore = ["PH013"]\n')
    monkeypatch.chdir(tmp_path)
    _, found = findings(str(EXAMPLES / "order_bevestiging.json"))
    assert {f["code"] for f in found} == {"PH003"}


def test_unused_ignore_is_reported(tmp_path: Path) -> None:
    config = tmp_path / "wtlint.toml"
    config.write_text('[per-template-ignores]\n"nothing_*" = ["PH013"]\n')
    _, out, _ = invoke("check", "--no-color", "--config", str(config), str(EXAMPLES / "order_bevestiging.json"))
    assert "unused per-template ignore: nothing_*: PH013" in out


def test_rules_table_and_rule_docs() -> None:
    code, out, _ = invoke("rules")
    assert code == 0 and len(out.splitlines()) == len(ALL_RULES) and out.startswith("NM001  name-format")
    code, out, _ = invoke("rule", "placeholder-sequence")
    assert code == 0 and out.startswith("PH002 placeholder-sequence (error)")
    assert "## Use instead" in out and "INVALID_FORMAT" in out
    code, _, err = invoke("rule", "XX001")
    assert code == 2 and "unknown rule" in err


def test_no_paths_is_a_usage_error() -> None:
    code, _, _ = invoke("check")
    assert code == 2


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    code, out, _ = invoke("rules", "--markdown")
    committed = (Path(__file__).parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert code == 0 and out == committed, "run: wtlint rules --markdown > docs/rules.md"


def test_ctrl_c_still_reports_what_was_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from linter import cli
    from linter.run import lint_paths

    def interrupted(*args: object, **kwargs: object):
        for number, result in enumerate(lint_paths(*args, **kwargs)):
            if number == 1:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(cli, "lint_paths", interrupted)
    code, out, err = invoke("--format", "json", "--ignore", "CA,CT", str(EXAMPLES))
    assert code == 130 and "interrupted" in err
    assert json.loads(out)["summary"]["files"] == 1
