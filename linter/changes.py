"""Which files changed since a git ref, for linting only what a pull request touches."""

from __future__ import annotations

import subprocess
from pathlib import Path


class ChangesError(ValueError):
    """git could not say what changed; the message says why."""


def _git(*args: str, cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise ChangesError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        raise ChangesError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def changed_files(ref: str, cwd: Path) -> frozenset[Path]:
    """Files added, modified, renamed or copied since ``ref`` (working tree included), plus
    untracked files git does not ignore; resolved to absolute paths."""
    root = Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    changed = _git("diff", "--name-only", "--diff-filter=ACMR", ref, "--", cwd=root).splitlines()
    untracked = _git("ls-files", "--others", "--exclude-standard", cwd=root).splitlines()
    return frozenset((root / name).resolve() for name in changed + untracked if name)
