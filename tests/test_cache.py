"""The findings cache: the same results with and without it, and no rule run twice on a file."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from linter import cache as cache_module
from linter.cache import Cache, settings_digest
from linter.classifier.scorer import Scorer
from linter.cli import main
from linter.config import Config, RuleSettings, parse
from linter.engine import Linter
from linter.problem import Edit, FileEdit, Location, Position, Problem, Severity, Suggestion
from linter.rules import get
from linter.run import CROSS_TEMPLATE, FileResult, lint_paths, lint_paths_parallel
from linter.template import Template

EXAMPLES = Path(__file__).parents[1] / "examples"
TEMPLATE = {"name": "order_update", "language": "en", "category": "UTILITY",
            "body": "Hi {1}, your order {{2}} has shipped and arrives soon.", "examples": ["a", "b"]}


def write(path: Path, **fields: Any) -> Path:
    path.write_text(json.dumps({**TEMPLATE, **fields}, indent=2), encoding="utf-8")
    return path


def counting(linter: Linter) -> Counter[str]:
    """Count each rule's calls from now on."""
    calls: Counter[str] = Counter()

    def spy(rule: Any) -> Any:
        def check(template: Template, ctx: Any) -> Iterator[Any]:
            calls[rule.code] += 1
            return rule.check(template, ctx)
        return dataclasses.replace(rule, check=check)

    linter.rules = tuple(spy(rule) for rule in linter.rules)
    return calls


def run(paths: list[Path], config: Config, folder: Path | None) -> tuple[list[FileResult], Counter[str]]:
    """One run with a fresh linter, as the command line does; the rule calls it made."""
    linter = Linter(config)
    calls = counting(linter)
    cache = Cache.open(folder, config, None) if folder is not None else None
    return list(lint_paths([str(p) for p in paths], linter, cache=cache)), calls


STRUCTURAL = Config(ignore=("CA", "CT006"))


def test_a_rerun_on_unchanged_files_runs_only_the_rules_comparing_templates(tmp_path: Path) -> None:
    files = [write(tmp_path / "a.json"), write(tmp_path / "b.json", name="other")]
    uncached, _ = run(files, STRUCTURAL, None)
    cold, cold_calls = run(files, STRUCTURAL, tmp_path / "cache")
    warm, warm_calls = run(files, STRUCTURAL, tmp_path / "cache")
    assert cold == warm == uncached and any(r.problems for r in warm)
    assert cold_calls["PH013"] == 2 and set(warm_calls) == set(CROSS_TEMPLATE)


def test_an_edited_file_is_linted_again_and_the_others_are_not(tmp_path: Path) -> None:
    files = [write(tmp_path / "a.json"), write(tmp_path / "b.json", name="other")]
    run(files, STRUCTURAL, tmp_path / "cache")
    write(files[1], name="other", body="Hi {{1}}, your order {{2}} is on its way.")
    results, calls = run(files, STRUCTURAL, tmp_path / "cache")
    assert calls["PH013"] == 1  # b.json only
    assert results == run(files, STRUCTURAL, None)[0]


@pytest.mark.parametrize("changed", [
    Config(ignore=("CA", "CT006", "PH003")),
    dataclasses.replace(STRUCTURAL, rules={"PH013": RuleSettings(severity=Severity.ERROR)}),
    dataclasses.replace(STRUCTURAL,
                        rules={"BD003": RuleSettings(options=get("BD003").options(max_chars=20))}),
    dataclasses.replace(STRUCTURAL, per_template_ignores=(("order_*", ("PH013",)),)),
])
def test_changed_settings_lint_everything_again(tmp_path: Path, changed: Config) -> None:
    files = [write(tmp_path / "a.json")]
    run(files, STRUCTURAL, tmp_path / "cache")
    results, calls = run(files, changed, tmp_path / "cache")
    assert calls["NM001"] == 1
    assert results == run(files, changed, None)[0]


def test_the_model_is_part_of_the_key_only_when_a_classifier_rule_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "model.joblib"
    model.write_bytes(b"one")
    with_model = Config()
    trusted = settings_digest(with_model, Scorer(model, trusted=True))
    assert trusted != settings_digest(with_model, None)
    model.write_bytes(b"two")
    assert settings_digest(with_model, Scorer(model, trusted=True)) != trusted
    assert settings_digest(STRUCTURAL, Scorer(model, trusted=True)) == settings_digest(STRUCTURAL, None)
    bundled = settings_digest(with_model, None)
    monkeypatch.setattr("linter.classifier.pinned.MODEL_SHA256", "0" * 64)
    assert settings_digest(with_model, None) != bundled


def test_wtlint_code_and_version_are_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = settings_digest(STRUCTURAL, None)
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    assert settings_digest(STRUCTURAL, None) != before
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "_code_digest", lambda: "edited")
    assert settings_digest(STRUCTURAL, None) != before


@pytest.mark.parametrize("damage", [
    lambda text: "not a cache entry\n",
    lambda text: "",
    lambda text: text.replace('"PH013"', '"PH014"'),  # the line no longer matches its digest
    lambda text: text.splitlines()[0] + "\n",  # no batch at all
])
def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path: Path, damage: Any) -> None:
    files = [write(tmp_path / "a.json")]
    expected, _ = run(files, STRUCTURAL, tmp_path / "cache")
    [entry] = (tmp_path / "cache").glob("*.cache")
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    results, calls = run(files, STRUCTURAL, tmp_path / "cache")
    assert results == expected and calls["NM001"] == 1
    _, calls = run(files, STRUCTURAL, tmp_path / "cache")
    assert calls["NM001"] == 0


def test_duplicates_across_a_cached_and_a_changed_file_are_still_reported(tmp_path: Path) -> None:
    files = [write(tmp_path / "a.json"), write(tmp_path / "b.json", name="other")]
    run(files, STRUCTURAL, tmp_path / "cache")
    write(files[1])  # now the same name and body as a.json
    results, _ = run(files, STRUCTURAL, tmp_path / "cache")
    duplicates = [p.code for r in results for p in r.problems if p.code in CROSS_TEMPLATE]
    assert sorted(duplicates) == ["CT007", "NM004"]
    write(files[0], name="renamed", body="Something else entirely, {{1}} and {{2}}.")  # b.json cached
    results, _ = run(files, STRUCTURAL, tmp_path / "cache")
    assert results == run(files, STRUCTURAL, None)[0]
    assert not [p for r in results for p in r.problems if p.code in CROSS_TEMPLATE]


def test_unused_ignores_are_the_same_on_a_cached_run(tmp_path: Path) -> None:
    config = dataclasses.replace(STRUCTURAL, per_template_ignores=(("order_*", ("PH013", "NM005")),))
    files = [write(tmp_path / "a.json")]
    for _ in range(2):
        linter = Linter(config)
        list(lint_paths([str(files[0])], linter, cache=Cache.open(tmp_path / "cache", config, None)))
        assert linter.unused_ignores() == ["order_*: NM005"]


def test_every_problem_field_survives_the_cache() -> None:
    problem = Problem(
        path="t.json", index=3, template="t", code="PH013", name="legacy-placeholder-syntax",
        severity=Severity.WARNING, message="m \ud800 🎉", pointer="/body", position=Position(5, 18),
        suggestion=Suggestion("convert", (Edit(Location("/body", 1, 4), "{{1}}"), Edit(Location("/x"), "y")),
                              safe=True),
        details={"probabilities": {"MARKETING": 0.1234}, "phrases": [{"text": "x", "start": 1}]},
        template_key="t/en", local_pointer="/body",
        fix=(FileEdit(Position(5, 18), Position(5, 21), "{{1}}"),))
    encoded = cache_module._problem_dict(problem)
    assert encoded.keys() == {f.name for f in dataclasses.fields(Problem)}, "store the new field"
    line = cache_module._line(encoded)
    assert cache_module._problem(cache_module._checked(line)) == problem


def test_an_interrupted_file_leaves_no_entry_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text((json.dumps(TEMPLATE) + "\n") * 1100)
    cache = Cache.open(tmp_path / "cache", STRUCTURAL, None)
    results = lint_paths([str(path)], Linter(STRUCTURAL), cache=cache)
    next(results)
    results.close()
    assert {p.name for p in (tmp_path / "cache").iterdir()} <= {".gitignore", "CACHEDIR.TAG"}


def test_several_processes_use_the_cache_with_the_same_results(tmp_path: Path) -> None:
    files = [write(tmp_path / "a.json"), write(tmp_path / "b.jsonl"), write(tmp_path / "c.json", name="c")]
    files[1].write_text(json.dumps(TEMPLATE) + "\n" + json.dumps({**TEMPLATE, "name": "Bad"}) + "\n")
    paths = [str(p) for p in files]
    expected, _ = run(files, STRUCTURAL, None)
    folder = tmp_path / "cache"
    cold = list(lint_paths_parallel(paths, STRUCTURAL, 2, cache=Cache.open(folder, STRUCTURAL, None)))
    assert len(list(folder.glob("*.cache"))) == 3
    warm, calls = run(files, STRUCTURAL, folder)  # entries written by workers serve a single process
    assert cold == warm == expected and set(calls) == set(CROSS_TEMPLATE)
    again = list(lint_paths_parallel(paths, STRUCTURAL, 2, cache=Cache.open(folder, STRUCTURAL, None)))
    assert again == expected
    write(files[1], name="order_update")  # the middle file changes: cached, linted, cached
    mixed = list(lint_paths_parallel(paths, STRUCTURAL, 2, cache=Cache.open(folder, STRUCTURAL, None)))
    assert mixed == run(files, STRUCTURAL, None)[0]


# --- the command line -------------------------------------------------------------------------

def check(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--no-color", *args], input=stdin)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_the_report_is_identical_with_and_without_the_cache(tmp_path: Path, output_format: str) -> None:
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "a.json")
    write(tmp_path / "in" / "b.json", category="MARKETING")
    args = ("--format", output_format, str(EXAMPLES), str(tmp_path / "in"))
    folder = str(tmp_path / "cache")
    uncached = check("--no-cache", *args)
    assert check("--cache-dir", folder, *args) == uncached  # cold
    assert check("--cache-dir", folder, *args) == uncached  # warm
    assert len(list(Path(folder).glob("*.cache"))) == 7
    tag = (Path(folder) / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (Path(folder) / ".gitignore").read_text().splitlines()[-1] == "*"


def test_no_cache_and_stdin_write_no_cache(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    check("--no-cache", "--cache-dir", str(folder), str(EXAMPLES))
    check("--cache-dir", str(folder), "-", stdin=json.dumps(TEMPLATE))
    assert not folder.exists()


def test_cache_dir_in_the_config_is_relative_to_the_config_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse({"cache-dir": "build/lint-cache"}, "wtlint.toml", tmp_path / "wtlint.toml")
    assert config.cache_dir == tmp_path / "build" / "lint-cache"
    (tmp_path / "wtlint.toml").write_text('cache-dir = "build/lint-cache"\n')
    monkeypatch.delenv("WTLINT_CACHE_DIR")
    check("--config", str(tmp_path / "wtlint.toml"), str(write(tmp_path / "a.json")))
    assert list((tmp_path / "build" / "lint-cache").glob("*.cache"))


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    files = [write(tmp_path / "a.json")]
    (tmp_path / "cache").write_text("a file, not a folder")
    results, calls = run(files, STRUCTURAL, tmp_path / "cache")
    assert results == run(files, STRUCTURAL, None)[0] and calls["NM001"] == 1
