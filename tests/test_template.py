"""parse_template: both shapes, types, read-backs, locations."""

from __future__ import annotations

import json

import pytest

from linter.loader import read_bytes
from linter.template import Template, TemplateError
from tests.conftest import make_template

META = {
    "name": "order_shipped",
    "language": "en_US",
    "category": "utility",
    "status": "APPROVED",
    "components": [
        {"type": "HEADER", "format": "TEXT", "text": "Order {{1}}", "example": {"header_text": ["A1"]}},
        {"type": "BODY", "text": "Hi {{1}}, order {{2}} shipped.",
         "example": {"body_text": [["Ana", "A1"]]}},
        {"type": "FOOTER", "text": "Acme"},
        {"type": "BUTTONS", "buttons": [
            {"type": "URL", "text": "Track", "url": "https://x.example.com/{{1}}",
             "example": ["https://x.example.com/A1"]},
            {"type": "QUICK_REPLY", "text": "Stop"}]},
    ],
}


def test_meta_shape_is_normalised() -> None:
    template = make_template(META)
    assert template.category == "UTILITY"
    assert template.header is not None and template.header.text is not None
    assert template.header.text.examples == ("A1",)
    assert template.body is not None and template.body.examples == ("Ana", "A1")
    assert template.body.pointer == "/components/1/text"
    assert [b.type for b in template.buttons] == ["URL", "QUICK_REPLY"]
    assert template.buttons[0].url is not None and template.buttons[0].url.examples == ("https://x.example.com/A1",)
    assert dict(template.read_back) == {"status": "APPROVED"}
    assert [f.pointer for f in template.text_fields()] == [
        "/components/0/text", "/components/1/text", "/components/3/buttons/0/url"]


def test_flat_shape_with_media_marker_and_string_buttons() -> None:
    template = make_template({"name": "n", "language": "en", "tag": "SHIPPING_UPDATE",
                              "header": "[IMAGE]", "body": "Hi {{1}}", "buttons": ["Yes", "No"],
                              "examples": ["Ana"]})
    assert template.effective_category == "UTILITY"
    assert template.header is not None and template.header.format == "IMAGE"
    assert template.header.media_example is None
    assert [b.text for b in template.buttons] == ["Yes", "No"]


def test_send_payload_language_object() -> None:
    template = make_template({**META, "language": {"code": "pt_BR"}})
    assert template.language == "pt_BR"


def test_authentication_read_back_text_is_marked_generated() -> None:
    raw = {"name": "otp", "language": "en", "category": "AUTHENTICATION", "components": [
        {"type": "BODY", "text": "*{{1}}* is your verification code."},
        {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy",
                                         "url": "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE"}]}]}
    template = make_template(raw)
    assert template.body is not None and template.body.generated
    assert template.buttons[0].url is not None and template.buttons[0].url.generated


@pytest.mark.parametrize(("raw", "pointer", "message"), [
    ({"name": "n", "body": 5}, "/body", "'body' must be a string, not a number"),
    ({"name": "n", "components": {"type": "BODY"}}, "/components", "must be a list"),
    ({"name": 3, "body": "x"}, "/name", "'name' must be a string"),
    ({"name": "n", "components": [{"type": "WIDGET"}]}, "/components/0/type", "unknown component"),
    ({"name": "n", "components": [{"type": "BUTTONS", "buttons": [7]}]},
     "/components/0/buttons/0", "a button must be an object"),
    ({"foo": 1}, "", "not a template"),
])
def test_wrong_types_name_the_pointer(raw: dict, pointer: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        make_template(raw)
    assert caught.value.pointer == pointer
    assert message in caught.value.message


def _only_template(data: str, suffix: str) -> Template:
    items = list(read_bytes(data.encode(), f"t{suffix}", suffix))
    assert len(items) == 1 and isinstance(items[0], Template)
    return items[0]


def test_positions_in_json_account_for_escapes() -> None:
    text = json.dumps({"name": "n", "body": "Caf\u00e9 \"x\"\\n {{1}}"}, ensure_ascii=True, indent=2)
    template = _only_template(text, ".json")
    body = template.body
    assert body is not None
    offset = body.text.index("{{1}}")
    position = template.source.position(body.pointer, offset)
    line = text.splitlines()[position.line - 1]
    assert line[position.column - 1:position.column + 4] == "{{1}}"


def test_positions_in_yaml_block_scalars() -> None:
    text = "name: n\nbody: |\n  Hello there\n  your order {{1}} shipped\n"
    template = _only_template(text, ".yaml")
    assert template.body is not None
    position = template.source.position(template.body.pointer, template.body.text.index("{{1}}"))
    assert (position.line, position.column) == (4, 14)


def test_positions_in_json_lines_use_the_file_line() -> None:
    text = '{"name": "a", "body": "x"}\n\n{"name": "b", "body": "y {{1}}"}\n'
    items = list(read_bytes(text.encode(), "t.jsonl", ".jsonl"))
    second = items[1]
    assert isinstance(second, Template) and second.index == 1
    assert second.source.position("/body", 2).line == 3


def test_a_copy_code_button_with_an_empty_example_list_has_no_example() -> None:
    from tests.conftest import make_template

    template = make_template({"name": "a", "language": "en_US", "category": "MARKETING", "components": [
        {"type": "BODY", "text": "Hi"}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": [[]]}]}]})
    assert template.buttons[0].example is None
