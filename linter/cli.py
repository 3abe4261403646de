"""The ``wtlint`` command: parse flags, call the library, print, and choose the exit code."""

from __future__ import annotations

import sys
import traceback
from enum import IntEnum
from pathlib import Path

import click

from linter import __version__, config as config_module, rules
from linter.config import Config, ConfigError
from linter.engine import Linter
from linter.catalogue import rules_markdown
from linter.formatters import FORMATS, text_error
from linter.problem import Severity
from linter.run import FileResult, Summary, lint_paths


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1  # findings at or above --fail-on
    USAGE = 2  # bad flags, config or input
    INTERNAL = 3  # a bug in wtlint


class _DefaultToCheck(click.Group):
    """``wtlint PATH`` means ``wtlint check PATH``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wtlint")
def main() -> None:
    """wtlint: lint WhatsApp Business message templates before Meta reviews them."""


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _resolve_config(config_file: Path | None) -> Config:
    path = config_file or config_module.discover(Path.cwd())
    return config_module.load(path)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--select", multiple=True, help="Rules to run: codes, names or prefixes (PH, PH00).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, names or prefixes.")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice([s.value for s in Severity]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (wtlint.toml or pyproject.toml); default: found from here up.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          output_format: str, fail_on: str | None, config_file: Path | None, quiet: bool,
          no_color: bool) -> None:
    """Lint template files (JSON, JSON Lines, YAML, CSV; directories recursively; - for stdin)."""
    color = False if no_color else None
    try:
        config = _resolve_config(config_file).with_overrides(
            select=_split(select), ignore=_split(ignore),
            fail_on=Severity(fail_on) if fail_on else None)
    except ConfigError as error:
        click.echo(f"wtlint: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    linter = Linter(config)
    form = FORMATS[output_format]
    summary = Summary(fail_on=config.fail_on)
    kept: list[FileResult] = []
    for result in lint_paths(paths, linter):
        summary.add(result)
        for error in result.errors:
            click.echo(text_error(error), err=True, color=color)
        if form.streams:
            if result.problems:
                click.echo(form.file(result), color=color)
        else:
            kept.append(result)
    summary.unused_ignores = tuple(linter.unused_ignores())
    if not (quiet and form.streams):
        click.echo(form.end(kept, summary), color=color)
    sys.exit(_exit_code(summary))


def _exit_code(summary: Summary) -> ExitCode:
    if summary.errors:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if summary.failing else ExitCode.OK


@main.command(name="rules")
@click.option("--markdown", is_flag=True, help="Print the full catalogue as Markdown (docs/rules.md).")
def list_rules(markdown: bool) -> None:
    """List every rule: code, name, default severity, summary."""
    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    for rule in rules.ALL_RULES:
        state = "" if rule.enabled_by_default else " (off by default)"
        click.echo(f"{rule.code}  {rule.name:<30} {rule.severity.value:<8} {rule.summary}{state}")


@main.command(name="rule")
@click.argument("code_or_name")
def show_rule(code_or_name: str) -> None:
    """Print the documentation of one rule (by code or name)."""
    try:
        rule = rules.get(code_or_name)
    except KeyError as error:
        click.echo(f"wtlint: {error.args[0]}; see 'wtlint rules'", err=True)
        sys.exit(ExitCode.USAGE)
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value}"
               f"{'' if rule.enabled_by_default else ', off by default'})\n")
    click.echo(rule.doc)
    if rule.predicts:
        click.echo(f"\nMeta's rejection reason when it fires: {', '.join(rule.predicts)}")
    if rule.sources:
        click.echo(f"Sources: {', '.join(rule.sources)} (see RULES.md)")


def run() -> None:
    """Console entry point: a bug prints a traceback and exits 3, never a bare crash."""
    try:
        main()
    except KeyboardInterrupt:
        click.echo("wtlint: interrupted", err=True)
        sys.exit(130)
    except Exception:  # noqa: BLE001 - the last line of defence, reported as a bug
        traceback.print_exc()
        click.echo("wtlint: internal error; please report it with the traceback above", err=True)
        sys.exit(ExitCode.INTERNAL)
