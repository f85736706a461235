"""The resident process: the engine imported once, `railguard hook --staged` served per request.

A request names a repository root, the mode and the index git chose; the daemon changes into the
root and runs the same command function the cold hook runs (railguard.cli.run_command), so the
staged content, the repository's config, the caches (signed, outside the repository) and the
policy stage are read exactly as a cold run reads them. One request at a time, in the main thread
(the per-file time budget uses SIGALRM). It exits after an idle timeout, when the installed
railguard changes, on `railguard daemon stop`, SIGTERM or SIGINT.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from railguard.resident import common

REQUEST_TIMEOUT = 5.0  # for a client to send its request
CHECK_EVERY = 30.0  # seconds between looks at the idle clock and the installed package


class _Capture(io.StringIO):
    """Where the command's output goes; a terminal when the client's is (colour decisions)."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@dataclass
class Daemon:
    path: Path
    idle: float
    fingerprint: str = field(default_factory=common.install_fingerprint)
    ruleset: str = field(default_factory=common.ruleset_hash)
    env: str = field(default_factory=common.env_digest)
    started: float = field(default_factory=time.time)
    served: int = 0
    last: float = field(default_factory=time.monotonic)
    running: bool = True
    busy: bool = False

    def identity(self) -> dict:
        return {"protocol": common.PROTOCOL, "version": common.version(), "fingerprint": self.fingerprint,
                "ruleset": self.ruleset, "pid": os.getpid()}

    def status(self) -> dict:
        return {**self.identity(), "started": self.started, "served": self.served, "idle-timeout": self.idle,
                "cpu": time.process_time(),
                "current": common.install_fingerprint() == self.fingerprint}

    def handle(self, request: dict) -> dict:
        op = request.get("op")
        if op == "status":
            return self.status()
        if op == "stop":
            self.running = False
            return {**self.identity(), "stopped": True}
        if op != "hook":
            return {**self.identity(), "error": f"unknown request {op!r}"}
        if common.install_fingerprint() != self.fingerprint:  # railguard was upgraded or edited
            self.running = False
            return {"protocol": common.PROTOCOL, "error": "stale: the installed railguard changed"}
        if request.get("env") != self.env:
            return {**self.identity(), "error": "another environment: start a daemon from it"}
        problem = _bad_request(request)
        if problem:
            return {**self.identity(), "error": problem}
        code, out, err = run_hook(request["root"], request.get("index"), bool(request.get("color")))
        self.served += 1
        return {**self.identity(), "exit": code, "stdout": out, "stderr": err}


def _bad_request(request: dict) -> str:
    root, index = request.get("root"), request.get("index")
    if request.get("mode") != "staged":
        return "only the staged mode is served"
    if not isinstance(root, str) or not os.path.isabs(root) or not os.path.isdir(root):
        return "root must be an existing absolute folder"
    if index is not None and (not isinstance(index, str) or not os.path.isabs(index)):
        return "index must be an absolute path"
    if not isinstance(request.get("color"), bool):
        return "color must be true or false"
    return ""


def run_hook(root: str, index: str | None, color: bool) -> tuple[int, str, str]:
    """`railguard hook --staged` in root, as the cold process would run it; (exit, stdout, stderr)."""
    from railguard import cli
    from railguard.userconfig import load_user_config

    load_user_config.cache_clear()  # the user may have edited it since the last commit
    saved_index = os.environ.get("GIT_INDEX_FILE")
    out, err = _Capture(color), _Capture(False)
    here = os.getcwd()
    try:
        os.chdir(root)
        if index is None:
            os.environ.pop("GIT_INDEX_FILE", None)
        else:
            os.environ["GIT_INDEX_FILE"] = index
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.run_command(["hook", "--staged"])
            except SystemExit as exc:  # argparse: cannot happen with these arguments; block
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        if saved_index is None:
            os.environ.pop("GIT_INDEX_FILE", None)
        else:
            os.environ["GIT_INDEX_FILE"] = saved_index
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


def warm_up() -> None:
    """Import what every hook run needs, once."""
    from railguard import cli
    from railguard.engine.analyzers.base import ANALYZERS, load_analyzer_class

    cli.build_parser("hook")
    import railguard.engine.engine  # noqa: F401
    import railguard.hooks.commit  # noqa: F401

    for name in ANALYZERS:
        with contextlib.suppress(Exception):  # a broken analyzer fails the request, as it would cold
            load_analyzer_class(name)


def serve(path: Path, idle: float) -> int:
    """Listen on path until idle, stopped or stale. 0 also when another daemon already serves path."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    common.check_folder(folder)
    lock_fd = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock_fd)
        return 0
    daemon = Daemon(path, idle)
    warm_up()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a socket left by a daemon that died (we hold the lock)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old_umask)
    os.chmod(path, 0o600)
    inode = os.stat(path).st_ino
    listener.listen(16)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: _stop(daemon))
    try:
        _loop(daemon, listener)
    except _Stopped:
        pass
    finally:
        listener.close()
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == inode:
                path.unlink()
        os.close(lock_fd)
    return 0


class _Stopped(Exception):
    """SIGTERM or SIGINT while waiting for a request."""


def _stop(daemon: Daemon) -> None:
    daemon.running = False
    if not daemon.busy:  # waiting in accept(): leave now; a request in progress finishes first
        raise _Stopped


def _loop(daemon: Daemon, listener: socket.socket) -> None:
    while daemon.running:
        left = daemon.idle - (time.monotonic() - daemon.last)
        if left <= 0:
            return
        listener.settimeout(min(left, CHECK_EVERY))
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            if common.install_fingerprint() != daemon.fingerprint:
                return
            continue
        daemon.busy = True
        try:
            with conn:
                _answer(daemon, conn)
        finally:
            daemon.busy = False
        daemon.last = time.monotonic()


def _answer(daemon: Daemon, conn: socket.socket) -> None:
    try:
        common.check_peer(conn)  # another user's process gets nothing, not even an error
    except (common.Refused, OSError):
        return
    try:
        conn.settimeout(REQUEST_TIMEOUT)
        request = common.receive(conn)
    except (OSError, ValueError):
        return
    try:
        answer = daemon.handle(request)
    except Exception as exc:  # the client scans cold; the daemon keeps serving
        answer = {**daemon.identity(), "error": f"internal error: {type(exc).__name__}"}
    conn.settimeout(REQUEST_TIMEOUT)
    with contextlib.suppress(OSError):
        common.send(conn, answer)


def main(socket_arg: str | None, idle: float | None) -> int:
    path = Path(socket_arg) if socket_arg else common.socket_path(common.install_fingerprint(), common.env_digest())
    if idle is None:
        try:
            idle = float(os.environ.get(common.IDLE_ENV, common.DEFAULT_IDLE))
        except ValueError:
            print(f"railguard: error: {common.IDLE_ENV} must be a number of seconds", file=sys.stderr)
            return 2
    return serve(path, idle)
