"""Baselines: record today's findings, then report only new ones, across line shifts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linter.cli import main

TEMPLATE = {"name": "Bad-Name", "language": "en", "category": "UTILITY",
            "body": "Hi {{1}}, your order {{2}} has shipped and arrives soon.", "examples": ["a", "b"]}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--ignore", "CA,CT", "--no-color", *args])
    return result.exit_code, result.stdout, result.stderr


def test_baseline_hides_known_findings_even_after_lines_move(tmp_path: Path) -> None:
    templates = tmp_path / "t.json"
    templates.write_text(json.dumps([TEMPLATE], indent=2))
    baseline = tmp_path / "baseline.json"
    code, _, err = run("--write-baseline", str(baseline), str(templates))
    assert code == 0 and "1 finding(s) recorded" in err
    # A new template above shifts every line and index; the old finding stays known.
    newcomer = {**TEMPLATE, "name": "Other-Name"}
    templates.write_text(json.dumps([newcomer, TEMPLATE], indent=4))
    code, out, _ = run("--baseline", str(baseline), "--format", "json", str(templates))
    document = json.loads(out)
    assert code == 1
    assert [f["template"] for f in document["findings"]] == ["Other-Name"]
    assert document["summary"]["in_baseline"] == 1


def test_a_finding_recorded_once_is_forgiven_once(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps(TEMPLATE))
    baseline = tmp_path / "baseline.json"
    run("--write-baseline", str(baseline), str(one))
    two.write_text(json.dumps(TEMPLATE))
    code, out, _ = run("--baseline", str(baseline), str(one), str(two))
    assert code == 1 and "two.json" in out and "1 more in the baseline" in out


def test_a_broken_baseline_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text("[1, 2]")
    code, _, err = run("--baseline", str(bad), str(tmp_path))
    assert code == 2 and "not a wtlint baseline" in err
