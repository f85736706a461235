"""Fail closed, verifiably: a full disk while writing the audit log, a grammar that fails to
load, an analyzer that raises, an unreadable config. The commit hook exits non-zero and says what
failed, the CLI exits 2, the audit log that was there stays whole (`railguard audit verify`
passes), and the language server logs the fault and keeps serving with what still works.
(An analyzer that raises in the language server: tests/e2e/test_lsp_robustness.py; an
invalid config there: tests/e2e/test_lsp_server.py.)"""

from __future__ import annotations

import asyncio
import random
import string
import subprocess
import sys

import pytest
import pytest_lsp
from pytest_lsp import LanguageClient

from tests.e2e.lsp_client import config, open_doc, start, wait_publish
from tests.githelpers import VULN, Repo

FULL_DISK = ["enospc-write", "enospc-fsync", "enospc-head"]


@pytest.fixture
def repo(tmp_path):
    r = Repo(tmp_path / "repo", tmp_path)
    r.write("README.md", "demo\n")
    r.git("add", "README.md")
    r.git("commit", "-q", "-m", "init")
    r.write("app.py", VULN)
    r.git("add", "app.py")
    return r


def faulty(repo: Repo, fault: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.reliability.faults", fault, *args], cwd=repo.path,
                          env=repo.env(**env), capture_output=True, text=True, timeout=120)


def audit_files(repo: Repo) -> tuple[bytes, bytes]:
    log = repo.path / ".git" / "railguard" / "audit.jsonl"
    return log.read_bytes(), log.with_name("audit.jsonl.head").read_bytes()


@pytest.mark.parametrize("fault", FULL_DISK)
def test_full_disk_fails_closed_and_keeps_the_audit_log_whole(repo, fault):
    first = repo.railguard("hook", "app.py")
    assert first.returncode == 1, first.stdout + first.stderr  # blocked, and recorded
    before = audit_files(repo)
    assert before[0].count(b"\n") == 1

    # a block that cannot be recorded: still blocked, and it says so
    blocked = faulty(repo, fault, "hook", "app.py")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, out
    assert "cannot write the audit log: No space left on device" in out
    assert "make room" in out and "commit blocked" in out
    assert audit_files(repo) == before

    # an override that cannot be recorded: the commit does not pass
    allowed = faulty(repo, fault, "hook", "app.py", RAILGUARD_ALLOW="python.yaml-load: reviewed")
    out = allowed.stdout + allowed.stderr
    assert allowed.returncode == 2, out
    assert "the override could not be recorded" in out
    line = next(x for x in out.splitlines() if "cannot write the audit log" in x)
    assert "No space left on device" in line and "audit-log" in line and "commit again" in line
    assert audit_files(repo) == before
    verify = repo.railguard("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # the same override with room on the disk passes and is recorded after the intact entry
    ok = repo.railguard("hook", "app.py", RAILGUARD_ALLOW="python.yaml-load: reviewed")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert audit_files(repo)[0].startswith(before[0]) and audit_files(repo)[0].count(b"\n") == 2
    assert repo.railguard("audit", "verify").returncode == 0


def test_grammar_that_fails_to_load(repo):
    hook = faulty(repo, "grammar", "hook", "app.py")
    assert hook.returncode == 2
    assert "railguard could not check it" in hook.stdout + hook.stderr
    assert "tree_sitter_no_such_grammar" in hook.stdout + hook.stderr
    scan = faulty(repo, "grammar", "scan", "app.py", "--no-cache")
    assert scan.returncode == 2, scan.stdout + scan.stderr
    assert "tree_sitter_no_such_grammar" in scan.stdout + scan.stderr


def test_analyzer_that_raises(repo):
    repo.write(".railguard.toml", 'analyzers = ["query", "text", "boom"]\n')
    repo.write("ok.py", "x = 1\n")
    repo.git("add", ".railguard.toml", "ok.py")  # the commit gate reads the staged config
    hook = faulty(repo, "analyzer", "hook", "ok.py")
    assert hook.returncode == 2
    assert "boom analyzer failed: ZeroDivisionError" in hook.stdout + hook.stderr
    scan = faulty(repo, "analyzer", "scan", "app.py", "--no-cache", "-f", "concise")
    assert scan.returncode == 2, scan.stdout + scan.stderr
    assert "boom analyzer failed" in scan.stdout + scan.stderr
    assert "python.yaml-load" in scan.stdout  # the other analyzers still report


@pytest.mark.parametrize("config", ["analyzers = [\n", "[tool.railguard\n"])
def test_unreadable_config(repo, config):
    repo.write(".railguard.toml", config)
    repo.git("add", ".railguard.toml")  # the commit gate reads the staged config
    hook = repo.railguard("hook", "app.py")
    assert hook.returncode == 2
    assert ".railguard.toml" in hook.stdout + hook.stderr and "could not check it" in hook.stdout + hook.stderr
    scan = repo.railguard("scan", "app.py", "--no-cache")
    assert scan.returncode == 2 and ".railguard.toml" in scan.stdout + scan.stderr


@pytest_lsp.fixture(config=config(command=[sys.executable, "-m", "tests.reliability.faults", "grammar", "lsp"]))
async def grammarless(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_language_server_without_a_grammar_logs_it_and_serves_the_rest(grammarless: LanguageClient, tmp_path):
    client = grammarless
    (tmp_path / ".git").mkdir()
    await start(client, [tmp_path], init_options={"debounceMs": 0})
    py = open_doc(client, tmp_path / "app.py", "import yaml\nyaml.load(x)\n# " + "\u202e" + "hidden\n")
    js = open_doc(client, tmp_path / "app.js", "child_process.exec(req.query.cmd);\n", language_id="javascript")
    py_codes = [d.code for d in (await wait_publish(client, py, 1)).diagnostics]
    assert "python.yaml-load" not in py_codes  # the query analyzer cannot run without the grammar ...
    assert py_codes, "the text analyzers still report on the same file"
    assert [d.code for d in (await wait_publish(client, js, 1)).diagnostics]  # ... and other languages work
    for _ in range(100):
        if any("tree_sitter_no_such_grammar" in m.message for m in client.log_messages):
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError(f"no log message about the grammar: {[m.message for m in client.log_messages]}")
    assert client._server is not None and client._server.returncode is None


def made_up_key(prefix: str, seed: int) -> str:
    """A key-shaped value built here (tests.secret_samples' shared generator is left alone,
    so that other tests get the keys they expect)."""
    return prefix + "".join(random.Random(seed).choices(string.ascii_letters + string.digits, k=40))


def leaky_project(repo: Repo) -> str:
    key = made_up_key("sk-proj-", 1)
    repo.write("settings.py", f'OPENAI_API_KEY = "{key}"\n')
    return key


def test_no_secret_in_the_messages_of_an_internal_error(repo):
    key = leaky_project(repo)
    hook = faulty(repo, "leaky", "hook", "settings.py")
    assert hook.returncode == 2
    assert "internal error ValueError at faults.py" in hook.stdout + hook.stderr
    assert key not in hook.stdout + hook.stderr and key[:12] not in hook.stdout + hook.stderr
    fail_open = faulty(repo, "leaky", "hook", "settings.py", RAILGUARD_FAIL_OPEN="1")
    assert fail_open.returncode == 0
    log = (repo.path / ".git" / "railguard" / "audit.jsonl").read_text()
    assert '"fail-open"' in log and key[:12] not in log
    for fmt in ("text", "json", "sarif"):
        scan = faulty(repo, "leaky", "scan", "settings.py", "--no-cache", "-f", fmt)
        assert scan.returncode == 2, scan.stdout + scan.stderr
        assert "internal error: ValueError" in scan.stderr
        assert key[:12] not in scan.stdout + scan.stderr, fmt


@pytest_lsp.fixture(config=config(command=[sys.executable, "-m", "tests.reliability.faults", "leaky", "lsp"]))
async def leaky(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_no_secret_in_the_language_servers_logs_of_a_failed_scan(leaky: LanguageClient, tmp_path, capfd):
    client = leaky
    (tmp_path / ".git").mkdir()
    key = made_up_key("ghp_", 2)
    await start(client, [tmp_path], init_options={"debounceMs": 0})
    uri = open_doc(client, tmp_path / "app.py", f'TOKEN = "{key}"\n')
    assert (await wait_publish(client, uri, 1)).diagnostics == ()
    for _ in range(100):
        if any("scan failed: ValueError at faults.py" in m.message for m in client.log_messages):
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError(f"no log message about the failed scan: {[m.message for m in client.log_messages]}")
    await asyncio.sleep(0.2)
    logged = "\n".join(m.message for m in client.log_messages) + capfd.readouterr().err
    assert "scan failed" in logged and key[:12] not in logged
