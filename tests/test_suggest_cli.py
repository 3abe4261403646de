"""``wtlint suggest`` and ``wtlint check --fix/--unsafe-fixes/--diff`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.test_cli import invoke

MIXED = {"name": "order_shipped", "language": "en_US", "category": "UTILITY",
         "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped and arrives on {{3}}. "
                         "Use code {{4}} for 20% off your next order!",
                         "example": {"body_text": [["Ana", "ORD-1", "Monday", "SAVE20"]]}}]}
CLEAN = {"name": "appointment", "language": "en_US", "category": "UTILITY",
         "body": "Hi {{1}}, your appointment is confirmed for {{2}}. Reply to reschedule.",
         "examples": ["Ana", "Monday"]}
PROMO = {"name": "sale", "language": "en_US", "category": "UTILITY",
         "body": "Big summer sale! Get 50% off everything with code {{1}}. Shop now before it ends!",
         "examples": ["SUMMER50"]}


def write(path: Path, *templates: dict) -> Path:
    path.write_text(json.dumps(list(templates), indent=2) + "\n")
    return path


def test_json_report_has_the_contract_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", MIXED, CLEAN, PROMO)
    code, out, _ = invoke("suggest", str(path), "--format", "json")
    suggestions = json.loads(out)["suggestions"]
    assert [s["action"] for s in suggestions] == ["reword", "none", "recategorise"]
    assert [s["index"] for s in suggestions] == [0, 1, 2]
    for item in suggestions:
        assert {"path", "index", "template", "action", "rewritten", "probability_before",
                "probability_after", "changes"} <= set(item)
    reword = suggestions[0]
    assert reword["template"] == "order_shipped" and reword["path"] == str(path)
    assert reword["probability_after"] < min(reword["threshold"], reword["probability_before"])
    assert reword["rewritten"]["components"][0]["example"] == {"body_text": [["Ana", "ORD-1", "Monday"]]}
    assert all({"what", "why"} <= set(change) for change in reword["changes"])
    assert suggestions[2]["rewritten"] is None
    assert code == 1  # templates need attention


def test_text_report_shows_diff_and_reasons(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", MIXED, PROMO)
    _, out, _ = invoke("suggest", str(path), "--no-color")
    assert "-  Hi {{1}}, your order {{2}} has shipped and arrives on {{3}}. Use code" in out
    assert "removed body: Use code {{4}} for 20% off your next order!" in out
    assert "sale: submit it as MARKETING" in out
    assert "2 template(s): 1 to reword, 1 to submit as MARKETING, 0 fine" in out


def test_write_rewrites_in_place_and_a_second_run_finds_nothing_to_reword(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", MIXED, CLEAN)
    clean_text = json.dumps(CLEAN, indent=2).replace("\n", "\n  ")
    code, _, err = invoke("suggest", str(path), "--write")
    assert code == 0, err
    text = path.read_text()
    assert clean_text in text  # the untouched template, byte for byte
    assert "20% off" not in text
    code, out, _ = invoke("suggest", str(path), "--format", "json")
    assert [s["action"] for s in json.loads(out)["suggestions"]] == ["none", "none"]


def test_write_keeps_yaml_yaml(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("# ours\n" + yaml.safe_dump({**CLEAN, "body": MIXED["components"][0]["text"],
                                                 "examples": ["Ana", "ORD-1", "Monday", "SAVE20"]},
                                                sort_keys=False))
    invoke("suggest", str(path), "--write")
    text = path.read_text()
    assert text.startswith("# ours\n")
    document = yaml.safe_load(text)
    assert document["examples"] == ["Ana", "ORD-1", "Monday"] and "components" not in document


def test_diff_shows_the_change_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", MIXED)
    before = path.read_text()
    _, out, _ = invoke("suggest", str(path), "--diff")
    assert f"--- {path} (now)" in out and "-        \"text\": \"Hi {{1}}" in out
    assert path.read_text() == before


def test_suggest_reads_json_lines_and_reports_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(MIXED) + "\n{not json\n")
    code, out, err = invoke("suggest", str(path), "--format", "json")
    assert json.loads(out)["suggestions"][0]["action"] == "reword"
    assert f"{path}:2:2: input error" in err and code == 2


def test_check_fix_applies_safe_fixes_only(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"name": "a_b", "language": "en_US", "category": "SHIPPING_UPDATE",\n'
                    ' "body": "Hi {1}, your order {2} has shipped. Use code {3} for 20% off your next order!",'
                    ' "examples": ["Ana", "ORD-1", "X"]}\n')
    code, _, err = invoke("check", str(path), "--fix", "--select", "PH013,CA002")
    assert path.read_text().startswith('{"name": "a_b", "language": "en_US", "category": "UTILITY",\n')
    assert "Hi {{1}}, your order {{2}}" in path.read_text() and "20% off" in path.read_text()
    assert "applied" in err and code == 0


def test_check_unsafe_fixes_also_reword(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", MIXED)
    invoke("check", str(path), "--fix", "--unsafe-fixes")
    assert "20% off" not in path.read_text()


def test_check_diff_writes_nothing_and_exits_1_when_something_would_change(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"name": "a_b", "language": "en_US", "category": "UTILITY", "body": "Hi {1}, ok then.",'
                    ' "examples": ["Ana"]}')
    before = path.read_text()
    code, out, _ = invoke("check", str(path), "--diff")
    assert "+" in out and "{{1}}" in out and code == 1
    assert path.read_text() == before


def test_a_refused_write_is_one_line_and_the_other_files_are_still_written(tmp_path: Path, monkeypatch) -> None:
    from linter import writer

    first, second = write(tmp_path / "a.json", MIXED), write(tmp_path / "b.json", MIXED)
    real = writer.write_atomic

    def refuse_a(path: str, text: str, digest: str) -> None:
        if path.endswith("a.json"):
            raise writer.WriteError(f"{path}: changed on disk since it was read; not overwriting it")
        real(path, text, digest)

    monkeypatch.setattr(writer, "write_atomic", refuse_a)
    code, _, err = invoke("suggest", str(first), str(second), "--write")
    assert f"wtlint: {first}: changed on disk" in err and "Traceback" not in err
    assert "20% off" in first.read_text() and "20% off" not in second.read_text()
    assert code == 2
