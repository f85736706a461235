"""`railguard init --mcp` writes the agents' MCP files, merging with what is there and never
clobbering; what it writes starts a working server (as Claude Code, Cursor and VS Code would)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from railguard.cli import main
from tests.e2e.mcp_client import TOOLS, server_env

FILES = {".mcp.json": "mcpServers", ".cursor/mcp.json": "mcpServers", ".vscode/mcp.json": "servers"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return root


def _entry(root: Path, name: str) -> dict:
    return json.loads((root / name).read_text())[FILES[name]]["railguard"]


def test_writes_the_three_project_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--mcp"]) == 0
    assert _entry(project, ".mcp.json") == {"command": "railguard", "args": ["mcp"]}
    assert _entry(project, ".cursor/mcp.json")["args"] == ["mcp", "--root", "${workspaceFolder}"]
    assert _entry(project, ".vscode/mcp.json")["type"] == "stdio"
    assert not (project.parent / "home" / ".codeium").exists()  # Windsurf's global file only when asked
    assert "claude mcp add railguard -- railguard mcp" in capsys.readouterr().out
    before = {n: (project / n).read_bytes() for n in FILES}
    assert main(["init", "--mcp"]) == 0  # a second run changes nothing
    assert before == {n: (project / n).read_bytes() for n in FILES}
    assert not (project / ".railguard.toml").exists()  # --mcp writes only the agents' files


def test_merges_and_never_clobbers(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".cursor").mkdir()
    (project / ".cursor" / "mcp.json").write_text(json.dumps({"mcpServers": {"db": {"command": "db-mcp"}},
                                                              "other": 1}))
    (project / ".vscode").mkdir()
    commented = '{\n  // our servers\n  "servers": {}\n}\n'
    (project / ".vscode" / "mcp.json").write_text(commented)
    mine = {"command": "/opt/railguard/bin/railguard", "args": ["mcp"]}
    (project / ".mcp.json").write_text(json.dumps({"mcpServers": {"railguard": mine}}))

    assert main(["init", "--mcp"]) == 1  # something needs a person's hand
    out = capsys.readouterr().out
    cursor = json.loads((project / ".cursor" / "mcp.json").read_text())
    assert cursor["mcpServers"]["db"] == {"command": "db-mcp"} and cursor["other"] == 1
    assert cursor["mcpServers"]["railguard"]["command"] == "railguard"
    assert (project / ".vscode" / "mcp.json").read_text() == commented
    assert _entry(project, ".mcp.json") == mine
    assert "kept .vscode/mcp.json unchanged" in out and "kept .mcp.json unchanged" in out
    assert '"servers"' in out  # the entry to add by hand is shown


def test_windsurf_global_file_on_request(project: Path) -> None:
    home = project.parent / "home"
    target = home / ".codeium" / "windsurf" / "mcp_config.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"mcpServers": {"x": {"serverUrl": "http://127.0.0.1:1/sse"}}}))
    assert main(["init", "--mcp", "--windsurf"]) == 0
    data = json.loads(target.read_text())
    assert data["mcpServers"]["x"] == {"serverUrl": "http://127.0.0.1:1/sse"}
    assert data["mcpServers"]["railguard"]["args"] == ["mcp", "--root", str(project.resolve())]


@pytest.mark.slow
async def test_each_written_setup_starts_a_server(project: Path) -> None:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    assert main(["init", "--mcp", "--windsurf"]) == 0
    windsurf = project.parent / "home" / ".codeium" / "windsurf" / "mcp_config.json"
    entries = [_entry(project, n) for n in FILES] + [json.loads(windsurf.read_text())["mcpServers"]["railguard"]]
    railguard = shutil.which("railguard")
    (project / "a.py").write_text("import yaml\nyaml.load(x)\n")
    distinct = {json.dumps([a.replace("${workspaceFolder}", str(project)) for a in e["args"]]) for e in entries}
    assert len(distinct) == 2  # Cursor, VS Code and Windsurf all name the project as the root
    for args in map(json.loads, sorted(distinct)):
        command, args = (railguard, args) if railguard else (sys.executable, ["-m", "railguard", *args])
        # Claude Code starts the server in the project; the others may start it elsewhere (--root says where)
        cwd = project.parent if "--root" in args else project
        params = StdioServerParameters(command=command, args=args, cwd=str(cwd), env=server_env())
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            assert {t.name for t in (await session.list_tools()).tools} == TOOLS
            result = await session.call_tool("scan_files", {"paths": ["a.py"]})
            assert not result.is_error and result.structured_content["files"] == 1, args
            assert result.structured_content["findings"][0]["rule_id"] == "python.yaml-load"
