"""--changed-since: lint only what changed since a git ref."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

BAD = {"name": "Bad-Name", "language": "en", "category": "UTILITY",
       "body": "Hi {{1}}, your order {{2}} has shipped and arrives soon.", "examples": ["a", "b"]}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=repo,
                   check=True, capture_output=True)


def test_only_changed_and_untracked_files_are_linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q")
    for name in ("old.json", "edited.json"):
        (tmp_path / name).write_text(json.dumps({**BAD, "name": name.split(".")[0].upper()}))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")
    (tmp_path / "edited.json").write_text(json.dumps({**BAD, "name": "EDITED2"}))
    (tmp_path / "new.json").write_text(json.dumps({**BAD, "name": "NEW"}))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--select", "NM001", "--format", "json",
                                       "--changed-since", "HEAD", "."])
    names = sorted(f["template"] for f in json.loads(result.stdout)["findings"])
    assert result.exit_code == 1 and names == ["EDITED2", "NEW"]


def test_a_bad_ref_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--changed-since", "no-such-ref", "."])
    assert result.exit_code == 2 and "--changed-since" in result.stderr
