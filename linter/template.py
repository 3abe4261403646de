"""The one immutable ``Template`` model, and the only code that knows Meta's and the flat shapes.

``parse_template(raw, source, pointer, index)`` turns one decoded object (Meta Graph API create or
read-back shape, or the flat hand-written form) into a ``Template``. Wrong types raise
``TemplateError`` naming the JSON pointer of the culprit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from linter import limits
from linter.placeholders import Malformed, Placeholder, PlaceholderKind, parse
from linter.problem import Location
from linter.sources import Source


class TemplateError(ValueError):
    """The object is not a template wtlint can read; ``pointer`` names where."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message


class Role(str, Enum):
    HEADER = "header"
    BODY = "body"
    FOOTER = "footer"
    BUTTON_LABEL = "button label"
    BUTTON_URL = "button URL"


@dataclass(frozen=True, slots=True)
class TextField:
    """One text of a template with its placeholders and example values."""

    role: Role
    text: str
    pointer: str
    placeholders: tuple[Placeholder, ...] = ()
    malformed: tuple[Malformed, ...] = ()
    examples: tuple[str, ...] | None = None  # positional example values; None: none given
    named_examples: tuple[tuple[str, str], ...] = ()
    example_pointer: str | None = None
    generated: bool = False  # text Meta writes itself (authentication read-backs)

    def at(self, start: int, end: int | None = None) -> Location:
        return Location(self.pointer, start, start if end is None else end)

    @property
    def whole(self) -> Location:
        return Location(self.pointer, 0, len(self.text))

    @property
    def example_location(self) -> Location:
        return Location(self.example_pointer or self.pointer)

    def numbered(self) -> tuple[Placeholder, ...]:
        return tuple(p for p in self.placeholders if p.number is not None)

    def named(self) -> tuple[Placeholder, ...]:
        return tuple(p for p in self.placeholders if p.kind is PlaceholderKind.NAMED)


@dataclass(frozen=True, slots=True)
class Header:
    format: str | None
    pointer: str
    text: TextField | None = None
    media_example: bool | None = None  # None: the input shape cannot say (flat media marker)

    @property
    def location(self) -> Location:
        return Location(self.pointer)


@dataclass(frozen=True, slots=True)
class App:
    package_name: str | None
    signature_hash: str | None
    pointer: str


@dataclass(frozen=True, slots=True)
class Button:
    type: str
    pointer: str
    label: TextField | None = None
    url: TextField | None = None
    phone_number: str | None = None
    example: str | None = None  # COPY_CODE example
    otp_type: str | None = None
    apps: tuple[App, ...] = ()
    zero_tap_terms_accepted: bool | None = None

    @property
    def location(self) -> Location:
        return Location(self.pointer)

    @property
    def text(self) -> str:
        return self.label.text if self.label else ""

    @property
    def is_otp(self) -> bool:
        return self.type == "OTP"


@dataclass(frozen=True, slots=True)
class Template:
    """A template as every rule sees it; ``pointer`` is where the object sits in its file."""

    source: Source = field(compare=False, repr=False)
    pointer: str
    index: int
    name: str | None = None
    language: str | None = None
    category: str | None = None  # as written, upper-cased
    parameter_format: str | None = None
    headers: tuple[Header, ...] = ()
    body: TextField | None = None
    footer: TextField | None = None
    buttons: tuple[Button, ...] = ()
    code_expiration_minutes: int | None = None
    message_send_ttl_seconds: int | None = None
    read_back: tuple[tuple[str, Any], ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()  # other top-level scalars (label_source...), not linted

    def field(self, key: str) -> Any:
        """A top-level value by key, for slicing reports (``language``, ``label_source``...)."""
        if key in ("name", "language", "category"):
            return getattr(self, key)
        return dict(self.read_back).get(key, dict(self.extra).get(key))

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def effective_category(self) -> str | None:
        """Today's category: legacy values (SHIPPING_UPDATE, OTP...) mapped as Meta maps them."""
        if self.category is None:
            return None
        return limits.LEGACY_CATEGORIES.get(self.category, self.category)

    @property
    def header(self) -> Header | None:
        return self.headers[0] if self.headers else None

    def at(self, key: str) -> Location:
        """Location of a top-level key (``name``, ``language``...)."""
        return Location(f"{self.pointer}/{key}")

    @property
    def location(self) -> Location:
        return Location(self.pointer)

    def text_fields(self) -> Iterator[TextField]:
        """Every text that can hold placeholders: header, body and URL buttons."""
        if self.header and self.header.text:
            yield self.header.text
        if self.body:
            yield self.body
        for button in self.buttons:
            if button.url:
                yield button.url

    def all_texts(self) -> Iterator[TextField]:
        """Every text of the template, labels and footer included."""
        yield from self.text_fields()
        if self.footer:
            yield self.footer
        for button in self.buttons:
            if button.label:
                yield button.label

    def placeholders(self) -> Iterator[Placeholder]:
        for text in self.text_fields():
            yield from text.placeholders


# ---------------------------------------------------------------------------------------------
# Parsing

_MEDIA_MARKER = re.compile(r"^\s*\[(IMAGE|VIDEO|DOCUMENT|LOCATION)\]\s*$", re.IGNORECASE)
_READ_BACK_KEYS = ("id", "status", "rejected_reason", "quality_score", "correct_category",
                   "previous_category", "sub_category")
_FLAT_KEYS = ("body", "header", "footer", "buttons", "examples", "tag")
_KNOWN_KEYS = frozenset({*_READ_BACK_KEYS, *_FLAT_KEYS, "name", "language", "category",
                         "parameter_format", "components", "message_send_ttl_seconds",
                         "header_example", "code_expiration_minutes"})


def parse_template(raw: Any, source: Source, pointer: str = "", index: int = 0) -> Template:
    """Build a ``Template`` from one decoded object of either shape."""
    if not isinstance(raw, Mapping):
        raise TemplateError(pointer, f"a template must be an object, not {_kind(raw)}")
    common = {
        "source": source,
        "pointer": pointer,
        "index": index,
        "name": _optional_str(raw, "name", pointer),
        "language": _language(raw, pointer),
        "category": _upper(_optional_str(raw, "category", pointer)
                           or _optional_str(raw, "tag", pointer)),
        "parameter_format": _upper(_optional_str(raw, "parameter_format", pointer)),
        "message_send_ttl_seconds": _optional_int(raw, "message_send_ttl_seconds", pointer),
        "read_back": tuple((key, raw[key]) for key in _READ_BACK_KEYS if key in raw),
        "extra": tuple((key, value) for key, value in raw.items()
                       if key not in _KNOWN_KEYS and isinstance(value, str | int | float | bool)),
    }
    if "components" in raw:
        return Template(**common, **_components(raw["components"], f"{pointer}/components", common))
    if any(key in raw for key in _FLAT_KEYS):
        return Template(**common, **_flat(raw, pointer, common))
    raise TemplateError(pointer, "not a template: no 'components' and no 'body'")


def _kind(value: Any) -> str:
    names = {str: "a string", int: "a number", float: "a number", bool: "a boolean",
             list: "a list", type(None): "null"}
    return names.get(type(value), "an object")


def _optional_str(raw: Mapping[str, Any], key: str, pointer: str) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    raise TemplateError(f"{pointer}/{key}", f"'{key}' must be a string, not {_kind(value)}")


def _optional_int(raw: Mapping[str, Any], key: str, pointer: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or (
            isinstance(value, str) and not value.strip().lstrip("-").isdigit()):
        raise TemplateError(f"{pointer}/{key}", f"'{key}' must be a whole number, not {_kind(value)}")
    return int(value)


def _upper(value: str | None) -> str | None:
    return value.strip().upper() if value else value


def _language(raw: Mapping[str, Any], pointer: str) -> str | None:
    value = raw.get("language")
    if isinstance(value, Mapping):  # send-payload style {"code": "en_US"}
        return _optional_str(value, "code", f"{pointer}/language")
    return _optional_str(raw, "language", pointer)


def _list(value: Any, pointer: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise TemplateError(pointer, f"{what} must be a list, not {_kind(value)}")
    return value


def _mapping(value: Any, pointer: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TemplateError(pointer, f"{what} must be an object, not {_kind(value)}")
    return value


def _text(role: Role, text: str, pointer: str, *, examples: tuple[str, ...] | None = None,
          named: tuple[tuple[str, str], ...] = (), example_pointer: str | None = None,
          generated: bool = False) -> TextField:
    parsed = parse(text)
    return TextField(role, text, pointer, parsed.placeholders, parsed.malformed, examples,
                     named, example_pointer, generated)


def _required_text(raw: Mapping[str, Any], key: str, pointer: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TemplateError(f"{pointer}/{key}", f"'{key}' must be a string, not {_kind(value)}")
    return value


# --- Meta shape -------------------------------------------------------------------------------

def _components(value: Any, pointer: str, common: Mapping[str, Any]) -> dict[str, Any]:
    generated = limits.LEGACY_CATEGORIES.get(common["category"], common["category"]) == "AUTHENTICATION"
    parts: dict[str, Any] = {"headers": [], "body": None, "footer": None,
                             "buttons": (), "code_expiration_minutes": None}
    for position, component in enumerate(_list(value, pointer, "'components'")):
        here = f"{pointer}/{position}"
        component = _mapping(component, here, "a component")
        kind = _upper(_optional_str(component, "type", here))
        if kind == "HEADER":
            parts["headers"].append(_meta_header(component, here))
        elif kind == "BODY":
            parts["body"] = parts["body"] or _meta_body(component, here, generated)
        elif kind == "FOOTER":
            parts["footer"] = _text(Role.FOOTER, _required_text(component, "text", here),
                                    f"{here}/text", generated=generated)
            parts["code_expiration_minutes"] = _optional_int(component, "code_expiration_minutes", here)
        elif kind == "BUTTONS":
            buttons = _list(component.get("buttons", []), f"{here}/buttons", "'buttons'")
            parts["buttons"] = tuple(_button(b, f"{here}/buttons/{i}", generated)
                                     for i, b in enumerate(buttons))
        else:
            raise TemplateError(f"{here}/type", f"unknown component type {component.get('type')!r}")
    parts["headers"] = tuple(parts["headers"])
    return parts


def _example_block(component: Mapping[str, Any], pointer: str) -> Mapping[str, Any]:
    return _mapping(component.get("example") or {}, f"{pointer}/example", "'example'")


def _named_params(example: Mapping[str, Any], key: str, pointer: str) -> tuple[tuple[str, str], ...]:
    params = _list(example.get(key) or [], f"{pointer}/example/{key}", f"'{key}'")
    pairs = []
    for position, item in enumerate(params):
        item = _mapping(item, f"{pointer}/example/{key}/{position}", "a named parameter")
        pairs.append((str(item.get("param_name", "")), str(item.get("example", ""))))
    return tuple(pairs)


def _meta_header(component: Mapping[str, Any], pointer: str) -> Header:
    header_format = _upper(_optional_str(component, "format", pointer))
    example = _example_block(component, pointer)
    if header_format in (None, "TEXT") or "text" in component:
        values = example.get("header_text")
        examples = tuple(str(v) for v in _flatten(values)) if values is not None else None
        text = _text(Role.HEADER, _required_text(component, "text", pointer), f"{pointer}/text",
                     examples=examples,
                     named=_named_params(example, "header_text_named_params", pointer),
                     example_pointer=f"{pointer}/example")
        return Header(header_format, pointer, text)
    return Header(header_format, pointer, media_example=bool(example.get("header_handle")))


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [item for element in value for item in _flatten(element)]
    return [value]


def _meta_body(component: Mapping[str, Any], pointer: str, generated: bool) -> TextField:
    example = _example_block(component, pointer)
    rows = example.get("body_text")
    examples = None
    if rows is not None:
        rows = _list(rows, f"{pointer}/example/body_text", "'body_text'")
        first = rows[0] if rows else []
        examples = tuple(str(v) for v in (first if isinstance(first, list) else rows))
    return _text(Role.BODY, _required_text(component, "text", pointer), f"{pointer}/text",
                 examples=examples, named=_named_params(example, "body_text_named_params", pointer),
                 example_pointer=f"{pointer}/example", generated=generated)


def _button(raw: Any, pointer: str, generated: bool) -> Button:
    if isinstance(raw, str):  # flat form: a label is a quick reply
        return Button("QUICK_REPLY", pointer, label=_text(Role.BUTTON_LABEL, raw, pointer))
    raw = _mapping(raw, pointer, "a button")
    kind = _upper(_optional_str(raw, "type", pointer)) or "QUICK_REPLY"
    url = None
    if "url" in raw:
        examples = raw.get("example")
        values = tuple(str(v) for v in _flatten(examples)) if examples is not None else None
        url = _text(Role.BUTTON_URL, _required_text(raw, "url", pointer), f"{pointer}/url",
                    examples=values, example_pointer=f"{pointer}/example",
                    generated=generated and kind == "OTP")
    example = _flatten(raw.get("example")) if kind == "COPY_CODE" and raw.get("example") is not None else []
    return Button(
        type=kind,
        pointer=pointer,
        label=_text(Role.BUTTON_LABEL, _required_text(raw, "text", pointer), f"{pointer}/text")
        if "text" in raw or kind in ("QUICK_REPLY", "URL", "PHONE_NUMBER") else None,
        url=url,
        phone_number=_optional_str(raw, "phone_number", pointer),
        example=str(example[0]) if example else None,
        otp_type=_upper(_optional_str(raw, "otp_type", pointer)),
        apps=_apps(raw, pointer),
        zero_tap_terms_accepted=raw.get("zero_tap_terms_accepted"),
    )


def _apps(raw: Mapping[str, Any], pointer: str) -> tuple[App, ...]:
    if "supported_apps" in raw:
        apps = _list(raw["supported_apps"], f"{pointer}/supported_apps", "'supported_apps'")
        return tuple(_app(_mapping(app, f"{pointer}/supported_apps/{i}", "an app"),
                          f"{pointer}/supported_apps/{i}") for i, app in enumerate(apps))
    if "package_name" in raw or "signature_hash" in raw:  # older single-app form
        return (_app(raw, pointer),)
    return ()


def _app(raw: Mapping[str, Any], pointer: str) -> App:
    return App(_optional_str(raw, "package_name", pointer),
               _optional_str(raw, "signature_hash", pointer), pointer)


# --- flat shape -------------------------------------------------------------------------------

def _flat(raw: Mapping[str, Any], pointer: str, common: Mapping[str, Any]) -> dict[str, Any]:
    generated = False  # a flat body is always the author's own text
    body = _flat_body(raw, pointer, generated) if "body" in raw else None
    footer = None
    if raw.get("footer") is not None:
        footer = _text(Role.FOOTER, _required_text(raw, "footer", pointer), f"{pointer}/footer")
    buttons = _list(raw.get("buttons") or [], f"{pointer}/buttons", "'buttons'")
    return {
        "headers": _flat_header(raw, pointer),
        "body": body,
        "footer": footer,
        "buttons": tuple(_button(b, f"{pointer}/buttons/{i}", False) for i, b in enumerate(buttons)),
        "code_expiration_minutes": _optional_int(raw, "code_expiration_minutes", pointer),
    }


def _flat_body(raw: Mapping[str, Any], pointer: str, generated: bool) -> TextField:
    examples = raw.get("examples")
    positional: tuple[str, ...] | None = None
    named: tuple[tuple[str, str], ...] = ()
    if isinstance(examples, Mapping):
        named = tuple((str(k), str(v)) for k, v in examples.items())
    elif examples is not None:
        positional = tuple(str(v) for v in _list(examples, f"{pointer}/examples", "'examples'"))
    return _text(Role.BODY, _required_text(raw, "body", pointer), f"{pointer}/body",
                 examples=positional, named=named, example_pointer=f"{pointer}/examples",
                 generated=generated)


def _flat_header(raw: Mapping[str, Any], pointer: str) -> tuple[Header, ...]:
    header = raw.get("header")
    here = f"{pointer}/header"
    if header is None or header == "":
        return ()
    if isinstance(header, Mapping):
        return (_meta_header(header, here),)
    if not isinstance(header, str):
        raise TemplateError(here, f"'header' must be a string or an object, not {_kind(header)}")
    marker = _MEDIA_MARKER.match(header)
    if marker:
        return (Header(marker.group(1).upper(), here, media_example=None),)
    example = raw.get("header_example")
    examples = (str(example),) if example is not None else None
    return (Header("TEXT", here, _text(Role.HEADER, header, here, examples=examples,
                                       example_pointer=f"{pointer}/header_example")),)
