"""`railguard install-hook`: a plain git pre-commit hook (no pre-commit framework needed)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--commit-msg", action="store_true",
                   help="also install the commit-msg hook (stricter threshold for AI-assisted commits)")
    p.add_argument("--force", action="store_true", help="replace an existing hook (it is kept as a backup)")
    p.add_argument("--uninstall", action="store_true", help="remove railguard's hooks")


def run(args: argparse.Namespace) -> int:
    from railguard.hooks.git import hooks_dir
    from railguard.hooks.install import install, uninstall

    stages = ["pre-commit"] + (["commit-msg"] if args.commit_msg else [])
    hooks = hooks_dir(".")
    if args.uninstall:
        removed = uninstall(hooks, ["pre-commit", "commit-msg"])
        for path in removed:
            print(f"railguard: removed {path}")
        if not removed:
            print("railguard: no railguard hook installed")
        return 0
    for item in install(hooks, stages, force=args.force):
        note = f" (previous hook kept as {item.backup.name})" if item.backup else ""
        print(f"railguard: installed {item.path}{note}")
    return 0
