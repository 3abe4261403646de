"""Configuration: ``[tool.wtlint]`` in pyproject.toml or a ``wtlint.toml``, validated on load.

The first file found walking up from the working directory wins; files are not merged.
Precedence: command-line flags, then ``--config FILE``, then the discovered file, then the
rules' own defaults.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter import rules
from linter.loader import DEFAULT_MAX_FILE_MIB
from linter.problem import Severity
from linter.rules.base import Rule

CONFIG_FILES = ("wtlint.toml", "pyproject.toml")
_TOP_KEYS = ("select", "ignore", "fail-on", "rules", "per-template-ignores", "max-file-size", "cache-dir")


class ConfigError(ValueError):
    """The configuration is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class RuleSettings:
    severity: Severity | None = None
    options: Any = None


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)  # keyed by rule code
    per_template_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_mib: int = DEFAULT_MAX_FILE_MIB  # larger files (but JSON Lines) are refused
    path: Path | None = None
    cache_dir: Path | None = None  # None: .wtlint_cache in the working directory

    def with_overrides(self, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                       fail_on: Severity | None = None, max_file_mib: int | None = None) -> Config:
        """Command-line flags on top: ``--select`` replaces, ``--ignore`` adds."""
        _check_selectors(select, "--select")
        _check_selectors(ignore, "--ignore")
        return dataclasses.replace(self, select=select or self.select,
                                   ignore=self.ignore + ignore, fail_on=fail_on or self.fail_on,
                                   max_file_mib=max_file_mib or self.max_file_mib)

    def enabled_rules(self) -> tuple[Rule, ...]:
        """The rules this configuration runs, in catalogue order."""
        if self.select:
            chosen = {r.code for s in self.select for r in rules.matching(s)
                      if r.enabled_by_default or _names_exactly(s, r)}
        else:
            chosen = {r.code for r in rules.ALL_RULES if r.enabled_by_default}
        ignored = {r.code for s in self.ignore for r in rules.matching(s)}
        return tuple(r for r in rules.ALL_RULES if r.code in chosen - ignored)

    def severity(self, rule: Rule) -> Severity | None:
        settings = self.rules.get(rule.code)
        return settings.severity if settings else None

    def options(self, rule: Rule) -> Any:
        settings = self.rules.get(rule.code)
        if settings and settings.options is not None:
            return settings.options
        return rule.options()


def _names_exactly(selector: str, rule: Rule) -> bool:
    return selector.strip().upper() in (rule.code, "ALL") or selector.strip().lower() == rule.name


def _check_selectors(selectors: tuple[str, ...], where: str) -> None:
    for selector in selectors:
        if not rules.matching(selector):
            raise ConfigError(f"{where}: no rule matches {selector!r}")


def discover(start: Path) -> Path | None:
    """The first wtlint.toml, or pyproject.toml with [tool.wtlint], from ``start`` upward."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name == "wtlint.toml" or _has_wtlint_table(candidate)):
                return candidate
        if (folder / ".git").exists():
            break
    return None


def _has_wtlint_table(path: Path) -> bool:
    try:
        return "wtlint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load(path: Path | None) -> Config:
    """Read and validate one config file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    table = document.get("tool", {}).get("wtlint", {}) if path.name == "pyproject.toml" else document
    where = f"{path}: [tool.wtlint]" if path.name == "pyproject.toml" else str(path)
    return parse(table, where, path)


def parse(table: Mapping[str, Any], where: str, path: Path | None = None) -> Config:
    """Validate a config table (already decoded from TOML)."""
    for key in table:
        if key not in _TOP_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(_TOP_KEYS)})")
    select = _string_list(table.get("select", []), f"{where}: select")
    ignore = _string_list(table.get("ignore", []), f"{where}: ignore")
    _check_selectors(select, f"{where}: select")
    _check_selectors(ignore, f"{where}: ignore")
    return Config(
        select=select,
        ignore=ignore,
        fail_on=_severity(table.get("fail-on", "error"), f"{where}: fail-on"),
        rules=_rule_settings(table.get("rules", {}), where),
        per_template_ignores=_per_template_ignores(table.get("per-template-ignores", {}), where),
        max_file_mib=_positive_int(table.get("max-file-size", DEFAULT_MAX_FILE_MIB), f"{where}: max-file-size"),
        path=path,
        cache_dir=_folder(table.get("cache-dir"), f"{where}: cache-dir", path),
    )


def _folder(value: Any, where: str, config_file: Path | None) -> Path | None:
    """A folder path; a relative one is relative to the config file's folder, like ruff's."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a folder path")
    folder = Path(value).expanduser()
    return folder if folder.is_absolute() or config_file is None else config_file.parent / folder


def _positive_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where} must be a whole number of MiB, at least 1")
    return value


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity.parse(value) if isinstance(value, str) else Severity.parse(repr(value))
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None


def _rule_settings(table: Any, where: str) -> dict[str, RuleSettings]:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: rules must be a table of rule names")
    settings = {}
    for key, values in table.items():
        try:
            rule = rules.get(key)
        except KeyError:
            raise ConfigError(f"{where}: unknown rule {key!r} in [rules]") from None
        if not isinstance(values, Mapping):
            raise ConfigError(f"{where}: rules.{key} must be a table")
        values = dict(values)
        severity = _severity(values.pop("severity"), f"{where}: rules.{key}.severity") \
            if "severity" in values else None
        settings[rule.code] = RuleSettings(severity, _options(rule, values, f"{where}: rules.{key}"))
    return settings


def _options(rule: Rule, values: Mapping[str, Any], where: str) -> Any:
    known = {f.name.replace("_", "-"): f for f in dataclasses.fields(rule.options)}
    hints = typing.get_type_hints(rule.options)
    kwargs = {}
    for key, value in values.items():
        option = known.get(key.replace("_", "-"))
        if option is None:
            names = ", ".join(known) or "none"
            raise ConfigError(f"{where}: unknown option {key!r} for rule {rule.name!r} "
                              f"(options: {names}, severity)")
        kwargs[option.name] = _typed(value, hints[option.name], f"{where}.{key}")
    return rule.options(**kwargs)


def _typed(value: Any, expected: Any, where: str) -> Any:
    """``value`` checked against an option's type; a whole number is a fine float."""
    accepts = set(typing.get_args(expected)) or {expected}
    if float in accepts and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bool) and bool not in accepts:
        raise ConfigError(f"{where} must be {_type_name(expected)}, not bool")
    if not isinstance(value, tuple(accepts - {type(None)})):
        raise ConfigError(f"{where} must be {_type_name(expected)}, not {type(value).__name__}")
    return value


def _type_name(expected: Any) -> str:
    names = [t.__name__ for t in typing.get_args(expected) if t is not type(None)]
    return " or ".join(names) if names else expected.__name__


def _per_template_ignores(table: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: per-template-ignores must be a table of pattern = [codes]")
    pairs = []
    for pattern, codes in table.items():
        codes = _string_list(codes, f"{where}: per-template-ignores.{pattern!r}")
        _check_selectors(codes, f"{where}: per-template-ignores.{pattern!r}")
        pairs.append((pattern, codes))
    return tuple(pairs)
