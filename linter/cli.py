"""The ``wtlint`` command: parse flags, call the library, print, and choose the exit code."""

from __future__ import annotations

import difflib
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

import click

from linter import __version__, baseline, loader, rules
from linter import config as config_module
from linter.cache import DEFAULT_DIR as DEFAULT_CACHE_DIR
from linter.cache import Cache
from linter.catalogue import rules_markdown
from linter.changes import ChangesError, changed_files
from linter.classifier.errors import ModelError
from linter.classifier.scorer import Scorer
from linter.config import Config, ConfigError
from linter.engine import Linter
from linter.formatters import FORMATS, Format, classification_dict, classification_text, text_error
from linter.loader import InputError
from linter.problem import Problem, Severity
from linter.run import (
    FileResult,
    Summary,
    classify_paths,
    default_jobs,
    lint_paths,
    lint_paths_distributed,
    lint_paths_parallel,
)


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


def _model_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option("--trust-model", is_flag=True,
                           help="Allow --model to load a joblib file that is not the bundled one "
                                "(joblib runs code on load: only your own models).")(command)
    return click.option("--model", type=click.Path(exists=True, path_type=Path),
                        help="A model directory or file made by 'wtlint train'.")(command)


def _scorer(model: Path | None, trust_model: bool) -> Scorer:
    if model is not None and not trust_model:
        click.echo("wtlint: --model needs --trust-model: loading a joblib file runs its code", err=True)
        sys.exit(ExitCode.USAGE)
    return Scorer(model, trusted=trust_model)


T = TypeVar("T")


def _guard_model(produce: Callable[[], Iterable[T]]) -> Iterator[T]:
    """Iterate ``produce()``; a model that cannot be loaded ends the run with exit code 2."""
    try:
        yield from produce()
    except ModelError as error:
        click.echo(f"wtlint: {error}", err=True)
        sys.exit(ExitCode.USAGE)


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
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Processes to lint with (0: all cores) [default: all cores for inputs over 20 MiB, else 1].")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on a Dask distributed cluster (e.g. tcp://10.0.0.5:8786); needs wtlint[dask].")
@click.option("--changed-since", metavar="REF",
              help="Lint only files changed since this git ref (and untracked ones), e.g. origin/main.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings this baseline (from --write-baseline) does not know.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record every finding of this run as the baseline, and exit 0.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="MIB",
              help="Refuse files larger than this (JSON Lines is streamed and never refused) [default: 256].")
@click.option("--no-cache", is_flag=True, help="Lint every file again: neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="WTLINT_CACHE_DIR",
              help="Keep the cache here (or $WTLINT_CACHE_DIR) [default: the config's cache-dir, "
                   "else .wtlint_cache in the working directory].")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the --format report to this file and print text on the terminal.")
@click.option("--fix", is_flag=True, help="Apply safe fixes (placeholder braces, legacy values, whitespace) to the files.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also reword templates that read as MARKETING (changes meaning).")
@click.option("--diff", "show_diff", is_flag=True, help="Show what --fix would change; write nothing.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@_model_options
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          output_format: str, fail_on: str | None, config_file: Path | None, jobs: int | None,
          scheduler: str | None, changed_since: str | None,
          baseline_file: Path | None,
          write_baseline: Path | None, max_file_size: int | None, no_cache: bool, cache_dir: Path | None,
          output: Path | None,
          fix: bool, unsafe_fixes: bool, show_diff: bool,
          quiet: bool, no_color: bool, model: Path | None, trust_model: bool) -> None:
    """Lint template files (JSON, JSON Lines, YAML, CSV; directories recursively; - for stdin)."""
    color = False if no_color else None
    try:
        config = _resolve_config(config_file).with_overrides(
            select=_split(select), ignore=_split(ignore),
            fail_on=Severity(fail_on) if fail_on else None, max_file_mib=max_file_size)
    except ConfigError as error:
        click.echo(f"wtlint: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    scorer = _scorer(model, trust_model)
    if fix or show_diff:
        changed = _fix(paths, config, scorer, unsafe=unsafe_fixes, show_diff=show_diff)
        if show_diff:
            sys.exit(ExitCode.PROBLEMS if changed else ExitCode.OK)
    linter = Linter(config, scorer)
    workers = default_jobs(paths) if jobs is None else (jobs or os.cpu_count() or 1)
    known = _load_baseline(baseline_file)
    only = _changed(changed_since)
    cache = None if no_cache else Cache.open(cache_dir or config.cache_dir or DEFAULT_CACHE_DIR,
                                             config, scorer)
    report_form = FORMATS[output_format]
    form = FORMATS["text"] if output else report_form
    report = _ReportFile.open(output, report_form) if output and not write_baseline else None
    progress = _progress(printing_as_found=form.streams)
    run = _collect(_runner(paths, config, linter, workers, scheduler, only, cache), Summary(fail_on=config.fail_on),
                   known, form, color, progress, report,
                   keep=not form.streams or (report is not None and not report_form.streams),
                   record=bool(write_baseline))
    progress.close()
    summary = run.summary
    # Workers keep their own ignore counts: only a single process can tell an ignore is unused.
    summary.unused_ignores = tuple(linter.unused_ignores()) if workers == 1 and not scheduler else ()
    summary.in_baseline = known.matched if known is not None else 0
    if write_baseline:
        count = baseline.write(write_baseline, run.recorded)
        click.echo(f"wrote {write_baseline}: {count} finding(s) recorded", err=True)
        sys.exit(ExitCode.USAGE if summary.errors else ExitCode.OK)
    if report is not None:
        report.finish(run.kept, summary)
    _report(run, form, quiet=quiet, color=color)
    sys.exit(130 if run.interrupted else _exit_code(summary))


@dataclass
class _Collected:
    summary: Summary
    kept: list[FileResult] = field(default_factory=list)  # for reports written at the end
    recorded: list[Problem] = field(default_factory=list)  # for --write-baseline
    interrupted: bool = False


def _report(run: _Collected, form: Format, *, quiet: bool, color: bool | None) -> None:
    """The end of the report on the terminal (all of it for formats that do not stream)."""
    if not (quiet and form.streams):
        click.echo(form.end(run.kept, run.summary), color=color)
    if run.interrupted:
        click.echo("wtlint: interrupted; the report covers what was read until then", err=True)


def _collect(results: Callable[[], Iterable[FileResult]], summary: Summary, known: baseline.Baseline | None,
             form: Format, color: bool | None, progress: Any, report: _ReportFile | None, *, keep: bool,
             record: bool) -> _Collected:
    """Show each file's results as they come, counting them; Ctrl-C stops with what was read."""
    run = _Collected(summary)
    try:
        for result in _guard_model(results):
            progress.update(result.templates)
            if record:
                run.recorded.extend(result.problems)
            if known is not None:
                result = replace(result, problems=known.new(result.problems))
            summary.add(result)
            _show(result, form, color)
            if report is not None:
                report.add(result)
            if keep:
                run.kept.append(result)
    except KeyboardInterrupt:  # Ctrl-C: report what was read so far, then exit 130
        run.interrupted = True
    except BaseException:  # a model that cannot be loaded, or a bug: no half report is left behind
        if report is not None:
            report.discard()
        raise
    return run


def _fix(paths: tuple[str, ...], config: Config, scorer: Scorer, *, unsafe: bool, show_diff: bool) -> int:
    """Apply (or, with ``show_diff``, show) the fixes; the number of files they change."""
    from linter.fixes import fix_paths
    from linter.suggest import Suggester

    suggester = Suggester(config, scorer) if unsafe else None
    written: list[str] = []
    refused = fixed = reworded = 0
    for result in _guard_model(lambda: fix_paths(paths, Linter(config, scorer), suggester)):
        fixed, reworded = fixed + result.fixed, reworded + result.reworded
        refused += not _write_back(result.path, result.data, result.text, show_diff, written)
    if not show_diff:
        click.echo(f"wtlint: applied {fixed} safe fix(es) and reworded {reworded} template(s) "
                   f"in {len(written)} file(s)", err=True)
    if refused:
        sys.exit(ExitCode.USAGE)
    return fixed + reworded


def _runner(paths: tuple[str, ...], config: Config, linter: Linter, workers: int, scheduler: str | None,
            only: frozenset[Path] | None, cache: Cache | None) -> Callable[[], Iterable[FileResult]]:
    """One process, several (--jobs), or a Dask cluster (--scheduler)."""
    if scheduler:
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            click.echo("wtlint: --scheduler needs Dask: pip install 'wtlint[dask]'", err=True)
            sys.exit(ExitCode.USAGE)
        return lambda: lint_paths_distributed(paths, config, scheduler, linter.scorer, only, cache)
    if workers > 1:
        return lambda: lint_paths_parallel(paths, config, workers, linter.scorer, only, cache)
    return lambda: lint_paths(paths, linter, only, cache)


def _show(result: FileResult, form: Format, color: bool | None) -> None:
    for error in result.errors:
        click.echo(text_error(error), err=True, color=color)
    shown = form.file(result) if form.streams else ""
    if shown:
        click.echo(shown, color=color)


def _changed(ref: str | None) -> frozenset[Path] | None:
    if ref is None:
        return None
    try:
        return changed_files(ref, Path.cwd())
    except ChangesError as error:
        click.echo(f"wtlint: --changed-since: {error}", err=True)
        sys.exit(ExitCode.USAGE)


def _load_baseline(path: Path | None) -> baseline.Baseline | None:
    if path is None:
        return None
    try:
        return baseline.Baseline.load(path)
    except baseline.BaselineError as error:
        click.echo(f"wtlint: {error}", err=True)
        sys.exit(ExitCode.USAGE)


def _progress(*, printing_as_found: bool = False, total: int | None = None, steps: bool = False) -> Any:
    """A progress line on stderr for long runs: only on a terminal (never in CI logs), and
    not when results are printed as they are found to that same terminal. With ``steps``, a
    line naming the step under way (``set_description_str``) and the time spent."""
    shown = not (printing_as_found and sys.stdout.isatty())
    from tqdm import tqdm

    layout = {"bar_format": "{desc} ({elapsed})"} if steps else {"unit": " templates"}
    return tqdm(total=total, file=sys.stderr, leave=False, mininterval=0.5, delay=0 if steps else 2.0,
                disable=not (shown and sys.stderr.isatty()), **layout)


@dataclass
class _ReportFile:
    """--output: a streaming format is written as results arrive (memory stays flat), the
    others at the end; through a temporary file renamed when the report is whole, so an
    interrupted run never leaves half a report."""

    path: Path
    form: Format
    handle: TextIO

    @classmethod
    def open(cls, path: Path, form: Format) -> _ReportFile:
        try:
            return cls(path, form, _partial(path).open("w", encoding="utf-8"))
        except OSError as error:
            _cannot_write(path, error)

    def add(self, result: FileResult) -> None:
        if self.form.streams:
            self._write(self.form.file(result))

    def finish(self, kept: Sequence[FileResult], summary: Summary) -> None:
        self._write(self.form.end(kept, summary))
        try:
            self.handle.close()
            _partial(self.path).replace(self.path)
        except OSError as error:
            _cannot_write(self.path, error)

    def discard(self) -> None:
        self.handle.close()
        _partial(self.path).unlink(missing_ok=True)

    def _write(self, text: str) -> None:
        if not text:
            return
        try:
            self.handle.write(click.unstyle(text) + "\n")
        except OSError as error:
            _cannot_write(self.path, error)


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


def _cannot_write(path: Path, error: OSError) -> NoReturn:
    click.echo(f"wtlint: cannot write {path}: {error.strerror or error}", err=True)
    sys.exit(ExitCode.USAGE)


def _exit_code(summary: Summary) -> ExitCode:
    if summary.errors:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if summary.failing else ExitCode.OK


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@_model_options
def classify(paths: tuple[str, ...], output_format: str, no_color: bool, model: Path | None,
             trust_model: bool) -> None:
    """Predict MARKETING / UTILITY / AUTHENTICATION for every template, with the phrases why."""
    scorer = _scorer(model, trust_model)
    color = False if no_color else None
    items, errors = [], 0
    progress = _progress(printing_as_found=output_format == "text")
    for item in _guard_model(lambda: classify_paths(paths, scorer)):
        progress.update(not isinstance(item, InputError))
        if isinstance(item, InputError):
            errors += 1
            click.echo(text_error(item), err=True, color=color)
        elif output_format == "text":
            click.echo(classification_text(*item), color=color)
        else:
            items.append(classification_dict(*item))
    progress.close()
    if output_format == "json":
        click.echo(json.dumps({"version": 1, "templates": items}, ensure_ascii=False, indent=2))
    sys.exit(ExitCode.USAGE if errors else ExitCode.OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--write", is_flag=True, help="Write the rewordings back into the files (same format and layout).")
@click.option("--diff", "show_diff", is_flag=True, help="Show what --write would change in each file; write nothing.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (wtlint.toml or pyproject.toml); default: found from here up.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="MIB",
              help="Refuse files larger than this [default: 256].")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@_model_options
def suggest(paths: tuple[str, ...], output_format: str, write: bool, show_diff: bool,
            config_file: Path | None, max_file_size: int | None, no_color: bool, model: Path | None,
            trust_model: bool) -> None:
    """Reword templates that read as MARKETING into transactional ones, or say to submit them as MARKETING."""
    from linter.suggest import Suggester, Tally, advice_text, payload, suggest_paths

    color = False if no_color else None
    try:
        config = _resolve_config(config_file).with_overrides(max_file_mib=max_file_size)
    except ConfigError as error:
        click.echo(f"wtlint: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    suggester = Suggester(config, _scorer(model, trust_model))
    tally, results, refused = Tally(), [], 0
    progress = _progress(printing_as_found=output_format == "text")
    for result in _guard_model(lambda: suggest_paths(paths, suggester, config.max_file_mib)):
        progress.update(len(result.advice))
        tally.add(result)
        for error in result.errors:
            click.echo(text_error(error), err=True, color=color)
        if output_format == "text":
            for advice in result.advice:
                if advice.action != "none":
                    click.echo(advice_text(advice), color=color)
        else:
            results.append(result)
        if write or show_diff:
            refused += not _write_back(result.path, result.data, result.rewritten_text, show_diff, tally.written)
    progress.close()
    if output_format == "json":
        click.echo(json.dumps(payload(results), ensure_ascii=False, indent=2))
    else:
        click.echo(tally.text(), color=color)
    if tally.errors or refused:
        sys.exit(ExitCode.USAGE)
    pending = tally.recategorise + (0 if write else tally.reworded)
    sys.exit(ExitCode.PROBLEMS if pending else ExitCode.OK)


def _write_back(path: str, data: bytes | None, text: Callable[[], str | None], show_diff: bool,
                written: list[str]) -> bool:
    """Print the file's diff (``--diff``) or write it (``--write``); False when it cannot be
    (said on stderr: the other files still go)."""
    from linter import writer

    if data is None or path == "<stdin>":
        return True
    try:
        new = text()
        if new is not None and show_diff:
            before = data.decode("utf-8-sig").splitlines(keepends=True)
            click.echo("".join(difflib.unified_diff(before, new.lstrip("\ufeff").splitlines(keepends=True),
                                                    f"{path} (now)", f"{path} (rewritten)")), nl=False)
        elif new is not None:
            writer.write_atomic(path, new, writer.digest(data))
            written.append(path)
    except writer.WriteError as error:
        click.echo(f"wtlint: {error}", err=True)
        return False
    return True


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--slice", "slices", multiple=True, help="Also report per value of this field.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_model_options
def evaluate(paths: tuple[str, ...], slices: tuple[str, ...], output_format: str,
             model: Path | None, trust_model: bool) -> None:
    """Measure the classifier on labelled templates (their category is the label)."""
    from linter.classifier.evaluate import evaluate as measure
    from linter.classifier.report import evaluation_text

    scorer = _scorer(model, trust_model)
    templates = []
    for path in loader.discover(paths):
        for item in ([path] if isinstance(path, InputError) else loader.read(path)):
            if isinstance(item, InputError):
                click.echo(text_error(item), err=True)
                sys.exit(ExitCode.USAGE)
            templates.append(item)
    progress = _progress(total=len(templates))
    report = next(_guard_model(lambda: [measure(scorer.classifier, templates, ("language", *slices),
                                                progress.update)]))
    progress.close()
    click.echo(json.dumps(report, indent=2) if output_format == "json" else evaluation_text(report))


@main.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True, help="Folder with the corpus (corpus/*.jsonl).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("models"),
              show_default=True, help="Where to write the model, its metadata and its card.")
def train(data_dir: Path, out_dir: Path) -> None:
    """Rebuild the classifier from the corpus, reproducibly, and write models/."""
    from linter.classifier import train as training

    pin = Path(__file__).parent / "classifier" / "pinned.py" if out_dir.resolve() == \
        (Path(__file__).parent.parent / "models").resolve() else None
    status = _progress(steps=True)
    try:
        meta = training.train(data_dir, out_dir, pin_file=pin, progress=status.set_description_str)
    except (FileNotFoundError, ValueError) as error:
        click.echo(f"wtlint: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    finally:
        status.close()
    click.echo(f"wrote {out_dir}: model {meta['model_version']}, sha256 {meta['sha256']}")
    if pin is None:
        click.echo("(not the bundled models/ folder: load it with --model DIR --trust-model)")


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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets other machines reach the page.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (wtlint.toml or pyproject.toml); default: found from here up.")
def serve(host: str, port: int, config_file: Path | None) -> None:
    """Run wtlint as a web page and JSON API, until Ctrl-C."""
    from linter import web

    try:
        config = _resolve_config(config_file)
    except ConfigError as error:
        click.echo(f"wtlint: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    if not web.is_loopback(host):
        click.echo(f"wtlint: listening on {host}: anyone who can reach this machine can use the page",
                   err=True)
    web.serve(host, port, config)


def run() -> None:
    """Console entry point: a bug prints a traceback and exits 3, never a bare crash."""
    try:
        main()
    except KeyboardInterrupt:
        click.echo("wtlint: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # `wtlint ... | head` closed the pipe: not an error of ours
        sys.stderr.close()
        sys.exit(ExitCode.OK)
    except Exception:  # noqa: BLE001 - the last line of defence, reported as a bug
        traceback.print_exc()
        click.echo("wtlint: internal error; please report it with the traceback above", err=True)
        sys.exit(ExitCode.INTERNAL)
