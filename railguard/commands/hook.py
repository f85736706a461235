"""`railguard hook [FILES]`: the commit gate (pre-commit framework entry point and plain git hook).

    railguard hook FILE...             the files pre-commit passes (already the staged content)
    railguard hook --staged            the staged blobs, read from the index (plain git hook)
    railguard hook --commit-msg MSG    commit-msg stage: AI-assisted commits meet a stricter threshold
"""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", help="files to check (pre-commit passes the staged ones); "
                   "with --commit-msg: the commit message file")
    p.add_argument("--staged", action="store_true", help="check the staged content from the git index")
    p.add_argument("--commit-msg", action="store_true",
                   help="commit-msg stage: if the message marks the commit as AI-assisted, check the staged "
                   "content at hook.ai-assisted-threshold")
    p.add_argument("--analyzers", metavar="NAMES", help="only these analyzers (comma-separated), e.g. secrets")
    p.add_argument("--allow", action="append", default=[], metavar="'RULE: REASON'",
                   help="let findings of RULE through for this commit, with a reason (recorded in the audit log); "
                   "also RAILGUARD_ALLOW")
    p.add_argument("--fail-open", action="store_true",
                   help="if railguard cannot check (bad config, missing grammar, internal error), let the commit "
                   "through and record it in the audit log; also RAILGUARD_FAIL_OPEN=1 or hook.fail-open")
    p.add_argument("--severity", choices=["critical", "high", "medium", "low", "info"],
                   help="block at or above this severity (default: thresholds.commit)")
    p.add_argument("--confidence", choices=["high", "medium", "low"], help="block at or above this confidence")
    p.add_argument("--config", metavar="FILE", help="config file (default: the nearest one)")
    p.add_argument("--allow-timeout", action="store_true",
                   help="a file whose analysis timed out does not block the commit (recorded in the audit log); "
                   "also RAILGUARD_ALLOW_TIMEOUT=1 or allow-timeout in the user-level config")
    p.add_argument("--accept-weakened-config", action="store_true",
                   help="do not report policy.config-weakens-guardrail (recorded in the audit log); "
                   "also accept-weakened-config in the user-level config")
    p.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                   help="also exclude these paths (gitignore syntax)")


def options_from_args(args: argparse.Namespace):
    from railguard.hooks.commit import HookOptions

    analyzers = tuple(a.strip() for a in (args.analyzers or "").split(",") if a.strip())
    return HookOptions(
        files=tuple(args.files), staged=args.staged, analyzers=analyzers, allow=tuple(args.allow),
        fail_open=args.fail_open, config_file=args.config, severity=args.severity, confidence=args.confidence,
        extra_excludes=tuple(args.exclude), allow_timeout=args.allow_timeout,
        accept_weakened_config=args.accept_weakened_config,
    )


def run(args: argparse.Namespace) -> int:
    from railguard.hooks.commit import run_commit_msg, run_hook

    options = options_from_args(args)
    if args.commit_msg:
        if len(args.files) != 1:
            print("railguard: error: --commit-msg takes exactly one file, the commit message")
            return 2
        return run_commit_msg(args.files[0], options)
    if not args.staged and not args.files:
        return 0  # pre-commit found no matching files: nothing to check
    return run_hook(options)
