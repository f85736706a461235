"""Plain git hooks without the pre-commit framework: a small shell script per stage that
runs `railguard hook --staged` (and, optionally, the commit-msg policy)."""

from __future__ import annotations

import os
import shlex
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from railguard.model import RailguardError

MARKER = "# railguard-hook: installed by `railguard install-hook`"
STAGES = {
    "pre-commit": "hook --staged",
    "commit-msg": 'hook --commit-msg "$1"',
}


@dataclass(frozen=True)
class Installed:
    stage: str
    path: Path
    backup: Path | None


def hook_script(stage: str, python: str | None = None, console_script: str | None = None) -> str:
    """The hook runs railguard as installed, never code from the repository it checks.

    git runs hooks in the repository's top folder; `python -m railguard` would put that folder
    first on sys.path, and a committed `railguard/` (or `yaml.py`) would run instead. `-I`
    (isolated mode) leaves the current folder, PYTHONPATH and user site-packages out; when
    railguard lives in the user's site-packages (`pip install --user`), the hook starts the
    installed console script (its own folder, not the current one, is first on sys.path)."""
    python = python or sys.executable
    args = STAGES[stage]
    if console_script is None and python == sys.executable and not _importable_isolated(python):
        console_script = _installed_console_script(python)
    run = (f"exec {shlex.quote(console_script)} {args}\n" if console_script else
           f'if [ -x "$PY" ]; then exec "$PY" -I -m railguard {args}; fi\n')
    return (
        "#!/bin/sh\n"
        f"{MARKER}\n"
        "# Remove this file (or run `railguard install-hook --uninstall`) to stop it.\n"
        "# It runs the installed railguard (isolated mode): never code from this repository.\n"
        f"PY={shlex.quote(python)}\n"
        f"{run}"
        f"exec railguard {args}\n"
    )


def _importable_isolated(python: str) -> bool:
    """Whether `python -I` finds railguard (checked from the root folder, away from any checkout)."""
    import subprocess

    try:
        return subprocess.run([python, "-I", "-c", "import railguard"], cwd=os.path.abspath(os.sep),
                              capture_output=True, timeout=60, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _installed_console_script(python: str) -> str | None:
    import shutil
    import sysconfig

    for folder in (os.path.dirname(python), sysconfig.get_path("scripts", f"{os.name}_user")):
        candidate = os.path.join(folder, "railguard")
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("railguard")
    return os.path.abspath(found) if found else None


def is_ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text("utf-8", "replace")
    except OSError:
        return False


def install(hooks: Path, stages: list[str], force: bool = False) -> list[Installed]:
    """Write the hook scripts. An existing hook that is not ours is kept unless force, then backed up."""
    done: list[Installed] = []
    for stage in stages:
        path = hooks / stage
        backup = None
        if path.exists() and not is_ours(path):
            if not force:
                raise RailguardError(
                    f"{path}: a {stage} hook exists already and is not railguard's; "
                    "add `railguard hook --staged` to it yourself, use the pre-commit framework, or pass --force "
                    f"(keeps it as {stage}.railguard-backup)"
                )
            backup = path.with_name(f"{stage}.railguard-backup")
            os.replace(path, backup)
        hooks.mkdir(parents=True, exist_ok=True)
        path.write_text(hook_script(stage), "utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        done.append(Installed(stage, path, backup))
    return done


def uninstall(hooks: Path, stages: list[str]) -> list[Path]:
    removed = []
    for stage in stages:
        path = hooks / stage
        if path.exists() and is_ours(path):
            path.unlink()
            removed.append(path)
            backup = path.with_name(f"{stage}.railguard-backup")
            if backup.exists():
                os.replace(backup, path)
    return removed
