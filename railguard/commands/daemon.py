"""`railguard daemon run|start|stop|status`: the opt-in resident process of the commit hook.

    railguard daemon status     the daemons of this user: pid, version, whether still current
    railguard daemon stop       stop them all (each removes its socket)
    railguard daemon start      start one for this environment, detached (the hook also does, on first use)
    railguard daemon run        serve in the foreground

The hook uses it only when the user enabled it (`resident = true` in the user-level config or
RAILGUARD_RESIDENT=1), never under CI; see docs/security.md for what it trusts.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["run", "start", "stop", "status"])
    p.add_argument("--socket", metavar="PATH", help="run: the socket to listen on (default: this environment's)")
    p.add_argument("--idle", type=float, metavar="SECONDS",
                   help="run: exit after this long without a request (default 900; also RAILGUARD_RESIDENT_IDLE)")


def run(args: argparse.Namespace) -> int:
    from railguard.resident import common

    if args.action == "run":
        from railguard.resident.server import main

        return main(args.socket, args.idle)
    if args.action == "start":
        return _start(common)
    found = _daemons(common)
    if not found:
        print(f"railguard: no resident process in {common.run_dir()}")
        return 0
    current = common.install_fingerprint()
    for path, answer in found:
        if isinstance(answer, str):
            if args.action == "stop" and answer.startswith("not answering") and _remove_stale(path):
                answer = "removed (left by a daemon that died)"
            print(f"{path.name}: {answer}")
            continue
        if args.action == "stop":
            from railguard.resident.client import ask

            try:
                ask(path, {"op": "stop"}, timeout=5.0)
                print(f"{path.name}: stopped (pid {answer.get('pid')})")
            except (OSError, ValueError, common.Refused) as exc:
                print(f"{path.name}: cannot stop: {exc}")
            continue
        state = "current" if answer.get("fingerprint") == current else "another railguard install (not used)"
        uptime = time.time() - float(answer.get("started", time.time()))
        print(f"{path.name}: pid {answer.get('pid')}, railguard {answer.get('version')}, {state}, "
              f"up {uptime:.0f} s, {answer.get('served')} commit(s) served, CPU {answer.get('cpu', 0):.2f} s, "
              f"idle timeout {answer.get('idle-timeout')} s")
    return 0


def _daemons(common) -> list[tuple[Path, dict | str]]:  # noqa: ANN001 - the module
    """Every hook socket of this user, with its status answer or why there is none."""
    from railguard.resident.client import ask

    folder = common.run_dir()
    try:
        common.check_folder(folder)
    except FileNotFoundError:
        return []
    except common.Refused as exc:
        return [(folder, f"refused: {exc}")]
    found: list[tuple[Path, dict | str]] = []
    for path in sorted(folder.glob("hook-*.sock")):
        try:
            found.append((path, ask(path, {"op": "status"}, timeout=5.0)))
        except common.Refused as exc:
            found.append((path, f"refused: {exc}"))
        except (OSError, ValueError):
            found.append((path, "not answering (a daemon that died; the next one replaces the socket)"))
    return found


def _remove_stale(path: Path) -> bool:
    """A socket nobody serves (its daemon's lock is free) is removed with its lock file."""
    import contextlib
    import fcntl
    import os

    lock = Path(str(path) + ".lock")
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False  # a daemon holds it (starting up, or busy)
    with contextlib.suppress(OSError):
        path.unlink()
        lock.unlink()
    os.close(fd)
    return True


def _start(common) -> int:  # noqa: ANN001 - the module
    from railguard.resident.client import ask, start

    path = common.socket_path(common.install_fingerprint(), common.env_digest())
    start(path)
    deadline = time.monotonic() + 30.0
    while time.monotonic() < deadline:
        try:
            answer = ask(path, {"op": "status"}, timeout=5.0)
            print(f"railguard: resident process pid {answer.get('pid')} on {path}")
            return 0
        except (OSError, ValueError, common.Refused):
            time.sleep(0.1)
    print(f"railguard: error: the resident process did not start on {path}")
    return 2
