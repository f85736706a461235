from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Fixture applications are data that the analyzers read, not tests of railguard: a fixture app's own
# test files (tests/fixtures/**/test_*.py) must not be collected.
collect_ignore_glob = ["fixtures/*"]


def _shared_schemas() -> Path:
    """The project's shared/schemas folder, which lies beside the checkout (or above a worktree)."""
    if os.environ.get("RAILGUARD_SHARED_SCHEMAS"):
        return Path(os.environ["RAILGUARD_SHARED_SCHEMAS"])
    for parent in ROOT.parents:
        candidate = parent / "shared" / "schemas"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "schemas"


SHARED_SCHEMAS = _shared_schemas()


@pytest.fixture(scope="session", autouse=True)
def _user_state_dir(tmp_path_factory):
    """The key that signs cache entries, and audit anchors, go to a folder of this test run
    (subprocesses inherit it), not to the user's own state dir."""
    if not os.environ.get("RAILGUARD_STATE_DIR"):
        os.environ["RAILGUARD_STATE_DIR"] = str(tmp_path_factory.mktemp("railguard-state"))
    yield


def run_cli(*args: str, cwd: str | Path | None = None, env: dict | None = None,
            input: str | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run the real `railguard` CLI as a subprocess, as a user or CI would."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "railguard", *args], cwd=cwd, env=full_env, input=input,
        capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli
