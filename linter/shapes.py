"""Convert a decoded template object between the flat hand-written form and Meta's create shape.

Rewording works on Meta's create shape (what ``POST /message_templates`` takes); ``--write``
converts back to the flat form when that is what the file holds. Keys wtlint does not own
(ids, labels, notes) are carried through untouched.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linter.template import Button, Header, Template, TextField

CREATE_KEYS = ("name", "language", "category", "parameter_format", "message_send_ttl_seconds")
_FLAT_OWNED = ("header", "header_example", "body", "examples", "footer", "buttons", "tag",
               "code_expiration_minutes")
_MEDIA_MARKER = re.compile(r"^\s*\[(IMAGE|VIDEO|DOCUMENT|LOCATION)\]\s*$", re.IGNORECASE)


def is_meta(raw: Mapping[str, Any]) -> bool:
    return "components" in raw


def to_create_shape(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The template as Meta's create request: top-level keys plus ``components``."""
    out = {key: copy.deepcopy(raw[key]) for key in CREATE_KEYS if raw.get(key) is not None}
    if "category" not in out and isinstance(raw.get("tag"), str):
        out["category"] = raw["tag"]
    if is_meta(raw):
        out["components"] = copy.deepcopy(raw["components"])
    else:
        out["components"] = _flat_components(raw)
    return out


def _flat_components(raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    components = []
    header = _flat_header(raw)
    if header:
        components.append(header)
    if raw.get("body") is not None:
        components.append(_flat_body(raw))
    if raw.get("footer"):
        components.append({"type": "FOOTER", "text": raw["footer"]})
    if raw.get("code_expiration_minutes") is not None:
        components.append({"type": "FOOTER", "code_expiration_minutes": raw["code_expiration_minutes"]})
    if raw.get("buttons"):
        components.append({"type": "BUTTONS", "buttons": [
            {"type": "QUICK_REPLY", "text": b} if isinstance(b, str) else copy.deepcopy(b)
            for b in raw["buttons"]]})
    return components


def _flat_header(raw: Mapping[str, Any]) -> dict[str, Any] | None:
    header = raw.get("header")
    if isinstance(header, Mapping):
        return {**copy.deepcopy(dict(header)), "type": "HEADER"}
    if not isinstance(header, str) or not header:
        return None
    marker = _MEDIA_MARKER.match(header)
    if marker:
        return {"type": "HEADER", "format": marker.group(1).upper()}
    out: dict[str, Any] = {"type": "HEADER", "format": "TEXT", "text": header}
    if raw.get("header_example") is not None:
        out["example"] = {"header_text": [str(raw["header_example"])]}
    return out


def _flat_body(raw: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "BODY", "text": raw["body"]}
    examples = raw.get("examples")
    if isinstance(examples, Mapping):
        out["example"] = {"body_text_named_params": [{"param_name": k, "example": v}
                                                     for k, v in examples.items()]}
    elif examples:
        out["example"] = {"body_text": [list(examples)]}
    return out


def component(create: Mapping[str, Any], kind: str) -> dict[str, Any] | None:
    """The first component of ``kind`` (HEADER, BODY, FOOTER, BUTTONS)."""
    for item in create.get("components", []):
        if isinstance(item, dict) and str(item.get("type", "")).upper() == kind:
            return item
    return None


def like_original(create: Mapping[str, Any], original: Mapping[str, Any]) -> dict[str, Any]:
    """``create`` in the shape ``original`` was written in, with the keys wtlint does not own
    (ids, labels, read-back fields) kept where they were."""
    if is_meta(original):
        return _merge(original, create)
    flat = to_flat(create)
    if "tag" in original and "category" not in original and "category" in flat:
        flat["tag"] = flat.pop("category")
    return _merge(original, flat)


def _merge(original: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """``original``'s keys in their order with ``values`` replacing them; new keys at the end;
    owned keys that ``values`` no longer has (a removed footer) are left out."""
    owned = {*CREATE_KEYS, "components", *_FLAT_OWNED}
    merged = {key: values.get(key, value) for key, value in original.items()
              if key in values or key not in owned}
    merged.update({key: value for key, value in values.items() if key not in merged})
    return merged


def to_flat(create: Mapping[str, Any]) -> dict[str, Any]:
    """Meta's create shape as the flat form (header text, body, examples, footer, buttons)."""
    out = {key: create[key] for key in CREATE_KEYS if key in create}
    header, body = component(create, "HEADER"), component(create, "BODY")
    footer, buttons = component(create, "FOOTER"), component(create, "BUTTONS")
    if header is not None:
        out.update(_flat_header_of(header))
    if body is not None:
        out["body"] = body.get("text", "")
        example = body.get("example") or {}
        if example.get("body_text"):
            out["examples"] = list(example["body_text"][0])
        elif example.get("body_text_named_params"):
            out["examples"] = {p["param_name"]: p["example"] for p in example["body_text_named_params"]}
    if footer is not None and footer.get("text"):
        out["footer"] = footer["text"]
    if buttons is not None:
        out["buttons"] = [b["text"] if set(b) <= {"type", "text"} and b.get("type") == "QUICK_REPLY"
                          else b for b in buttons.get("buttons", [])]
    return out


def _flat_header_of(header: Mapping[str, Any]) -> dict[str, Any]:
    if str(header.get("format", "TEXT")).upper() != "TEXT":
        return {"header": f"[{str(header['format']).upper()}]"}
    out: dict[str, Any] = {"header": header.get("text", "")}
    values = (header.get("example") or {}).get("header_text")
    if values:
        out["header_example"] = values[0]
    return out


def from_template(template: Template) -> dict[str, Any]:
    """A parsed template in Meta's create shape (what rewording reads when it has no file at hand;
    a media header's handle is not kept)."""
    out: dict[str, Any] = {key: value for key in ("name", "language", "category", "parameter_format")
                           if (value := getattr(template, key)) is not None}
    components = [_header_component(h) for h in template.headers]
    if template.body is not None:
        components.append({"type": "BODY", "text": template.body.text, **_example(template.body, "body_text")})
    if template.footer is not None:
        components.append({"type": "FOOTER", "text": template.footer.text})
    if template.buttons:
        components.append({"type": "BUTTONS", "buttons": [_button(b) for b in template.buttons]})
    out["components"] = components
    return out


def _example(text: TextField, key: str) -> dict[str, Any]:
    if text.named_examples:
        return {"example": {f"{key}_named_params": [{"param_name": n, "example": v} for n, v in text.named_examples]}}
    if text.examples:
        values = list(text.examples)
        return {"example": {key: [values] if key == "body_text" else values}}
    return {}


def _header_component(header: Header) -> dict[str, Any]:
    if header.text is None:
        return {"type": "HEADER", "format": header.format or "IMAGE"}
    return {"type": "HEADER", "format": "TEXT", "text": header.text.text, **_example(header.text, "header_text")}


def _button(button: Button) -> dict[str, Any]:
    out: dict[str, Any] = {"type": button.type}
    if button.label is not None:
        out["text"] = button.label.text
    if button.url is not None:
        out["url"] = button.url.text
        if button.url.examples:
            out["example"] = list(button.url.examples)
    if button.phone_number is not None:
        out["phone_number"] = button.phone_number
    if button.example is not None:
        out["example"] = button.example
    return out
