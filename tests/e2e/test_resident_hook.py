"""The opt-in resident process of the commit hook, driven as a user drives it: real git, the real
CLI as subprocesses, a real daemon; and impostors on its socket that the hook must not believe."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from railguard.resident import common
from tests.githelpers import SAFE, VULN, Repo


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A short XDG_RUNTIME_DIR (socket paths are limited to about 100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="rg-run-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def repo(tmp_path, runtime, monkeypatch) -> Iterator[Repo]:
    """A developer's repository: outside CI (where the resident process is never used)."""
    monkeypatch.delenv("CI", raising=False)
    r = Repo(tmp_path / "repo", tmp_path, extra_env={
        "XDG_RUNTIME_DIR": str(runtime), "RAILGUARD_RESIDENT": "1", "RAILGUARD_RESIDENT_IDLE": "120"})
    r.write("README.md", "demo\n")
    r.git("add", "README.md")
    r.git("commit", "-q", "-m", "init")
    yield r
    r.railguard("daemon", "stop")


def hook(repo: Repo, resident: bool) -> tuple[int, str, str]:
    r = repo.railguard("hook", "--staged", RAILGUARD_RESIDENT="1" if resident else "0")
    return r.returncode, r.stdout, r.stderr


def served(repo: Repo) -> int:
    out = repo.railguard("daemon", "status").stdout
    return sum(int(line.split(" commit(s) served")[0].rsplit(" ", 1)[1]) for line in out.splitlines()
               if "commit(s) served" in line)


def test_daemon_and_cold_give_the_same_answer(repo):
    started = repo.railguard("daemon", "start")
    assert started.returncode == 0, started.stdout + started.stderr
    repo.write("app.py", VULN)
    repo.write("lib/util.py", "import os\n\ndef run(cmd):\n    os.system(cmd)\n")
    repo.git("add", "app.py", "lib/util.py")
    cold = hook(repo, resident=False)
    assert served(repo) == 0
    warm = hook(repo, resident=True)
    assert served(repo) == 1  # the daemon answered, not a cold fallback
    assert warm == cold
    assert cold[0] == 1 and "app.py:4:12: high python.yaml-load" in cold[1] and "lib/util.py" in cold[1]

    repo.write("app.py", SAFE)
    repo.write("lib/util.py", "import subprocess\n\ndef run(args):\n    subprocess.run(args, check=True)\n")
    repo.git("add", "app.py", "lib/util.py")
    assert hook(repo, resident=True) == hook(repo, resident=False)
    assert hook(repo, resident=True)[0] == 0
    assert served(repo) == 3

    # a real commit through the installed git hook: git's own (relative) GIT_INDEX_FILE is honoured
    assert repo.railguard("install-hook").returncode == 0
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    r = repo.commit("through the daemon")
    assert r.returncode != 0 and "python.yaml-load" in r.stdout + r.stderr
    assert served(repo) == 4
    assert repo.commits() == 1

    stopped = repo.railguard("daemon", "stop")
    assert "stopped" in stopped.stdout
    assert not list((Path(repo.extra_env["XDG_RUNTIME_DIR"]) / "railguard").glob("*.sock"))


def test_the_hook_starts_the_daemon_on_first_use_and_a_dead_one_blocks_nothing(repo):
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    cold = hook(repo, resident=False)
    assert hook(repo, resident=True) == cold  # no daemon yet: this one is cold and starts it
    deadline = time.monotonic() + 60
    while not served(repo) and time.monotonic() < deadline:
        hook(repo, resident=True)
        time.sleep(0.2)
    assert served(repo) >= 1
    pid = int(repo.railguard("daemon", "status").stdout.split("pid ")[1].split(",")[0])
    os.kill(pid, signal.SIGKILL)  # dies without removing its socket
    _wait_gone(pid)
    assert hook(repo, resident=True) == cold  # the vulnerable commit is still blocked
    assert cold[0] == 1


def _alive(pid: int) -> bool:
    """Running (a zombie that nobody reaped yet does not count: it serves nothing)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _wait_gone(pid: int) -> None:
    for _ in range(200):
        if not _alive(pid):
            return
        time.sleep(0.05)


class Impostor:
    """Something listening on the hook's socket that answers every request with `answer`."""

    def __init__(self, path: Path, answer: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.asked = 0
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        os.chmod(path, 0o600)
        self.sock.listen(4)
        self.answer = answer
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    conn.recv(65536)
                    self.asked += 1
                    conn.sendall(self.answer)
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


def socket_for(repo: Repo, monkeypatch) -> Path:
    """The socket the hook subprocess of this repository will look for."""
    env = repo.env(RAILGUARD_RESIDENT="1")
    monkeypatch.setenv("XDG_RUNTIME_DIR", env["XDG_RUNTIME_DIR"])
    return common.socket_path(common.install_fingerprint(), common.env_digest(env))


def a_pass(**changes: object) -> bytes:
    """An answer that would let the commit through, from the right version unless changed."""
    answer = {"protocol": common.PROTOCOL, "version": common.version(), "fingerprint": common.install_fingerprint(),
              "ruleset": common.ruleset_hash(), "pid": 1, "exit": 0, "stdout": "", "stderr": "", **changes}
    return json.dumps(answer).encode() + b"\n"


@pytest.mark.parametrize("answer", [
    a_pass(version="0.0.1"),  # a daemon of another railguard version
    a_pass(fingerprint="0" * 64),  # the same version, another install or rule set
    a_pass(exit="0"), a_pass(exit=7), a_pass(stdout=None),  # malformed answers
    b'{"exit": 0', b"not json\n", b"",
], ids=["other-version", "other-install", "exit-as-text", "exit-7", "no-stdout", "cut", "garbage", "nothing"])
def test_an_answer_from_another_version_or_a_malformed_one_is_not_believed(repo, monkeypatch, answer):
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    cold = hook(repo, resident=False)
    impostor = Impostor(socket_for(repo, monkeypatch), answer)
    try:
        assert hook(repo, resident=True) == cold
        assert impostor.asked == 1 or answer == b""
    finally:
        impostor.close()
    assert cold[0] == 1


def test_the_right_answer_is_believed(repo, monkeypatch):
    """The impostor tests above hold because of what they change: the same answer, well formed
    and from this railguard, is used (the hook then prints what it says)."""
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    impostor = Impostor(socket_for(repo, monkeypatch), a_pass(stdout="from the daemon\n"))
    try:
        assert hook(repo, resident=True) == (0, "from the daemon\n", "")
    finally:
        impostor.close()


@pytest.mark.parametrize("weakness", ["socket-0666", "folder-0755", "socket-of-another-user"])
def test_a_socket_others_can_reach_or_own_is_refused(repo, monkeypatch, weakness):
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    cold = hook(repo, resident=False)
    path = socket_for(repo, monkeypatch)
    impostor = Impostor(path, a_pass(stdout="from the daemon\n"))
    try:
        if weakness == "socket-0666":
            # railguard: ignore[python.chmod-world-writable] an impostor socket the client must refuse
            os.chmod(path, 0o666)
        elif weakness == "folder-0755":
            os.chmod(path.parent, 0o755)
        elif os.geteuid() == 0:
            os.chown(path, 65534, 65534)
        else:  # only root can give a file away: check the rule itself from another uid's view
            monkeypatch.setattr(os, "getuid", lambda: os.geteuid() + 1)
            with pytest.raises(common.Refused, match="not by this user"):
                common.check_socket(path)
            return
        code, out, err = hook(repo, resident=True)
        assert (code, out) == cold[:2]
        assert "resident process refused" in err
        assert impostor.asked == 0  # not even asked
    finally:
        impostor.close()


def test_a_peer_of_another_user_is_refused(monkeypatch):
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        common.check_peer(left)  # this user's own process: accepted
        monkeypatch.setattr(os, "getuid", lambda: os.geteuid() + 1)
        with pytest.raises(common.Refused, match="runs as uid"):
            common.check_peer(left)


def test_the_language_server_starts_the_daemon_when_the_user_enabled_it(repo):
    """An editor starts `railguard lsp`; the commits after it find the daemon already running."""
    import subprocess
    import sys

    def frame(message: dict) -> bytes:
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    server = subprocess.Popen([sys.executable, "-m", "railguard", "lsp"], cwd=repo.path, env=repo.env(),
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert server.stdin is not None
        server.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": os.getpid(), "rootUri": repo.path.as_uri(), "capabilities": {}}}))
        server.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        server.stdin.flush()
        deadline = time.monotonic() + 60
        while "commit(s) served" not in repo.railguard("daemon", "status").stdout and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "0 commit(s) served" in repo.railguard("daemon", "status").stdout
    finally:
        server.kill()
        server.wait()
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    assert hook(repo, resident=True)[0] == 1
    assert served(repo) == 1


def test_never_under_ci_nor_for_a_commit_with_its_own_settings(repo):
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    cold = hook(repo, resident=False)
    runtime = Path(repo.extra_env["XDG_RUNTIME_DIR"])
    for env in ({"CI": "true"}, {"RAILGUARD_ALLOW": "python.yaml-load: reviewed"}):
        r = repo.railguard("hook", "--staged", RAILGUARD_RESIDENT="1", **env)
        assert r.returncode == (0 if "RAILGUARD_ALLOW" in env else cold[0])
        time.sleep(1.0)
        assert not (runtime / "railguard").exists()  # no daemon started, nothing asked
    assert hook(repo, resident=True) == cold  # the first use outside CI starts one
    deadline = time.monotonic() + 30
    while not list((runtime / "railguard").glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list((runtime / "railguard").glob("*.sock"))


def test_sigterm_and_stop_end_the_daemon_and_leave_no_socket(repo):
    runtime = Path(repo.extra_env["XDG_RUNTIME_DIR"]) / "railguard"
    for _ in range(2):
        assert repo.railguard("daemon", "start").returncode == 0
        pid = int(repo.railguard("daemon", "status").stdout.split("pid ")[1].split(",")[0])
        if _ == 0:
            os.kill(pid, signal.SIGTERM)
        else:
            os.kill(pid, signal.SIGKILL)  # dies without cleaning up: `daemon stop` removes its socket
            _wait_gone(pid)
            assert "removed" in repo.railguard("daemon", "stop").stdout
        _wait_gone(pid)
        assert not _alive(pid)
        assert not list(runtime.glob("*.sock"))
