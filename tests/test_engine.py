"""Engine: severity overrides, suppressions, unused ignores, cross-template rules, ordering."""

from __future__ import annotations

from linter.config import Config, RuleSettings, parse
from linter.engine import Linter
from linter.problem import Severity
from tests.conftest import make_raw, make_template


def test_severity_override_beats_the_rule_and_the_finding() -> None:
    raw = make_raw(category="SHIPPING_UPDATE", name="Bad-Name")
    linter = Linter(Config(select=("CA002", "NM001"), rules={
        "CA002": RuleSettings(severity=Severity.ERROR), "NM001": RuleSettings(severity=Severity.INFO)}))
    severities = {p.code: p.severity for p in linter.lint(make_template(raw))}
    assert severities == {"CA002": Severity.ERROR, "NM001": Severity.INFO}


def test_per_template_ignores_by_name_and_path_and_unused_ones() -> None:
    config = parse({"select": ["NM001", "LG001"], "per-template-ignores": {
        "Legacy*": ["NM001"], "vendor/*.json": ["LG001"], "never_*": ["NM001"]}}, "x")
    linter = Linter(config)
    template = make_template(make_raw(name="Legacy-One", language="en-US"), path="vendor/a.json")
    assert linter.lint(template) == []
    assert linter.unused_ignores() == ["never_*: NM001"]


def test_duplicate_names_across_files_are_reported_once_at_the_second() -> None:
    linter = Linter(Config(select=("NM004",)))
    first = make_template(make_raw(name="order_update"), path="a.json")
    same_other_language = make_template(make_raw(name="order_update", language="es"), path="b.json")
    second = make_template(make_raw(name="order_update"), path="c.json")
    assert linter.lint(first) == []
    assert linter.lint(same_other_language) == []
    [problem] = linter.lint(second)
    assert problem.code == "NM004" and problem.path == "c.json"
    assert "a.json (template 1 'order_update')" in problem.message


def test_duplicate_names_are_not_remembered_across_runs() -> None:
    template = make_template(make_raw())
    assert Linter(Config(select=("NM004",))).lint(template) == []
    assert Linter(Config(select=("NM004",))).lint(make_template(make_raw())) == []


def test_problems_are_sorted_by_position() -> None:
    raw = make_raw(name="Bad Name", body="{{1}} {{2}}", examples=["a", "b"])
    problems = Linter(Config()).lint(make_template(raw))
    keys = [(p.position.line, p.position.column) for p in problems]
    assert keys == sorted(keys) and len(problems) >= 4


def test_duplicate_content_across_files_ignores_case_spacing_and_placeholders() -> None:
    linter = Linter(Config(select=("CT007",)))
    first = make_template(make_raw(name="a", body="Hi {{1}}, your order {{2}} has shipped."), path="a.json")
    same = make_template(make_raw(name="b", body="hi {{1}},  YOUR order {{2}} has shipped."), path="b.json")
    other_language = make_template(make_raw(name="c", language="es", body="Hi {{1}}, your order {{2}} has shipped."))
    other_footer = make_template(make_raw(name="d", body="Hi {{1}}, your order {{2}} has shipped.", footer="Acme"))
    assert linter.lint(first) == []
    [problem] = linter.lint(same)
    assert problem.code == "CT007" and "a.json (template 1 'a')" in problem.message
    assert linter.lint(other_language) == [] and linter.lint(other_footer) == []


def test_duplicate_content_exempts_authentication() -> None:
    linter = Linter(Config(select=("CT007",)))
    raw = make_raw(category="AUTHENTICATION", body="Your code is {{1}}.", examples=["1"])
    assert linter.lint(make_template(raw)) == [] and linter.lint(make_template(raw)) == []


def test_a_large_json_lines_file_is_reported_batch_by_batch(tmp_path) -> None:
    from linter.run import BATCH, Summary, lint_paths

    path = tmp_path / "many.jsonl"
    path.write_text('{"name": "Bad", "language": "en", "category": "UTILITY", "body": "a b c d e f"}\n'
                    * (2 * BATCH + 10))
    results = list(lint_paths([str(path)], Linter(Config(select=("NM001",)))))
    assert [r.part for r in results] == [0, 1, 2]
    assert [len(r.problems) for r in results] == [BATCH, BATCH, 10]
    summary = Summary()
    for result in results:
        summary.add(result)
    assert (summary.files, summary.templates, summary.problems) == (1, 2 * BATCH + 10, 2 * BATCH + 10)


def test_a_prepared_batch_gives_the_findings_of_one_by_one_checks() -> None:
    from linter import langid

    bodies = {"de": "Your parcel has left our warehouse and will arrive at your door tomorrow morning.",
              "es": "Tu pedido ha salido de nuestro almacén y llegará mañana por la mañana a tu casa.",
              "id": "Votre colis a quitté notre entrepôt et arrivera demain matin à votre porte.",
              "fr": "Votre colis a quitté notre entrepôt et arrivera demain matin à votre porte."}
    batch = [make_template(make_raw(language=language, body=body, examples=[]), index=i)
             for i, (language, body) in enumerate(bodies.items())]
    config = Config(select=("CT006",))
    one_by_one = [[p.message for p in Linter(config).lint(t)] for t in batch]
    prepared = Linter(config)
    prepared.prepare(batch)
    assert [[p.message for p in prepared.lint(t)] for t in batch] == one_by_one
    assert sum(map(len, one_by_one)) == 2  # English under de, French under id
    guesses = langid.best_guesses(list(bodies.values()))
    for text, guess in guesses.items():
        alone = langid.best_guess(text)
        assert guess.language == alone.language and abs(guess.confidence - alone.confidence) < 1e-9
