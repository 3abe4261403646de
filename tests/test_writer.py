"""Writing templates back: same format, same layout, untouched templates byte for byte, safely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from linter import loader, shapes, writer
from linter.problem import Edit, Location
from linter.template import Template

MIXED = "Hi {{1}}, your order {{2}} has shipped. Use code {{3}} for 20% off your next order!"


def templates(path: Path) -> list[Template]:
    return [t for t in loader.read(str(path)) if isinstance(t, Template)]


def replaced(path: Path, index: int, change) -> str:
    template = templates(path)[index]
    raw = writer.raw_of(template)
    return writer.updated_text(path.read_text(encoding="utf-8"), [writer.Update(template, change(raw))])


def set_body(raw: dict) -> dict:
    create = shapes.to_create_shape(raw)
    shapes.component(create, "BODY")["text"] = "Hi {{1}}, your order {{2}} has shipped."
    shapes.component(create, "BODY")["example"] = {"body_text": [["Ana", "ORD-1"]]}
    return shapes.like_original(create, raw)


META = {"name": "a", "language": "en_US", "category": "UTILITY", "id": "123",
        "components": [{"type": "BODY", "text": MIXED, "example": {"body_text": [["Ana", "ORD-1", "X20"]]}},
                       {"type": "FOOTER", "text": "Shop now"}]}
FLAT = {"name": "b", "language": "en_US", "category": "UTILITY", "body": MIXED,
        "examples": ["Ana", "ORD-1", "X20"], "label_source": "ours"}


def test_json_list_only_the_changed_template_is_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    untouched = json.dumps(FLAT, indent=4)
    path.write_text("[\n  " + json.dumps(META) + ",\n  " + untouched.replace("\n", "\n  ") + "\n]\n")
    text = replaced(path, 0, set_body)
    assert text.endswith(",\n  " + untouched.replace("\n", "\n  ") + "\n]\n")
    document = json.loads(text)
    assert document[0]["components"][0]["text"] == "Hi {{1}}, your order {{2}} has shipped."
    assert document[0]["id"] == "123" and list(document[0]) == list(META)
    assert document[1] == FLAT


def test_flat_stays_flat_and_keeps_its_own_keys(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(FLAT, indent=2) + "\n")
    document = json.loads(replaced(path, 0, set_body))
    assert "components" not in document
    assert document["examples"] == ["Ana", "ORD-1"] and document["label_source"] == "ours"


def test_json_lines_replace_one_line(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    lines = [json.dumps(FLAT), json.dumps(META, ensure_ascii=False), json.dumps({**FLAT, "name": "c"})]
    path.write_text("\n".join(lines) + "\n")
    text = replaced(path, 1, set_body)
    out = text.splitlines()
    assert out[0] == lines[0] and out[2] == lines[2] and len(out) == 3
    assert json.loads(out[1])["components"][0]["example"] == {"body_text": [["Ana", "ORD-1"]]}


def test_yaml_keeps_comments_and_the_other_documents(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    first = yaml.safe_dump(FLAT, sort_keys=False, allow_unicode=True)
    path.write_text("# our templates\n- " + first.replace("\n", "\n  ").rstrip() + "\n# keep me\n- name: z\n"
                    "  language: en_US\n  category: UTILITY\n  body: |\n    Hi {{1}}, your code is ready.\n"
                    "    See you.\n  examples: [Ana]\n")
    text = replaced(path, 0, set_body)
    assert text.startswith("# our templates\n- ")
    assert "# keep me\n- name: z\n" in text
    documents = yaml.safe_load(text)
    assert documents[0]["body"] == "Hi {{1}}, your order {{2}} has shipped."
    assert documents[1]["body"] == "Hi {{1}}, your code is ready.\nSee you.\n"


def test_csv_rewrites_one_row(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("name,language,category,body,examples\n"
                    f'b,en_US,UTILITY,"{MIXED}",Ana | ORD-1 | X20\n'
                    "c,en_US,UTILITY,\"Hi {{1}}, your code is ready.\",Ana\n")
    text = replaced(path, 0, set_body)
    assert text.splitlines()[2] == "c,en_US,UTILITY,\"Hi {{1}}, your code is ready.\",Ana"
    rows = loader.csv_raw_rows(text)
    assert rows[0]["body"] == "Hi {{1}}, your order {{2}} has shipped." and rows[0]["examples"] == ["Ana", "ORD-1"]


def test_safe_edits_replace_only_the_value(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    original = '{"name": "a", "language": "en_US", "category": "TRANSACTIONAL",\n "body": "Hi {1}, ok."}\n'
    path.write_text(original)
    template = templates(path)[0]
    raw = writer.with_edits(writer.raw_of(template), template, [
        Edit(Location("/category"), "UTILITY"), Edit(Location("/body", 3, 6), "{{1}}")])
    text = writer.updated_text(original, [writer.Update(template, raw)])
    assert text == '{"name": "a", "language": "en_US", "category": "UTILITY",\n "body": "Hi {{1}}, ok."}\n'


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("{}")
    read = writer.digest(path.read_bytes())
    path.write_text("{ }")
    with pytest.raises(writer.WriteError, match="changed on disk"):
        writer.write_atomic(str(path), "new", read)
    assert path.read_text() == "{ }"


def test_write_replaces_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("{}")
    path.chmod(0o640)
    writer.write_atomic(str(path), '{"a": 1}', writer.digest(b"{}"))
    assert path.read_text() == '{"a": 1}'
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temporary file left


def test_an_edit_follows_the_flat_forms_tag_and_skips_what_is_not_there(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"name": "a", "language": "en_US", "tag": "TRANSACTIONAL", "body": "Hi {{1}}."}')
    template = templates(path)[0]
    raw = writer.with_edits(writer.raw_of(template), template, [
        Edit(Location("/category"), "UTILITY"), Edit(Location("/header/text", 0, 1), "x")])
    assert raw == {"name": "a", "language": "en_US", "tag": "UTILITY", "body": "Hi {{1}}."}
