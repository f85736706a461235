"""Agent and editor settings that switch approvals off, and MCP server definitions.

Everything is read as data (the tolerant JSONC reader, tomllib) and every hit
points at the offending key or value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from railguard.engine.ai.common import Hit, is_placeholder
from railguard.engine.ai.jsonc import JValue

# ------------------------------------------------------------------ Claude Code

RISKY_COMMANDS = (
    "curl", "wget", "sh", "bash", "zsh", "fish", "python", "python3", "node", "deno", "bun",
    "sudo", "su", "rm", "eval", "exec", "ssh", "scp", "nc", "ncat", "netcat", "chmod", "chown",
    "dd", "env", "xargs", "perl", "ruby", "php", "powershell", "pwsh", "git push", "npx", "aws",
)
_CLAUDE_RULE = re.compile(r"^(?P<tool>[A-Za-z]+)(?:\((?P<spec>.*)\))?$", re.DOTALL)
_WRITE_TOOLS = ("Edit", "Write", "MultiEdit", "NotebookEdit")
_ANY_COMMAND = re.compile(r"^\s*(?:\*|:\*|\*\s*:\s*\*|\*\*)?\s*$")
_BROAD_DIRS = {"/", "//", "~", "~/", "$HOME", "${HOME}", "C:\\", "C:/", "C:", "/home", "/Users", "/root"}
_HOME_DIR = re.compile(r"^(?:/home|/Users)/[^/]+/?$")


def claude_allow_problem(entry: str) -> str | None:
    """Why one `permissions.allow` entry of Claude Code is too broad, or None."""
    m = _CLAUDE_RULE.match(entry.strip())
    if not m:
        return None
    tool, spec = m.group("tool"), m.group("spec")
    if tool == "Bash":
        if spec is None or _ANY_COMMAND.match(spec):
            return "every shell command"
        head = re.split(r"[:\s*]", spec.strip(), maxsplit=1)[0]
        two = " ".join(spec.replace(":", " ").split()[:2])
        if head in RISKY_COMMANDS or two in RISKY_COMMANDS:
            if head in ("git",) and two != "git push":
                return None
            return f"any `{two if two in RISKY_COMMANDS else head}` command (downloads, interpreters or deletion)"
        return None
    if tool == "WebFetch":
        if spec is None or spec.strip() in ("", "*", "domain:*"):
            return "fetching any URL (prompt injection and exfiltration)"
        return None
    if tool in _WRITE_TOOLS and spec is not None:
        s = spec.strip()
        if s.startswith("//") or s.startswith("~") or s in ("/**", "/*", "**/../**") or s.startswith("../"):
            return f"writing outside the project ({s})"
    return None


def claude_settings_hits(root: JValue) -> Iterator[Hit]:
    perms = root.get("permissions")
    if perms is not None and perms.is_object:
        mode = perms.get("defaultMode")
        if mode is not None and mode.value == "bypassPermissions":
            yield Hit("claude-bypass-permissions", mode.start, mode.end, {"mode": "bypassPermissions"},
                      replacement='"default"', fix_description="Start sessions in the default mode, which asks",
                      fix_safe=False)
        allow = perms.get("allow")
        if allow is not None and allow.is_array:
            for item in allow.items:
                if isinstance(item.value, str):
                    problem = claude_allow_problem(item.value)
                    if problem:
                        yield Hit("claude-broad-allow", item.start, item.end,
                                  {"entry": item.value, "problem": problem})
        dirs = perms.get("additionalDirectories")
        if dirs is not None and dirs.is_array:
            for item in dirs.items:
                if isinstance(item.value, str) and (item.value.strip() in _BROAD_DIRS or _HOME_DIR.match(item.value)):
                    yield Hit("claude-broad-allow", item.start, item.end,
                              {"entry": item.value, "problem": "access to a whole disk or home folder"})
    flag = root.get("enableAllProjectMcpServers")
    if flag is not None and flag.value is True:
        yield Hit("claude-auto-approve-mcp", flag.start, flag.end, {},
                  replacement="false", fix_description="Approve each project MCP server by name", fix_safe=False)


# ------------------------------------------------------------------ VS Code and extensions

_MATCH_ALL = re.compile(r"^/\^?(?:\.\*|\.\+|\[\\s\\S\]\*)\$?/[a-z]*$|^\*$")
_RISKY_TERMINAL = set(RISKY_COMMANDS) | {"rm -rf", "git push --force"}


def vscode_settings_hits(root: JValue) -> Iterator[Hit]:
    settings = root
    nested = root.get("settings")  # a .code-workspace file
    if nested is not None and nested.is_object:
        settings = nested
    for key in ("chat.tools.autoApprove", "chat.tools.global.autoApprove"):
        node = settings.get(key)
        if node is not None and node.value is True:
            yield Hit("editor-auto-approve", node.start, node.end,
                      {"setting": key, "problem": "every agent tool call runs without confirmation"},
                      replacement="false", fix_description=f"Set {key} to false", fix_safe=False)
    mode = settings.get("chat.permissions.default")
    if mode is not None and isinstance(mode.value, str) and re.search(r"bypass|autopilot|yolo", mode.value, re.I):
        yield Hit("editor-auto-approve", mode.start, mode.end,
                  {"setting": "chat.permissions.default", "problem": f"sessions start in {mode.value!r} mode"})
    terminal = settings.get("chat.tools.terminal.autoApprove")
    if terminal is not None and terminal.is_object:
        for pattern, (ks, ke, value) in terminal.members.items():
            approved = value.value is True or (value.is_object and value.get("approve") is not None
                                               and value.get("approve").value is True)
            if not approved:
                continue
            p = pattern.strip()
            if _MATCH_ALL.match(p) or p.split(" ")[0] in _RISKY_TERMINAL or p in _RISKY_TERMINAL:
                yield Hit("editor-auto-approve", ks, ke,
                          {"setting": "chat.tools.terminal.autoApprove",
                           "problem": f"terminal commands matching {p!r} run without confirmation"})
    for key in ("roo-cline.allowedCommands", "kilo-code.allowedCommands"):
        node = settings.get(key)
        if node is not None and node.is_array:
            for item in node.items:
                if item.value == "*":
                    yield Hit("editor-auto-approve", item.start, item.end,
                              {"setting": key, "problem": "every terminal command runs without confirmation"})


# ------------------------------------------------------------------ Codex CLI (TOML)


def codex_config_hits(text: str, data: dict) -> Iterator[Hit]:
    tables: list[tuple[str, dict]] = [("", data)]
    profiles = data.get("profiles")
    if isinstance(profiles, dict):
        tables += [(f"profiles.{k}", v) for k, v in profiles.items() if isinstance(v, dict)]
    for name, table in tables:
        sandbox = table.get("sandbox_mode")
        approval = table.get("approval_policy")
        if sandbox == "danger-full-access":
            problem = "no sandbox" + (" and no approvals" if approval == "never" else "")
            for m in re.finditer(r'(?m)^\s*sandbox_mode\s*=\s*["\']danger-full-access["\']', text):
                yield Hit("codex-full-access", m.start(), m.end(), {"where": name or "top level", "problem": problem})
                break


# ------------------------------------------------------------------ MCP servers

SERVER_KEYS = ("mcpServers", "servers", "context_servers")
_SECRET_NAME = re.compile(r"(?i)(token|secret|passw|api[-_]?key|apikey|access[-_]?key|private[-_]?key|"
                          r"auth|credential|bearer|session|cookie|\bpat\b|_pat$|^pat_)")
_NOT_SECRET_NAME = re.compile(r"(?i)(_url|_uri|_host|_endpoint|_id$|_path|_file|_dir|_user(name)?$|_region|_type|_mode)")
_SECRET_ARG = re.compile(r"(?i)^--?(?:token|api[-_]?key|access[-_]?token|password|secret|auth(?:-token)?|pat)(?:=(?P<value>.+))?$")
_BEARER = re.compile(r"(?i)^(?:bearer|token|basic)\s+(?P<value>\S+)$")
_LOCAL_HOSTS = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[\w.-]+\.localhost)(?::\d+)?$", re.I)
_EXACT_NPM_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$")
_PY_PINNED = re.compile(r"==\s*[\w.!+-]+$|@\s*\d[\w.!+-]*$")
_RUNNERS = {"npx": "npm", "bunx": "npm", "uvx": "pypi", "pipx": "pypi", "pnpm": "npm", "yarn": "npm", "uv": "pypi"}


def mcp_servers(root: JValue) -> Iterator[tuple[str, JValue]]:
    containers = [root]
    mcp = root.get("mcp")  # VS Code settings.json: "mcp": {"servers": {...}}
    if mcp is not None and mcp.is_object:
        containers.append(mcp)
    for container in containers:
        for key in SERVER_KEYS:
            servers = container.get(key)
            if servers is not None and servers.is_object:
                for name, (_ks, _ke, server) in servers.members.items():
                    if server.is_object:
                        yield name, server


def _npm_pinned(spec: str) -> bool:
    name, sep, version = spec[1:].partition("@") if spec.startswith("@") else spec.partition("@")
    return bool(sep) and bool(_EXACT_NPM_VERSION.match(version))


def _package_arg(command: str, args: list[JValue]) -> tuple[JValue | None, str]:
    """The argument that names the package a runner downloads, and its ecosystem."""
    values = [a.value if isinstance(a.value, str) else "" for a in args]
    i = 0
    if command in ("pnpm", "yarn"):
        if not values or values[0] != "dlx":
            return None, ""
        i = 1
    if command == "pipx" or command == "uv":
        want = "run" if command == "pipx" else "tool"
        if not values or values[0] != want:
            return None, ""
        i = 1
        if command == "uv":
            if len(values) < 2 or values[1] != "run":
                return None, ""
            i = 2
    takes_value = {"--from", "--spec", "-p", "--package", "--python", "--with", "--index-url", "-c", "--call"}
    while i < len(values):
        v = values[i]
        if v in ("--from", "--spec", "-p", "--package") and i + 1 < len(values):
            return args[i + 1], _RUNNERS[command]
        if v.startswith("--from=") or v.startswith("--package="):
            return args[i], _RUNNERS[command]
        if v in takes_value:
            i += 2
            continue
        if v.startswith("-"):
            i += 1
            continue
        return args[i], _RUNNERS[command]
    return None, ""


def _unpinned(spec: str, ecosystem: str) -> bool:
    spec = spec.split("=", 1)[1] if spec.startswith("--") and "=" in spec else spec
    if ecosystem == "npm":
        if spec.startswith((".", "/", "file:", "git+", "http")):
            return False
        return not _npm_pinned(spec)
    if spec.startswith((".", "/", "git+", "http")) or "@ git+" in spec:
        return False
    return not _PY_PINNED.search(spec)


def _basename(command: str) -> str:
    return re.split(r"[\\/]", command.strip())[-1].removesuffix(".cmd").removesuffix(".exe")


def mcp_hits(root: JValue) -> Iterator[Hit]:
    for name, server in mcp_servers(root):
        yield from _mcp_secret_hits(name, server)
        command = server.get("command")
        args_node = server.get("args")
        args = args_node.items if args_node is not None and args_node.is_array else []
        if command is not None and isinstance(command.value, str):
            base = _basename(command.value)
            if base in _RUNNERS:
                pkg, ecosystem = _package_arg(base, args)
                if pkg is not None and isinstance(pkg.value, str) and _unpinned(pkg.value, ecosystem):
                    yield Hit("mcp-unpinned-package", pkg.start, pkg.end,
                              {"server": name, "package": pkg.value, "runner": base})
        for key in ("url", "serverUrl", "httpUrl", "endpoint"):
            node = server.get(key)
            if node is not None and isinstance(node.value, str) and _plain_http(node.value):
                yield Hit("mcp-plain-http", node.start, node.end, {"server": name, "url": node.value},
                          replacement='"' + node.value.replace("http://", "https://", 1) + '"',
                          fix_description="Use https://", fix_safe=False)
        for arg in args:
            if not isinstance(arg.value, str):
                continue
            if _plain_http(arg.value):
                yield Hit("mcp-plain-http", arg.start, arg.end, {"server": name, "url": arg.value})
            broad = _broad_path(arg.value)
            if broad:
                yield Hit("mcp-broad-filesystem", arg.start, arg.end, {"server": name, "path": broad})


def _plain_http(value: str) -> bool:
    m = re.match(r"(?i)^http://([^/\s?#]+)", value.strip())
    return bool(m) and not _LOCAL_HOSTS.match(m.group(1).rsplit("@", 1)[-1])


def _broad_path(value: str) -> str | None:
    v = value.strip()
    candidates = [v]
    # docker -v /:/host, --mount type=bind,source=/,target=/x
    if ":" in v and not re.match(r"^[A-Za-z]:[\\/]", v) and "://" not in v:
        candidates.append(v.split(":", 1)[0])
    m = re.search(r"(?:source|src)=([^,]+)", v)
    if m:
        candidates.append(m.group(1))
    for c in candidates:
        c2 = c.rstrip("\\") if len(c) > 3 else c
        if c2 in _BROAD_DIRS or c in _BROAD_DIRS or c2 in ("%USERPROFILE%", "${userHome}", "${env:HOME}", "C:\\Users") \
                or _HOME_DIR.match(c):
            return c
    return None


def _mcp_secret_hits(name: str, server: JValue) -> Iterator[Hit]:
    for section in ("env", "headers", "requestInit"):
        node = server.get(section)
        if section == "requestInit" and node is not None:
            node = node.get("headers")
            section = "headers"
        if node is None or not node.is_object:
            continue
        for key, (_ks, _ke, value) in node.members.items():
            if not isinstance(value.value, str):
                continue
            raw = value.value
            bearer = _BEARER.match(raw.strip())
            secret = bearer.group("value") if bearer else raw
            secret_like_name = bool(_SECRET_NAME.search(key)) and not _NOT_SECRET_NAME.search(key)
            if not (secret_like_name or bearer) or is_placeholder(secret):
                continue
            yield Hit("mcp-plaintext-secret", value.start, value.end,
                      {"server": name, "key": key, "section": section}, secret=secret)
    args_node = server.get("args")
    if args_node is not None and args_node.is_array:
        items = args_node.items
        for i, arg in enumerate(items):
            if not isinstance(arg.value, str):
                continue
            m = _SECRET_ARG.match(arg.value)
            if not m:
                continue
            if m.group("value") is not None:
                secret, node = m.group("value"), arg
            elif i + 1 < len(items) and isinstance(items[i + 1].value, str):
                secret, node = items[i + 1].value, items[i + 1]
            else:
                continue
            if not is_placeholder(secret):
                yield Hit("mcp-plaintext-secret", node.start, node.end,
                          {"server": name, "key": arg.value.split("=", 1)[0], "section": "args"}, secret=secret)
