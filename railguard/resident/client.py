"""The hook's side: ask the resident process, or say "run cold" (None). Standard library only.

Never fails open: whatever goes wrong (no daemon, another version, a socket or peer that is not
the user's, a timeout, a malformed answer) the caller runs the cold scan, which decides."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from railguard.resident import common

CONNECT_TIMEOUT = 0.5
ANSWER_TIMEOUT = 120.0  # a large commit takes its time; past this the hook scans cold


def enabled() -> bool:
    """RAILGUARD_RESIDENT=1/0 decides; else `resident = true` in the user-level config. Never in CI."""
    if os.environ.get("CI"):
        return False
    flag = os.environ.get(common.ENV_FLAG, "").strip().lower()
    if flag:
        return flag in ("1", "true", "yes", "on")
    return _user_config_enables()


def _user_config_enables() -> bool:
    if os.environ.get("RAILGUARD_CONFIG_DIR"):
        folder = Path(os.environ["RAILGUARD_CONFIG_DIR"])
    else:
        base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
        folder = Path(base) / "railguard"
    try:
        data = (folder / "config.toml").read_bytes()
    except OSError:
        return False
    if b"resident" not in data:
        return False
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        return tomllib.loads(data.decode("utf-8")).get("resident") is True
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # the cold path reports the broken config


def hook(args: Sequence[str]) -> int | None:
    """`railguard hook ARGS` through the daemon: its exit code after printing its output, or None
    when the cold path must run (nothing printed then, except a warning when a socket was refused)."""
    if list(args) != ["--staged"] or not enabled():
        return None
    if any(os.environ.get(name) is not None for name in common.REPO_SELECTING_GIT):
        return None
    if any(k.startswith("RAILGUARD_") and k not in common.USER_DIRS and not k.startswith(common.ENV_FLAG)
           for k in os.environ):  # RAILGUARD_ALLOW, _FAIL_OPEN...: this commit's own settings, checked cold
        return None
    root = os.getcwd()
    if not os.path.exists(os.path.join(root, ".git")):  # git runs the hook at the top of the work tree
        return None
    fingerprint = common.install_fingerprint()
    digest = common.env_digest()
    path = common.socket_path(fingerprint, digest)
    try:
        answer = ask(path, {"op": "hook", "root": root, "mode": "staged", "index": _index_file(root),
                            "color": _color(), "env": digest})
    except common.Refused as exc:
        print(f"railguard: warning: resident process refused ({exc}); checking cold", file=sys.stderr)
        return None
    except (FileNotFoundError, ConnectionRefusedError):  # none yet, or one that died
        start(path)
        return None
    except (OSError, ValueError):  # no daemon listening, timeout, malformed or cut answer
        return None
    code = _valid(answer, fingerprint)
    if code is None:
        return None
    sys.stdout.write(answer["stdout"])
    sys.stdout.flush()
    sys.stderr.write(answer["stderr"])
    return code


def _valid(answer: dict, fingerprint: str) -> int | None:
    """The exit code of a well-formed answer from the same railguard; None for anything else."""
    if answer.get("protocol") != common.PROTOCOL or answer.get("version") != common.version():
        return None
    if answer.get("fingerprint") != fingerprint or answer.get("ruleset") is None:
        return None
    code = answer.get("exit")
    if type(code) is not int or code not in (0, 1, 2):
        return None
    if not isinstance(answer.get("stdout"), str) or not isinstance(answer.get("stderr"), str):
        return None
    return code


def ask(path: Path, request: dict, timeout: float = ANSWER_TIMEOUT) -> dict:
    """One request, one answer, from a socket and a peer that are the user's own."""
    import socket  # here: a hook that runs cold does not import it

    common.check_socket(path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_TIMEOUT)
        sock.connect(str(path))
        common.check_peer(sock)
        sock.settimeout(timeout)
        common.send(sock, request)
        return common.receive(sock)


def _index_file(root: str) -> str | None:
    """The index git asked the hook to check (a temporary one for `git commit -a` or paths)."""
    index = os.environ.get("GIT_INDEX_FILE")
    return os.path.join(root, index) if index else None


def _color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def start_if_enabled() -> None:
    """The language server's share: start this environment's daemon when the user enabled it."""
    if not enabled():
        return
    path = common.socket_path(common.install_fingerprint(), common.env_digest())
    try:
        ask(path, {"op": "status"}, timeout=5.0)
    except (FileNotFoundError, ConnectionRefusedError):
        start(path)
    except (OSError, ValueError, common.Refused):
        return


def start(path: Path) -> None:
    """Start the daemon for the next commits, detached; this one runs cold. Quiet on failure."""
    import subprocess

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        common.check_folder(folder)
    except (OSError, common.Refused):
        return
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in common.GIT_SETUP}
    env["PATH"] = common.search_path(os.environ)
    try:
        subprocess.Popen([sys.executable, "-m", "railguard", "daemon", "run", "--socket", str(path)],
                         cwd=str(folder), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        return
