"""`railguard init`: a starter config and the pre-commit snippet. Never overwrites without asking."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

STARTER_CONFIG = """\
# railguard configuration: every key is optional; see `railguard --help` and the README.
exclude = ["tests/fixtures/", "vendor/", "node_modules/"]   # gitignore syntax
disable = []                                                # rule ids, packs or #tags
# baseline = ".railguard-baseline.json"                     # `railguard baseline create`

[thresholds]                    # the editor shows more, the commit hook blocks on less
editor = { severity = "low", confidence = "low" }
commit = { severity = "high", confidence = "medium" }
ci = { severity = "medium", confidence = "medium" }
agent = { severity = "medium", confidence = "medium" }

[hook]
fail-open = false               # true lets a commit through when railguard cannot check it (recorded)
# audit-log = ".git/railguard/audit.jsonl"
ai-assisted-threshold = { severity = "medium", confidence = "medium" }
ai-trailers = []                # extra trailers that mark AI-assisted commits, e.g. ["AI-Assisted"]
"""

PRE_COMMIT_SNIPPET = """\
# railguard runs from the environment it is installed in (pip install railguard).
# To let pre-commit install it instead, use `repo: <railguard repository URL>` with a `rev:`
# and the hook ids railguard, railguard-secrets, railguard-ai-commits.
repos:
  - repo: local
    hooks:
      - id: railguard
        name: railguard
        entry: railguard hook
        language: system
        types: [text]
        require_serial: true
      - id: railguard-ai-commits
        name: railguard (AI-assisted commits)
        entry: railguard hook --commit-msg
        language: system
        stages: [commit-msg]
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--yes", "-y", action="store_true", help="overwrite existing files without asking")
    p.add_argument("--no-pre-commit", action="store_true", help="do not write .pre-commit-config.yaml")


def _confirm(path: Path, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        return False
    answer = input(f"{path} exists. Overwrite it? [y/N] ").strip().lower()
    return answer in ("y", "yes")


def write_file(path: Path, text: str, assume_yes: bool) -> str:
    """'written', 'kept' (exists, not confirmed) or 'same'."""
    if path.exists():
        try:
            if path.read_text("utf-8") == text:
                return "same"
        except OSError:
            pass
        if not _confirm(path, assume_yes):
            return "kept"
    from railguard.engine.atomic import write_atomic

    write_atomic(path, text)
    return "written"


def run(args: argparse.Namespace) -> int:
    root = Path(".")
    targets = [(root / ".railguard.toml", STARTER_CONFIG)]
    if not args.no_pre_commit:
        targets.append((root / ".pre-commit-config.yaml", PRE_COMMIT_SNIPPET))
    for path, text in targets:
        status = write_file(path, text, args.yes)
        if status == "written":
            print(f"railguard: wrote {path}")
        elif status == "same":
            print(f"railguard: {path} is up to date")
        else:
            print(f"railguard: kept the existing {path} (nothing overwritten; --yes to replace it). "
                  "The content it would have:")
            print("\n".join("    " + line for line in text.splitlines()))
    if not args.no_pre_commit:
        print("railguard: next: `pre-commit install --hook-type pre-commit --hook-type commit-msg`, "
              "or without the framework: `railguard install-hook --commit-msg`")
    return 0
