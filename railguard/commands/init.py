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
        types: [file]  # not only text: a key in a file with a NUL byte is still checked
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
    p.add_argument("--mcp", action="store_true",
                   help="only register `railguard mcp` with coding agents: .mcp.json (Claude Code), "
                   ".cursor/mcp.json (Cursor), .vscode/mcp.json (VS Code); merged into existing files")
    p.add_argument("--windsurf", action="store_true",
                   help="with --mcp: also add it to Windsurf's own file (~/.codeium/windsurf/mcp_config.json)")


# (file, key holding the servers, the railguard entry); ${workspaceFolder} is filled in by the editor
MCP_SETUPS: tuple[tuple[str, str, dict], ...] = (
    (".mcp.json", "mcpServers", {"command": "railguard", "args": ["mcp"]}),
    (".cursor/mcp.json", "mcpServers", {"command": "railguard", "args": ["mcp", "--root", "${workspaceFolder}"]}),
    (".vscode/mcp.json", "servers",
     {"type": "stdio", "command": "railguard", "args": ["mcp", "--root", "${workspaceFolder}"]}),
)
WINDSURF_FILE = Path("~/.codeium/windsurf/mcp_config.json")


def merge_mcp_entry(path: Path, key: str, entry: dict) -> tuple[str, str]:
    """Add the railguard server to an agent's JSON file, keeping everything else in it.

    ('written' | 'same' | 'kept', why). A file that is not plain JSON (comments, a syntax
    error) or that already names a different railguard server is never rewritten."""
    import json

    data: dict = {}
    if path.exists():
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            return "kept", f"cannot read it ({exc})"
        except ValueError:
            return "kept", "it is not plain JSON (comments or a syntax error); add the entry by hand"
        if not isinstance(data, dict) or not isinstance(data.get(key, {}), dict):
            return "kept", f"its top level or '{key}' is not an object; add the entry by hand"
    servers = data.setdefault(key, {})
    if servers.get("railguard") == entry:
        return "same", ""
    if "railguard" in servers:
        return "kept", "it already has a different 'railguard' server; compare it with the entry below"
    servers["railguard"] = entry
    from railguard.atomic import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, indent=2) + "\n")
    return "written", ""


def run_mcp(root: Path, windsurf: bool) -> int:
    import json

    setups = [(root / name, key, entry) for name, key, entry in MCP_SETUPS]
    windsurf_entry = {"command": "railguard", "args": ["mcp", "--root", str(root.resolve())]}
    if windsurf:
        setups.append((WINDSURF_FILE.expanduser(), "mcpServers", windsurf_entry))
    code = 0
    for path, key, entry in setups:
        status, why = merge_mcp_entry(path, key, entry)
        if status == "written":
            print(f"railguard: added the railguard MCP server to {path}")
        elif status == "same":
            print(f"railguard: {path} already has it")
        else:
            code = 1
            print(f"railguard: kept {path} unchanged: {why}. The entry, under \"{key}\":")
            print("\n".join("    " + line for line in json.dumps({"railguard": entry}, indent=2).splitlines()))
    print("railguard: Claude Code reads .mcp.json (or: `claude mcp add railguard -- railguard mcp`); "
          "Cursor and VS Code read their files when the project is opened.")
    if not windsurf:
        print(f"railguard: Windsurf keeps its servers in {WINDSURF_FILE}; `railguard init --mcp --windsurf` "
              "adds this project there")
    return code


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
    from railguard.atomic import write_atomic

    write_atomic(path, text)
    return "written"


def run(args: argparse.Namespace) -> int:
    root = Path(".")
    if args.mcp:
        return run_mcp(root, args.windsurf)
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
