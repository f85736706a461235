"""What the client and the daemon share: where the socket lives, what identifies the installed
railguard and the environment a scan depends on, and how a socket is trusted. Standard library only:
the hook's client path must start in milliseconds."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # socket and struct are imported where a socket is used: not by a cold hook
    import socket

PROTOCOL = 1
MAX_MESSAGE = 8 * 1024 * 1024  # the hook's whole output; more is malformed
PACKAGE_DIR = Path(__file__).resolve().parent.parent
ENV_FLAG = "RAILGUARD_RESIDENT"  # 1: use (and start) the daemon; 0: never, whatever the user config says
IDLE_ENV = "RAILGUARD_RESIDENT_IDLE"  # seconds without a request before the daemon exits
DEFAULT_IDLE = 900.0
# git variables that choose another repository, object store or config than the root's own:
# with one of these set the hook runs cold (the daemon knows the root and the index only)
REPO_SELECTING_GIT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
                      "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_CONFIG",
                      "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS", "GIT_DISCOVERY_ACROSS_FILESYSTEM")
# git variables of the user's setup that the daemon keeps from its start and must share with its clients
GIT_SETUP = ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM", "GIT_CEILING_DIRECTORIES")
# railguard's variables that name the user's folders (the others, like RAILGUARD_ALLOW, send a commit cold)
USER_DIRS = ("RAILGUARD_CACHE_DIR", "RAILGUARD_STATE_DIR", "RAILGUARD_CONFIG_DIR")
# what else a scan reads from the environment: the daemon serves only clients whose values match its own
_ENV_EXACT = ("HOME", "PATH", "NO_COLOR", "FORCE_COLOR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME",
              "CI", "PYTHONHASHSEED", "PYTHONPATH", "LANG", "LC_ALL", "LC_CTYPE", *GIT_SETUP)
_ENV_PREFIXES = ("RAILGUARD_", "OTEL_")
_DATA_SUFFIXES = (".py",)


class Refused(Exception):
    """The socket, its folder or its peer is not the user's own: never talk to it."""


def version() -> str:
    from railguard import __version__

    return __version__


def install_fingerprint() -> str:
    """The installed railguard as it is now: its folder, the interpreter, every source file by
    size and modification time, every rule and data file by content (the rule-set hash). A
    daemon whose fingerprint differs from its client's is stale and is not used."""
    h = hashlib.sha256(f"{PROTOCOL}\0{PACKAGE_DIR}\0{sys.executable}\0{sys.version}\0{version()}".encode(
        "utf-8", "surrogateescape"))
    h.update(b"\0rules\0" + ruleset_hash().encode())
    for folder, dirs, files in os.walk(PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(_DATA_SUFFIXES):
                st = os.stat(os.path.join(folder, name))
                h.update(f"{folder}/{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def ruleset_hash() -> str:
    """The content of every rule pack and data file shipped with railguard (not the sources)."""
    h = hashlib.sha256()
    for folder, dirs, files in os.walk(PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml", ".json", ".scm", ".toml")):
                path = os.path.join(folder, name)
                with open(path, "rb") as fh:
                    h.update(f"{os.path.relpath(path, PACKAGE_DIR)}\0".encode("utf-8", "surrogateescape"))
                    h.update(hashlib.sha256(fh.read()).digest())
    return h.hexdigest()


def env_digest(env: dict[str, str] | os._Environ[str] | None = None) -> str:
    """The environment a scan depends on (railguard's own variables, the user's folders, PATH for
    git), without the variables that only switch the resident process itself on or tune it."""
    env = os.environ if env is None else env
    items = sorted((k, search_path(env) if k == "PATH" else v) for k, v in env.items()
                   if (k in _ENV_EXACT or k.startswith(_ENV_PREFIXES)) and not k.startswith(ENV_FLAG))
    return hashlib.sha256(json.dumps(items).encode("utf-8", "surrogateescape")).hexdigest()


def search_path(env: dict[str, str] | os._Environ[str]) -> str:
    """PATH as the user set it: git puts its exec path first when it runs a hook."""
    path, exec_path = env.get("PATH", ""), env.get("GIT_EXEC_PATH")
    while exec_path and path.startswith(exec_path + os.pathsep):
        path = path[len(exec_path) + 1:]
    return path


def run_dir() -> Path:
    """A 0700 folder of the user's: XDG_RUNTIME_DIR/railguard, else the user's state dir's `run`."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return Path(runtime) / "railguard"
    if os.environ.get("RAILGUARD_STATE_DIR"):
        state = Path(os.environ["RAILGUARD_STATE_DIR"])
    else:
        base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
        state = Path(base) / "railguard"
    return state / "run"


def socket_path(fingerprint: str, digest: str) -> Path:
    """One daemon per installed railguard and environment: another version never shares a socket."""
    return run_dir() / f"hook-{hashlib.sha256((fingerprint + digest).encode()).hexdigest()[:16]}.sock"


def check_folder(folder: Path) -> None:
    """The run folder is a real folder of the user's that nobody else can enter."""
    st = os.lstat(folder)  # FileNotFoundError: no daemon yet
    if not stat.S_ISDIR(st.st_mode):
        raise Refused(f"{folder}: not a folder")
    _owned_private(folder, st)


def check_socket(path: Path) -> None:
    """The socket is the user's own and only the user can connect to it (0600 or stricter)."""
    check_folder(path.parent)
    st = os.lstat(path)  # FileNotFoundError: no daemon yet
    if not stat.S_ISSOCK(st.st_mode):
        raise Refused(f"{path}: not a socket")
    _owned_private(path, st)


def _owned_private(path: Path, st: os.stat_result) -> None:
    if st.st_uid != os.getuid():
        raise Refused(f"{path}: owned by uid {st.st_uid}, not by this user ({os.getuid()})")
    if st.st_mode & 0o077:
        raise Refused(f"{path}: mode {stat.S_IMODE(st.st_mode):04o} lets other users in (want 0700/0600)")


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end (SO_PEERCRED); Refused where the system cannot say."""
    import socket
    import struct

    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        raise Refused("this system cannot name a socket's peer (no SO_PEERCRED)")
    _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    return uid


def check_peer(sock: socket.socket) -> None:
    uid = peer_uid(sock)
    if uid != os.getuid():
        raise Refused(f"the process at the other end runs as uid {uid}, not as this user ({os.getuid()})")


def send(sock: socket.socket, message: dict) -> None:
    sock.sendall(json.dumps(message).encode("utf-8", "surrogateescape") + b"\n")


def receive(sock: socket.socket) -> dict:
    """One newline-terminated JSON object; ValueError on anything else."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise ValueError("connection closed before a whole message")
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
        if size > MAX_MESSAGE:
            raise ValueError("message too large")
    message = json.loads(b"".join(chunks).decode("utf-8", "surrogateescape"))
    if not isinstance(message, dict):
        raise ValueError("not a JSON object")
    return message
