"""Shared builders: a valid template to vary, and linting helpers that need no files."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pytest

from linter.config import Config, RuleSettings
from linter.engine import Linter
from linter.problem import Problem
from linter.rules import get
from linter.sources import JsonSource
from linter.template import Template, parse_template


@pytest.fixture(autouse=True)
def _cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                                  ) -> None:
    """Every wtlint run of a test keeps its cache in a fresh temporary folder, never in the
    working directory (the repository)."""
    monkeypatch.setenv("WTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("wtlint_cache")))


BASE_FLAT: dict[str, Any] = {
    "name": "order_update",
    "language": "en_US",
    "category": "UTILITY",
    "body": "Hi {{1}}, your order {{2}} has shipped and should arrive within three days.",
    "examples": ["Ana", "A-1029"],
}


def make_raw(drop: Iterable[str] = (), **fields: Any) -> dict[str, Any]:
    """A valid flat template with ``fields`` replaced; Meta shape when ``components`` is given."""
    raw = {k: v for k, v in BASE_FLAT.items() if k not in ("body", "examples")} \
        if "components" in fields else dict(BASE_FLAT)
    raw.update(fields)
    for key in drop:
        raw.pop(key, None)
    return raw


def make_template(raw: dict[str, Any], path: str = "t.json", index: int = 0) -> Template:
    text = json.dumps(raw, ensure_ascii=False, indent=2)
    return parse_template(raw, JsonSource(path, text), "", index)


def lint(raw: dict[str, Any], *codes: str, options: dict[str, Any] | None = None,
         linter: Linter | None = None) -> list[Problem]:
    """Lint one template with only ``codes`` selected (all default rules when none)."""
    if linter is None:
        settings = {}
        if options:
            for code in codes:
                rule = get(code)
                settings[rule.code] = RuleSettings(options=rule.options(**options))
        linter = Linter(Config(select=codes, rules=settings))
    return linter.lint(make_template(raw))
