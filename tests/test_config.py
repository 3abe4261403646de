"""Config discovery, validation with named errors, and rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config, ConfigError, discover, load, parse
from linter.problem import Severity


def codes(config: Config) -> set[str]:
    return {r.code for r in config.enabled_rules()}


def test_defaults_run_every_rule_but_the_opt_in_ones() -> None:
    enabled = codes(Config())
    assert "PH002" in enabled and "PH012" not in enabled


def test_select_by_prefix_code_and_name_and_ignore() -> None:
    config = parse({"select": ["PH", "name-format"], "ignore": ["PH003"]}, "x")
    enabled = codes(config)
    assert {"PH001", "NM001"} <= enabled
    assert "PH003" not in enabled and "BD001" not in enabled
    assert "PH012" not in enabled  # a prefix does not switch on an opt-in rule...
    assert "PH012" in codes(parse({"select": ["PH012"]}, "x"))  # ...naming it does


def test_cli_flags_override_the_file() -> None:
    config = parse({"select": ["PH"], "ignore": ["PH001"], "fail-on": "warning"}, "x")
    merged = config.with_overrides(select=("NM",), ignore=("NM005",), fail_on=Severity.INFO)
    assert codes(merged) == {"NM001", "NM002", "NM003", "NM004"}
    assert merged.fail_on is Severity.INFO


def test_rule_severity_and_options() -> None:
    config = parse({"rules": {"placeholder-density": {"ratio": 2, "severity": "warning"},
                              "BD003": {"max-chars": 700}}}, "x")
    assert config.rules["PH006"].severity is Severity.WARNING
    assert config.rules["PH006"].options.ratio == 2
    assert config.rules["BD003"].options.max_chars == 700


@pytest.mark.parametrize(("table", "message"), [
    ({"selectt": []}, "unknown key 'selectt'"),
    ({"select": "PH"}, "select must be a list of strings"),
    ({"select": ["ZZ"]}, "no rule matches 'ZZ'"),
    ({"fail-on": "fatal"}, "unknown severity 'fatal'"),
    ({"rules": {"no-such-rule": {}}}, "unknown rule 'no-such-rule'"),
    ({"rules": {"placeholder-density": {"ration": 3}}},
     "unknown option 'ration' for rule 'placeholder-density'"),
    ({"rules": {"placeholder-density": {"ratio": "3"}}}, "ratio must be int, not str"),
    ({"rules": {"placeholder-density": {"ratio": True}}}, "ratio must be int, not bool"),
    ({"per-template-ignores": {"order_*": ["XX1"]}}, "no rule matches 'XX1'"),
])
def test_invalid_config_names_the_key(table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match="^where: .*" + message.replace("(", r"\(")):
        parse(table, "where")


def test_discovery_prefers_the_nearest_file_and_stops_at_the_repo(tmp_path: Path) -> None:
    (tmp_path / "wtlint.toml").write_text('select = ["PH"]\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    nested = repo / "templates" / "en"
    nested.mkdir(parents=True)
    assert discover(nested) is None  # the repo root is the boundary
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover(nested) is None  # a pyproject.toml without [tool.wtlint] is not ours
    (repo / "pyproject.toml").write_text('[tool.wtlint]\nfail-on = "warning"\n')
    found = discover(nested)
    assert found == repo / "pyproject.toml"
    assert load(found).fail_on is Severity.WARNING


def test_load_reports_invalid_toml_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "wtlint.toml"
    path.write_text("select = [\n")
    with pytest.raises(ConfigError, match=f"^{path}: invalid TOML"):
        load(path)


def test_the_readme_config_example_is_valid() -> None:
    import re
    import tomllib

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    [example] = [block for block in re.findall(r"```toml\n(.*?)```", readme, re.DOTALL) if "[tool.wtlint]" in block]
    config = parse(tomllib.loads(example)["tool"]["wtlint"], "README")
    assert config.fail_on is Severity.WARNING and config.rules["PH006"].options.ratio == 2
