"""The server commands the VS Code extension calls (workspace/executeCommand): scan the
workspace now, and a rule's documentation as Markdown."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.e2e.lsp_client import config, open_doc, start, wait_publish

VULNERABLE = "import yaml\n\n\ndef read(fh):\n    return yaml.load(fh)\n"
RULE = "python.yaml-load"


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


async def execute(client: LanguageClient, command: str, *arguments: object) -> object:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command, arguments=list(arguments)))


async def test_commands_are_advertised(client: LanguageClient, project: Path):
    result = await start(client, [project])
    commands = result.capabilities.execute_command_provider.commands
    assert {"railguard.server.scanWorkspace", "railguard.server.explainRule"} <= set(commands)


async def test_scan_workspace_pushes_closed_files_to_a_pull_client(client: LanguageClient, project: Path):
    (project / "closed.py").write_text(VULNERABLE)
    (project / "clean.py").write_text("x = 1\n")
    (project / "open.py").write_text(VULNERABLE)
    caps = client_capabilities("neovim@v0.10.0")
    caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    result = await start(client, [project], caps)
    assert result.capabilities.diagnostic_provider is not None  # a pull client (as VS Code is)
    open_uri = open_doc(client, project / "open.py", VULNERABLE)
    await asyncio.sleep(0.3)
    assert client.published == []  # nothing pushed before the command

    counts = await execute(client, "railguard.server.scanWorkspace")
    assert counts == {"files": 2, "findings": 1}  # open.py is left to the pull
    closed_uri = (project / "closed.py").as_uri()
    pub = await wait_publish(client, closed_uri)
    assert [str(d.code) for d in pub.diagnostics] == [RULE]
    assert {p.uri for p in client.published} == {closed_uri}
    assert open_uri not in {p.uri for p in client.published}

    # opening the file hands it to the pull: the pushed findings are cleared, not shown twice,
    # and once its scan is done the client is asked to pull again (a pull that raced the clearing)
    n = len(client.published)
    refreshes = client.diagnostic_refresh_count
    open_doc(client, project / "closed.py", VULNERABLE)
    cleared = await wait_publish(client, closed_uri, after=n)
    assert cleared.diagnostics == ()
    for _ in range(100):
        if client.diagnostic_refresh_count > refreshes:
            break
        await asyncio.sleep(0.05)
    assert client.diagnostic_refresh_count == refreshes + 1
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(types.TextDocumentIdentifier(closed_uri)))
    assert [str(d.code) for d in report.items] == [RULE]


async def test_scan_workspace_clears_a_file_fixed_since_the_last_scan(client: LanguageClient, project: Path):
    (project / "closed.py").write_text(VULNERABLE)
    await start(client, [project])
    assert await execute(client, "railguard.server.scanWorkspace") == {"files": 1, "findings": 1}
    uri = (project / "closed.py").as_uri()
    await wait_publish(client, uri)
    (project / "closed.py").write_text(VULNERABLE.replace("yaml.load", "yaml.safe_load"))
    n = len(client.published)
    assert await execute(client, "railguard.server.scanWorkspace") == {"files": 1, "findings": 0}
    assert (await wait_publish(client, uri, after=n)).diagnostics == ()


async def test_explain_rule_returns_the_rule_docs(client: LanguageClient, project: Path):
    await start(client, [project])
    md = await execute(client, "railguard.server.explainRule", RULE, (project / "app.py").as_uri())
    assert isinstance(md, str)
    assert md.startswith(f"# {RULE}\n") and "CWE-502" in md and "safe_load" in md
    assert await execute(client, "railguard.server.explainRule", "python.no-such-rule") is None
    assert await execute(client, "railguard.server.explainRule") is None
