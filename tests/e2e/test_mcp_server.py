"""`railguard mcp` driven over stdio by the MCP SDK's client, as a coding agent drives it:
initialize, list the tools, call each one, send malformed calls, try to leave the workspace,
send a large input. Each test is one server process (start-up costs about a second)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.e2e.mcp_client import TOOLS, agent_session, dump, error_text, server_env
from tests.githelpers import VULN, Repo
from tests.secret_samples import sample

pytestmark = pytest.mark.slow

CODE = (
    "import subprocess\n"
    "import yaml\n\n"
    "TOKEN = \"{token}\"\n\n"
    "def load(text):\n"
    "    return yaml.load(text)\n\n"
    "def run(cmd):\n"
    "    subprocess.call(cmd, shell=True)\n"
)


def _tree(root: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(root)), p.lstat().st_mtime_ns) for p in root.rglob("*"))


def _by_rule(structured: dict) -> dict[str, dict]:
    return {f["rule_id"]: f for f in structured["findings"]}


async def test_agent_session_tools_schemas_and_results(tmp_path: Path) -> None:
    token = sample("github-token")
    (tmp_path / "app.py").write_text(CODE.format(token=token))
    strict = tmp_path / "strict"
    strict.mkdir()
    (strict / ".railguard.toml").write_text('[thresholds]\nagent = { severity = "critical", confidence = "high" }\n')
    code = CODE.format(token=token)
    before = _tree(tmp_path)

    async with agent_session(tmp_path) as s:
        listed = await s.list_tools()
        tools = {t.name: t for t in listed.tools}
        assert set(tools) == TOOLS
        for tool in tools.values():
            assert tool.input_schema["type"] == "object"
            assert tool.output_schema is not None and tool.output_schema["type"] == "object"
            assert tool.annotations is not None and tool.annotations.read_only_hint is True
        assert set(tools["scan_code"].input_schema["required"]) == {"code", "path"}
        assert tools["scan_files"].input_schema["properties"]["paths"]["type"] == "array"
        finding_schema = tools["scan_code"].output_schema["$defs"]["FindingOut"]["properties"]
        for field in ("rule_id", "severity", "confidence", "cwe", "range", "message", "fix", "evidence"):
            assert field in finding_schema

        # scan_code: a buffer, language from the path, structured output that matches its schema
        result = await s.call_tool("scan_code", {"code": code, "path": "app.py"})
        assert not result.is_error, dump(result)
        jsonschema.validate(result.structured_content, tools["scan_code"].output_schema)
        found = _by_rule(result.structured_content)
        yaml_load = found["python.yaml-load"]
        assert (yaml_load["severity"], yaml_load["confidence"], yaml_load["cwe"]) == ("high", "high", ["CWE-502"])
        assert yaml_load["range"]["start"]["line"] == 7 and yaml_load["path"] == "app.py"
        assert yaml_load["fix"]["edits"][0]["new_text"] == "safe_load" and yaml_load["fix_hint"]
        secret = found["secrets.github-token"]
        assert secret["evidence"]["redacted"] is True and secret["evidence"]["secret_length"] == len(token)
        assert token not in dump(result)
        assert token[4:16] not in dump(result)  # not even a middle part of it
        assert result.structured_content["policy"]["surface"] == "agent"
        assert result.structured_content["complete"] is True

        # the path selects the language: the same text as a Markdown note has no Python findings
        as_text = await s.call_tool("scan_code", {"code": code, "path": "notes/app.md"})
        assert "python.yaml-load" not in _by_rule(as_text.structured_content)

        # the agent surface's own threshold, from the config nearest to the path
        strict_result = await s.call_tool("scan_code", {"code": code, "path": "strict/app.py"})
        policy = strict_result.structured_content["policy"]
        assert (policy["severity"], policy["confidence"]) == ("critical", "high")
        assert "python.yaml-load" not in _by_rule(strict_result.structured_content)
        assert policy["below_threshold"] >= 1
        # a file not written yet, in folders that do not exist yet: the config above them applies
        deep = await s.call_tool("scan_code", {"code": code, "path": "strict/new/deep/app.py"})
        assert deep.structured_content["policy"]["severity"] == "critical"

        # scan_files reads the workspace
        files = await s.call_tool("scan_files", {"paths": ["app.py"]})
        assert not files.is_error and files.structured_content["files"] == 1
        assert "python.yaml-load" in _by_rule(files.structured_content) and token not in dump(files)

        # explain_rule: the rule's docs
        doc = await s.call_tool("explain_rule", {"rule_id": "python.yaml-load"})
        assert not doc.is_error
        jsonschema.validate(doc.structured_content, tools["explain_rule"].output_schema)
        assert doc.structured_content["what"] and doc.structured_content["why"]
        assert "safe_load" in doc.structured_content["instead"]
        assert "did you mean: python.yaml-load" in error_text(await s.call_tool("explain_rule", {"rule_id": "yaml-load"}))

        # malformed calls are tool errors that never echo the arguments, and the server goes on
        missing = error_text(await s.call_tool("scan_code", {"code": code}))
        assert "path" in missing and "required" in missing.lower() and token[:12] not in missing
        assert "paths" in error_text(await s.call_tool("scan_files", {"paths": "app.py"}))
        assert error_text(await s.call_tool("scan_code", {"code": 42, "path": "a.py"}))
        assert error_text(await s.call_tool("no_such_tool", {}))
        assert error_text(await s.call_tool("scan_files", {"paths": []}))

        # bounded inputs: a buffer over 2 MB, over 100 paths
        big = error_text(await s.call_tool("scan_code", {"code": "x = 1\n" * 400_000, "path": "big.py"}))
        assert "over the limit" in big
        assert "over the limit" in error_text(await s.call_tool("scan_files", {"paths": ["app.py"] * 101}))

        # hostile values: a NUL in a path, non-strings in a list, nesting, a huge id
        assert "NUL" in error_text(await s.call_tool("scan_code", {"code": "x = 1\n", "path": "a\0.py"}))
        assert error_text(await s.call_tool("scan_files", {"paths": ["app.py", 7, None]}))
        assert error_text(await s.call_tool("scan_files", {"paths": [{"nested": ["x" * 100] * 100}]}))
        assert error_text(await s.call_tool("explain_rule", {"rule_id": "x" * 100_000}))

        # still serving after all that
        again = await s.call_tool("scan_code", {"code": "import yaml\nyaml.load(x)\n", "path": "b.py"})
        assert "python.yaml-load" in _by_rule(again.structured_content)
    assert _tree(tmp_path) == before, "the server wrote in the workspace"


async def test_paths_stay_inside_the_client_roots(tmp_path: Path) -> None:
    token = sample("aws-access-key-id")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(f'KEY = "{token}"\nimport yaml\nyaml.load(x)\n')
    (tmp_path / "beside.py").write_text("import yaml\nyaml.load(x)\n")  # in the server's cwd, not in a root
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "ok.py").write_text("import pickle\npickle.loads(b)\n")
    (ws / "link.py").symlink_to(outside / "secret.py")
    (ws / "linkdir").symlink_to(outside, target_is_directory=True)

    async with agent_session(tmp_path, roots=[ws]) as s:
        for paths, why in ((["../outside/secret.py"], "'..'"), ([str(outside / "secret.py")], "outside"),
                           ([str(tmp_path / "beside.py")], "outside"), (["link.py"], "symbolic link"),
                           (["linkdir/secret.py"], "symbolic link"), (["ok.py", "../ws/ok.py"], "'..'")):
            result = await s.call_tool("scan_files", {"paths": paths})
            assert why in error_text(result), paths
            assert token not in dump(result)
        for path in ("../x.py", "/etc/passwd", str(outside / "new.py"), "linkdir/new.py"):
            assert error_text(await s.call_tool("scan_code", {"code": "x = 1\n", "path": path})), path

        # a whole root: the symbolic links out are left out with a notice, nothing of outside/ is read
        whole = await s.call_tool("scan_files", {"paths": ["."]})
        assert not whole.is_error, dump(whole)
        paths = {f["path"] for f in whole.structured_content["findings"]}
        assert paths == {"ws/ok.py"}  # relative to the project root, as the CLI reports it
        assert any("outside the workspace" in n["message"] for n in whole.structured_content["notices"])
        assert token not in dump(whole)


async def test_scan_diff_gives_the_commit_gates_verdict(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "repo", home)
    repo.write("safe.py", "print('hello')\n")
    repo.git("add", ".")
    assert repo.commit("init").returncode == 0
    repo.write("tmp.py", "import tempfile\n\nPATH = tempfile.mktemp()\n")  # medium: blocks only AI commits
    repo.git("add", "tmp.py")
    marker = tmp_path / "ran"

    async with agent_session(repo.path, env=server_env(home=home)) as s:
        medium = (await s.call_tool("scan_diff", {})).structured_content
        assert medium["changed_files"] == ["tmp.py"]
        assert medium["verdict"]["decision"] == "pass"  # the commit threshold is high
        assert medium["ai_assisted"]["decision"] == "blocked"  # an AI-assisted commit is held to medium
        assert [f["rule_id"] for f in medium["ai_assisted"]["blocking"]] == ["python.tempfile-mktemp"]

        repo.write("app.py", VULN)
        repo.git("add", "app.py")
        repo.write("later.py", "import pickle\n\ndef f(conn):\n    return pickle.loads(conn.recv(4096))\n")  # not staged
        # a hostile repository asks git to run a program on `git diff`: the server must not let it
        hook = repo.write("fsmonitor.sh", f"#!/bin/sh\ntouch {marker}\n")
        hook.chmod(0o755)
        repo.git("config", "core.fsmonitor", str(hook))  # (the test runs no git command after this)
        staged = await s.call_tool("scan_diff", {})
        assert not staged.is_error, dump(staged)
        out = staged.structured_content
        assert out["scope"] == "staged" and out["changed_files"] == ["app.py", "tmp.py"]  # not fsmonitor.sh
        assert out["verdict"]["decision"] == "blocked"
        assert [f["rule_id"] for f in out["verdict"]["blocking"]] == ["python.yaml-load"]
        assert {"python.yaml-load", "python.tempfile-mktemp"} <= {f["rule_id"] for f in out["scan"]["findings"]}

        since = await s.call_tool("scan_diff", {"staged": False})
        assert not since.is_error, dump(since)
        out = since.structured_content
        assert out["scope"] == "since HEAD" and {"app.py", "later.py"} <= set(out["changed_files"])
        assert {"python.yaml-load", "python.pickle-load"} <= {f["rule_id"] for f in out["verdict"]["blocking"]}

        assert "not a git revision" in error_text(await s.call_tool("scan_diff", {"base": "--output=/tmp/x"}))
        assert "failed" in error_text(await s.call_tool("scan_diff", {"base": "no-such-branch"}))
    assert not marker.exists(), "git ran the repository's fsmonitor program"
    assert not (repo.path / ".git" / "railguard").exists(), "the server wrote the audit log"
    assert not (repo.path / ".railguard_cache").exists(), "the server wrote a scan cache"


def test_garbage_on_the_wire_does_not_stop_the_server(tmp_path: Path) -> None:
    """Below the SDK's client: raw JSON-RPC lines, one of them not JSON at all."""
    import select
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "railguard", "mcp"], cwd=tmp_path, env=server_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdin is not None and proc.stdout is not None

    def send(message: object) -> None:
        assert proc.stdin is not None
        proc.stdin.write((message if isinstance(message, str) else json.dumps(message)) + "\n")
        proc.stdin.flush()

    def reply(wanted_id: int) -> dict:
        """The answer to request wanted_id (answers to dropped requests may come first, or never)."""
        assert proc.stdout is not None
        for _ in range(5):
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, f"no answer to request {wanted_id} within 60 s"
            message = json.loads(proc.stdout.readline())
            if message.get("id") == wanted_id:
                return message
        raise AssertionError(f"no answer to request {wanted_id}")

    try:
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}}})
        assert reply(1)["result"]["serverInfo"]["name"] == "railguard"
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        send("this is not json {{{")
        send({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "scan_code", "arguments": "x"}})
        assert reply(2)["error"]["code"] == -32602
        # a lone surrogate: valid JSON, not UTF-8; the SDK drops the message (the SDK's client cannot send it)
        send({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "scan_code", "arguments": {
            "code": "x = '\ud800'\n", "path": "o.py"}}})
        send({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "scan_code", "arguments": {
            "code": "import yaml\nyaml.load(x)\n", "path": "o.py"}}})
        result = reply(4)["result"]
        assert not result.get("isError") and result["structuredContent"]["findings"][0]["rule_id"] == "python.yaml-load"
        send({"jsonrpc": "2.0", "id": 5, "method": "tools/list"})
        assert len(reply(5)["result"]["tools"]) == 4
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0  # the client closed stdin: a clean exit
    finally:
        if proc.poll() is None:
            proc.kill()


def test_missing_extra_is_one_line_naming_it(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "mcp"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'mcp'\", name='mcp')\n")
    env = server_env()
    env["PYTHONPATH"] = str(tmp_path / "shadow") + ":" + env["PYTHONPATH"]
    import sys

    r = subprocess.run([sys.executable, "-m", "railguard", "mcp"], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=60, input="")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == ["railguard: error: railguard mcp needs the 'mcp' extra: "
                                             "pip install 'railguard[mcp]'"]
    assert json.dumps(r.stdout) == '""'
