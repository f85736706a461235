"""A throwaway git repository driven the way a developer drives one (real git, real hooks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

VULN = "import yaml\n\ndef load(text):\n    return yaml.load(text)\n"
SAFE = "import yaml\n\ndef load(text):\n    return yaml.safe_load(text)\n"


def git_env(home: Path, extra: dict | None = None, pythonpath: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "RAILGUARD_", "PRE_COMMIT"))}
    gitconfig = home / ".gitconfig-test"
    if not gitconfig.exists():
        gitconfig.write_text("[user]\n\tname = Test Dev\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n"
                             "[commit]\n\tgpgsign = false\n")
    env.update({
        "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
        "RAILGUARD_CACHE_DIR": str(home / ".rg-cache"), "RAILGUARD_STATE_DIR": str(home / ".rg-state"),
    })
    if pythonpath:  # run this checkout's railguard (the framework tests use the installed hook instead)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra or {})
    return env


class Repo:
    def __init__(self, path: Path, home: Path, pythonpath: bool = True, extra_env: dict | None = None) -> None:
        self.path = path
        self.home = home
        self.pythonpath = pythonpath
        self.extra_env = dict(extra_env or {})
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def env(self, **extra: str) -> dict[str, str]:
        return git_env(self.home, {**self.extra_env, **extra}, self.pythonpath)

    def git(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
        r = subprocess.run(["git", *args], cwd=self.path, env=self.env(**env), capture_output=True, text=True,
                           timeout=300)
        if check and r.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{r.stdout}\n{r.stderr}")
        return r

    def write(self, name: str, text: str) -> Path:
        p = self.path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        return p

    def commit(self, message: str = "change", **env: str) -> subprocess.CompletedProcess:
        return self.git("commit", "-m", message, check=False, **env)

    def railguard(self, *args: str, input: str | None = None, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "railguard", *args], cwd=self.path, env=self.env(**env),
                              capture_output=True, text=True, input=input, timeout=300)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()

    def commits(self) -> int:
        r = self.git("rev-list", "--count", "HEAD", check=False)
        return int(r.stdout.strip()) if r.returncode == 0 else 0
