"""A cache of each file's findings, so that a re-run over unchanged files runs almost no rule.

An entry belongs to one file and one set of settings (the rules with their severities and
options, the ignores, the classifier model, wtlint's version and code, the installed
libraries) and is current while the file's bytes are unchanged. It holds, for each batch of
the file, the problems found and the per-template ignores used, except for the rules that
compare templates across files: their findings depend on the other files, so they always run.

Entries are JSON Lines written to a temporary file and renamed into place; each line carries a
digest of itself, and a line that does not match is never trusted: the file is linted instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from linter import __version__
from linter.problem import Edit, FileEdit, Location, Position, Problem, Severity, Suggestion

if TYPE_CHECKING:
    from linter.classifier.scorer import Scorer
    from linter.config import Config

FORMAT = 1
DEFAULT_DIR = Path(".wtlint_cache")
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by wtlint.\n"
                 "# For information about cache directory tags, see https://bford.info/cachedir/\n")
_READ_ERRORS = (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError)


@dataclass(frozen=True)
class CachedPart:
    """One batch of a file as it was linted: its problems and the ignores it used."""

    problems: tuple[Problem, ...]
    suppressed: frozenset[tuple[str, str]]


class Cache:
    """A cache directory, for one run's settings."""

    def __init__(self, directory: Path, settings: str) -> None:
        self.directory = directory
        self.settings = settings

    @classmethod
    def open(cls, directory: Path, config: Config, scorer: Scorer | None) -> Cache:
        return cls(directory, settings_digest(config, scorer))

    def entry(self, path: str) -> Entry | None:
        """The entry of the file at ``path``; None when the file cannot be read (the loader
        reports that)."""
        try:
            stamp = _stamp(path)
            content = _file_digest(path)
        except OSError:
            return None
        name = hashlib.sha256(f"{self.settings}\0{path}".encode()).hexdigest()[:32]
        header = {"wtlint-cache": FORMAT, "settings": self.settings, "path": path, "content": content}
        return Entry(self, self.directory / f"{name}.cache", header, path, stamp)

    def prepare(self) -> None:
        """Create the directory, marked as a cache (backup tools skip it) and ignored by git."""
        if not self.directory.is_dir():
            self.directory.mkdir(parents=True, exist_ok=True)
            (self.directory / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")
            (self.directory / ".gitignore").write_text("# created by wtlint\n*\n", encoding="utf-8")


class Entry:
    """One file's entry: replays the cached batches while they are current and readable;
    otherwise records freshly linted ones and puts them in place when the file is done.

    A part that cannot be read before any was replayed makes the entry a fresh one; one that
    cannot be read later drops the entry (the rest of the file is linted, the next run
    rewrites it).
    """

    def __init__(self, cache: Cache, file: Path, header: dict[str, Any], path: str, stamp: tuple[int, int]
                 ) -> None:
        self._cache = cache
        self._file = file
        self._header = header
        self._path = path
        self._stamp = stamp  # size and modification time when the file was hashed
        self._reader = _open_current(file, header)
        self._replayed = 0
        self._writer: IO[str] | None = None
        self._recording = self._reader is None

    @property
    def current(self) -> bool:
        """Whether the entry holds this file's batches (as far as its header tells)."""
        return self._reader is not None

    def replay(self) -> CachedPart | None:
        """The next cached batch of the file, or None: lint it (and ``record`` it)."""
        if self._reader is None:
            return None
        part = _read_part(self._reader)
        if part is not None:
            self._replayed += 1
            return part
        self._reader.close()
        self._reader = None
        self._recording = self._replayed == 0
        if not self._recording:
            with contextlib.suppress(OSError):
                self._file.unlink(missing_ok=True)
        return None

    def record(self, problems: tuple[Problem, ...], suppressed: frozenset[tuple[str, str]]) -> None:
        """Add a freshly linted batch (without the problems of rules comparing templates)."""
        if not self._recording:
            return
        try:
            if self._writer is None:
                self._writer = self._start()
            self._writer.write(_line({"problems": [_problem_dict(p) for p in problems],
                                      "suppressed": sorted(suppressed)}))
        except (OSError, TypeError, ValueError):  # a cache that cannot be written only costs time
            self._recording = False
            self.close(complete=False)

    def close(self, *, complete: bool) -> None:
        """Done with the file: put a complete recording in place, or throw it away."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._writer is None:
            return
        temporary = Path(self._writer.name)
        self._writer, writer = None, self._writer
        with contextlib.suppress(OSError):
            writer.close()
            if complete and _stamp(self._path) == self._stamp:  # not edited while it was linted
                os.replace(temporary, self._file)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)

    def _start(self) -> IO[str]:
        self._cache.prepare()
        # Open until close(): batches are written as they are linted, so memory stays flat.
        writer = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self._cache.directory,  # noqa: SIM115
                                             prefix=".", suffix=".tmp", delete=False)
        writer.write(_line(self._header))
        return writer


# --- what an entry is keyed on -----------------------------------------------------------------

def settings_digest(config: Config, scorer: Scorer | None) -> str:
    """Everything besides a file that decides its findings."""
    enabled = config.enabled_rules()
    rules = []
    for rule in enabled:
        severity = config.severity(rule)
        rules.append([rule.code, severity.value if severity else None, repr(config.options(rule))])
    needs_model = any("classifier" in rule.needs for rule in enabled)
    document = {
        "format": FORMAT,
        "wtlint": __version__,
        "code": _code_digest(),
        "libraries": _installed_libraries(),
        "rules": rules,
        "ignores": config.per_template_ignores,
        "max_file_mib": config.max_file_mib,
        "model": _model_digest(scorer) if needs_model else None,
    }
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()


def _code_digest() -> str:
    """wtlint's own code and data: an edited rule in a source checkout changes no version."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    files = [*package.rglob("*.py"), *(package / "resources").rglob("*")]
    for path in sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts):
        digest.update(f"{path.relative_to(package)}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _installed_libraries() -> list[str]:
    """The installed distributions with their versions, from the names of their metadata
    folders: an upgraded library (spaCy, lingua...) can change findings, and reading the
    metadata itself costs tens of milliseconds."""
    names: list[str] = []
    for folder in sys.path:
        if not folder:
            continue
        try:
            names += sorted(name for name in os.listdir(folder) if name.endswith(".dist-info"))
        except OSError:
            continue
    return names


def _model_digest(scorer: Scorer | None) -> str:
    """The model's sha256: the pinned one unless the model is trusted (only the pinned file
    loads untrusted), else the trusted file's own."""
    from linter.classifier import pinned

    if scorer is None or not scorer.trusted:
        return pinned.MODEL_SHA256
    from linter.classifier.model import MODEL_FILE, default_model_dir, sha256

    location = scorer.model_dir or default_model_dir()
    try:
        return sha256(location / MODEL_FILE if location.is_dir() else location)
    except OSError:
        return "unreadable"  # loading it will report the error


def _stamp(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns


def _file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- reading and writing entries -----------------------------------------------------------------

def _line(document: Any) -> str:
    text = json.dumps(document, separators=(",", ":"))  # ASCII: lone surrogates in a text survive
    return f"{_check(text)} {text}\n"


def _check(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _checked(line: str) -> Any:
    """The document on a line written by ``_line``; ValueError if the line was altered."""
    check, _, text = line.rstrip("\n").partition(" ")
    if not text or check != _check(text):
        raise ValueError("cache line does not match its digest")
    return json.loads(text)


def _open_current(file: Path, header: dict[str, Any]) -> IO[str] | None:
    """The entry opened past its header if that header is ``header``, else None."""
    try:
        reader = file.open(encoding="utf-8")
    except OSError:
        return None
    try:
        if _checked(reader.readline()) == header:
            return reader
    except _READ_ERRORS:
        pass
    reader.close()
    return None


def _read_part(reader: IO[str]) -> CachedPart | None:
    try:
        document = _checked(reader.readline())
        return CachedPart(tuple(_problem(p) for p in document["problems"]),
                          frozenset((pattern, code) for pattern, code in document["suppressed"]))
    except _READ_ERRORS:
        return None


def _problem_dict(problem: Problem) -> dict[str, Any]:
    suggestion = problem.suggestion
    return {
        "path": problem.path,
        "index": problem.index,
        "template": problem.template,
        "code": problem.code,
        "name": problem.name,
        "severity": problem.severity.value,
        "message": problem.message,
        "pointer": problem.pointer,
        "position": [problem.position.line, problem.position.column],
        "suggestion": None if suggestion is None else {
            "title": suggestion.title, "safe": suggestion.safe,
            "edits": [[e.location.pointer, e.location.start, e.location.end, e.replacement]
                      for e in suggestion.edits]},
        "details": None if problem.details is None else dict(problem.details),
        "template_key": problem.template_key,
        "local_pointer": problem.local_pointer,
        "span": list(problem.span),
        "fix": [[e.start.line, e.start.column, e.end.line, e.end.column, e.text] for e in problem.fix],
    }


def _problem(data: dict[str, Any]) -> Problem:
    suggestion = data["suggestion"]
    return Problem(
        path=data["path"],
        index=data["index"],
        template=data["template"],
        code=data["code"],
        name=data["name"],
        severity=Severity(data["severity"]),
        message=data["message"],
        pointer=data["pointer"],
        position=Position(*data["position"]),
        suggestion=None if suggestion is None else Suggestion(
            suggestion["title"],
            tuple(Edit(Location(pointer, start, end), text)
                  for pointer, start, end, text in suggestion["edits"]),
            suggestion["safe"]),
        details=data["details"],
        template_key=data["template_key"],
        local_pointer=data["local_pointer"],
        span=tuple(data["span"]),
        fix=tuple(FileEdit(Position(a, b), Position(c, d), text) for a, b, c, d, text in data["fix"]),
    )
