"""The language server end to end, over stdio, driven like an editor drives it (pytest-lsp)."""

from __future__ import annotations

import ast
import asyncio
import json
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.e2e.lsp_client import (
    apply_text_edits,
    capabilities,
    change_doc,
    config,
    edits_of,
    open_doc,
    replace_doc,
    start,
    wait_publish,
)

VULNERABLE = "import yaml\n\n\ndef read(fh):\n    return yaml.load(fh)\n"
RULE = "python.yaml-load"


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # a project root: config lookups stop here
    return tmp_path


def codes(diagnostics) -> list[str]:
    return [str(d.code) for d in diagnostics]


async def test_push_diagnostics_on_open_change_and_save(client: LanguageClient, project: Path):
    result = await start(client, [project])
    assert result.capabilities.diagnostic_provider is None  # this client did not ask for pull
    uri = open_doc(client, project / "app.py", VULNERABLE)
    pub = await wait_publish(client, uri, 1)
    assert codes(pub.diagnostics) == [RULE]
    d = pub.diagnostics[0]
    assert d.source == "railguard" and d.severity == types.DiagnosticSeverity.Error
    assert "CWE-502" in d.message
    assert (d.range.start.line, d.range.start.character) == (4, 11)
    assert d.data["fix"]["safe"] is True and d.data["fp"]

    # an incremental edit adds a second finding
    change_doc(client, uri, 2, (5, 0, 5, 0, "x = yaml.load(open('a'))\n"))
    pub = await wait_publish(client, uri, 2)
    assert codes(pub.diagnostics) == [RULE, RULE]
    assert {d.range.start.line for d in pub.diagnostics} == {4, 5}

    # fixing both clears them
    change_doc(client, uri, 3, (4, 16, 4, 20, "safe_load"), (5, 9, 5, 13, "safe_load"))
    pub = await wait_publish(client, uri, 3)
    assert pub.diagnostics == ()

    n = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    pub = await wait_publish(client, uri, 3, after=n)
    assert pub.diagnostics == ()

    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    pub = await wait_publish(client, uri, None, after=len(client.published) - 0 if False else n + 1)
    assert pub.diagnostics == ()


async def test_scan_on_save_setting(client: LanguageClient, project: Path):
    await start(client, [project], init_options={"railguard": {"scanOn": "save"}})
    uri = open_doc(client, project / "app.py", "import yaml\n")
    await wait_publish(client, uri, 1)
    change_doc(client, uri, 2, (1, 0, 1, 0, "yaml.load(x)\n"))
    await asyncio.sleep(0.6)
    assert all(p.version != 2 for p in client.published)  # nothing while typing
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    pub = await wait_publish(client, uri, 2)
    assert codes(pub.diagnostics) == [RULE]


async def test_pull_diagnostics_when_the_client_advertises_them(client: LanguageClient, project: Path):
    caps = client_capabilities("neovim@v0.10.0")
    assert caps.text_document.diagnostic is not None
    result = await start(client, [project], caps)
    assert result.capabilities.diagnostic_provider is not None
    uri = open_doc(client, project / "app.py", VULNERABLE)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri)))
    assert codes(report.items) == [RULE]
    change_doc(client, uri, 2, (4, 16, 4, 20, "safe_load"))
    report2 = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri), previous_result_id=report.result_id))
    assert report2.kind == "full" and report2.items == ()
    report3 = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri), previous_result_id=report2.result_id))
    assert report3.kind == "unchanged"
    await asyncio.sleep(0.5)
    assert client.published == []  # never both


async def test_neovim_07_gets_push_only(client: LanguageClient, project: Path):
    result = await start(client, [project], client_capabilities("neovim@v0.7.0"))
    assert result.capabilities.diagnostic_provider is None
    uri = open_doc(client, project / "app.py", VULNERABLE)
    assert codes((await wait_publish(client, uri, 1)).diagnostics) == [RULE]


def command_of(action: types.CodeAction | types.Command) -> types.Command:
    if isinstance(action, types.CodeAction):
        return action.command
    # lsprotocol's client side structures any code action that has a `command` as a bare
    # Command, with the whole command object turned into a string (lsprotocol/_hooks.py)
    raw = ast.literal_eval(action.command) if action.command.startswith("{") else {"command": action.command}
    return types.Command(title=raw.get("title", action.title), command=raw["command"], arguments=raw.get("arguments"))


async def quick_fixes(client: LanguageClient, uri: str, diag: types.Diagnostic) -> dict[str, types.CodeAction]:
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), diag.range, types.CodeActionContext(diagnostics=[diag])))
    return {a.title.split(" ")[0]: a for a in actions or []}


async def test_rule_fix_is_the_preferred_quick_fix(client: LanguageClient, project: Path):
    await start(client, [project])
    uri = open_doc(client, project / "app.py", VULNERABLE)
    diag = (await wait_publish(client, uri, 1)).diagnostics[0]
    found = await quick_fixes(client, uri, diag)
    fix = found["Use"]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    text = apply_text_edits(VULNERABLE, edits_of(fix, uri))
    assert "yaml.safe_load(fh)" in text
    replace_doc(client, uri, 2, text)
    assert (await wait_publish(client, uri, 2)).diagnostics == ()


async def test_suppress_on_this_line(client: LanguageClient, project: Path):
    await start(client, [project])
    uri = open_doc(client, project / "app.py", VULNERABLE)
    diag = (await wait_publish(client, uri, 1)).diagnostics[0]
    action = (await quick_fixes(client, uri, diag))["Suppress"]
    assert action.title == f"Suppress {RULE} on this line" and not action.is_preferred
    text = apply_text_edits(VULNERABLE, edits_of(action, uri))
    assert f"    return yaml.load(fh)  # railguard: ignore[{RULE}] <reason>\n" in text
    replace_doc(client, uri, 2, text)
    assert (await wait_publish(client, uri, 2)).diagnostics == ()


async def test_add_to_baseline(client: LanguageClient, project: Path):
    await start(client, [project])
    (project / "src").mkdir()
    uri = open_doc(client, project / "src" / "app.py", VULNERABLE)
    diag = (await wait_publish(client, uri, 1)).diagnostics[0]
    command = command_of((await quick_fixes(client, uri, diag))["Add"])
    assert command.command == "railguard.addToBaseline"
    n = len(client.published)
    assert await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command.command, command.arguments)) is True
    baseline = json.loads((project / ".railguard-baseline.json").read_text())
    assert baseline["findings"] == [{"path": "src/app.py", "rule_id": RULE, "fingerprint": diag.data["fp"]}]
    assert (await wait_publish(client, uri, 1, after=n)).diagnostics == ()
    # the CLI agrees: the same fingerprint is accepted there
    from tests.conftest import run_cli

    out = run_cli("scan", "--no-cache", "--baseline", str(project / ".railguard-baseline.json"), "-f", "json",
                  str(project / "src"), cwd=project)
    assert json.loads(out.stdout)["findings"] == [], out.stdout


async def test_fix_all_applies_every_safe_fix(client: LanguageClient, project: Path):
    await start(client, [project])
    text = "import yaml\na = yaml.load(x)\nb = yaml.load_all(y)\n"
    uri = open_doc(client, project / "app.py", text)
    assert len((await wait_publish(client, uri, 1)).diagnostics) == 2
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(0, 0)),
        types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert [a.kind for a in actions] == ["source.fixAll.railguard"]
    fixed = apply_text_edits(text, edits_of(actions[0], uri))
    assert fixed == "import yaml\na = yaml.safe_load(x)\nb = yaml.safe_load_all(y)\n"
    replace_doc(client, uri, 2, fixed)
    assert (await wait_publish(client, uri, 2)).diagnostics == ()


async def test_hover_shows_the_rule_docs(client: LanguageClient, project: Path):
    await start(client, [project])
    uri = open_doc(client, project / "app.py", VULNERABLE)
    await wait_publish(client, uri, 1)
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(4, 14)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    for part in (RULE, "CWE-502", "**What it does**", "**Why is this bad?**", "**Example**", "**Use instead**",
                 "**References**"):
        assert part in hover.contents.value
    assert await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(0, 1))) is None


async def test_settings_from_workspace_configuration_and_their_change(client: LanguageClient, project: Path):
    client.set_configuration({"severity": "critical"}, section="railguard")
    await start(client, [project])
    uri = open_doc(client, project / "app.py", VULNERABLE)
    assert (await wait_publish(client, uri, 1)).diagnostics == ()  # high < critical
    n = len(client.published)
    client.set_configuration({"severity": "low"}, section="railguard")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert codes((await wait_publish(client, uri, 1, after=n)).diagnostics) == [RULE]


async def test_project_config_file_is_reread_when_it_changes(client: LanguageClient, project: Path):
    await start(client, [project])
    uri = open_doc(client, project / "app.py", VULNERABLE)
    assert codes((await wait_publish(client, uri, 1)).diagnostics) == [RULE]
    assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)
    cfg = project / ".railguard.toml"
    cfg.write_text('disable = ["python.yaml-load"]\ndocs-url = "https://docs.example/r/{rule}.html"\n')
    n = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(cfg.as_uri(), types.FileChangeType.Created)]))
    assert (await wait_publish(client, uri, 1, after=n)).diagnostics == ()
    cfg.write_text('docs-url = "https://docs.example/r/{rule}.html"\n')
    n = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(cfg.as_uri(), types.FileChangeType.Changed)]))
    d = (await wait_publish(client, uri, 1, after=n)).diagnostics[0]
    assert d.code_description.href == f"https://docs.example/r/{RULE}.html"


async def test_a_broken_config_file_is_reported_and_defaults_apply(client: LanguageClient, project: Path):
    (project / ".railguard.toml").write_text("disable = [\n")
    await start(client, [project])
    uri = open_doc(client, project / "app.py", VULNERABLE)
    assert codes((await wait_publish(client, uri, 1)).diagnostics) == [RULE]
    assert any("invalid TOML" in m.message and ".railguard.toml" in m.message for m in client.log_messages)


async def test_multi_root_folders_have_their_own_settings(client: LanguageClient, tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        (folder / ".git").mkdir(parents=True)
    (b / ".railguard.toml").write_text('disable = ["python.yaml-load"]\n')
    client.set_configuration({"debounceMs": 0}, section="railguard", scope_uri=a.as_uri())
    await start(client, [a, b])
    ua = open_doc(client, a / "app.py", VULNERABLE)
    ub = open_doc(client, b / "app.py", VULNERABLE)
    assert codes((await wait_publish(client, ua, 1)).diagnostics) == [RULE]
    assert (await wait_publish(client, ub, 1)).diagnostics == ()
    # baselines are per folder too
    diag = client.diagnostics[ua][0]
    command = command_of((await quick_fixes(client, ua, diag))["Add"])
    await client.workspace_execute_command_async(types.ExecuteCommandParams(command.command, command.arguments))
    assert (a / ".railguard-baseline.json").exists() and not (b / ".railguard-baseline.json").exists()


async def test_stale_versions_are_dropped(client: LanguageClient, project: Path):
    await start(client, [project], init_options={"debounceMs": 0})
    uri = open_doc(client, project / "app.py", "import yaml\n")
    await wait_publish(client, uri, 1)
    # version v has v-1 findings; a burst of edits, each without waiting
    for v in range(2, 42):
        change_doc(client, uri, v, (v - 1, 0, v - 1, 0, f"x{v} = yaml.load(a)\n"))
    last = await wait_publish(client, uri, 41)
    assert len(last.diagnostics) == 40
    await asyncio.sleep(0.3)
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(versions)  # never an older version after a newer one
    assert versions[-1] == 41
    for p in client.published:
        assert len(p.diagnostics) == p.version - 1  # every publish is true for its version


async def test_a_burst_inside_the_debounce_publishes_once(client: LanguageClient, project: Path):
    # with debounce 0 a fast machine may keep up with every edit; a burst sent well inside
    # the debounce window must coalesce: versions overtaken by newer edits are never published
    await start(client, [project], init_options={"debounceMs": 3000})
    uri = open_doc(client, project / "app.py", "import yaml\n")
    await wait_publish(client, uri, 1)
    for v in range(2, 42):
        change_doc(client, uri, v, (v - 1, 0, v - 1, 0, f"x{v} = yaml.load(a)\n"))
    last = await wait_publish(client, uri, 41)
    assert len(last.diagnostics) == 40
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions[-1] == 41 and len(versions) < 41


async def test_position_encoding_utf8_when_negotiated(client: LanguageClient, project: Path):
    result = await start(client, [project], capabilities(encodings=["utf-8"]))
    assert result.capabilities.position_encoding == "utf-8"
    text = "import yaml\ns = '😀'; yaml.load(x)\n"
    uri = open_doc(client, project / "app.py", text)
    d = (await wait_publish(client, uri, 1)).diagnostics[0]
    assert d.range.start.character == len("s = '😀'; ".encode())


async def test_astral_characters_in_utf16(client: LanguageClient, project: Path):
    await start(client, [project])
    text = "import yaml\ns = '😀😀'; yaml.load(x)\n"
    uri = open_doc(client, project / "app.py", text)
    d = (await wait_publish(client, uri, 1)).diagnostics[0]
    assert d.range.start.character == len("s = '😀😀'; ") + 2
    # an edit after the emoji, in UTF-16 units, lands where the editor meant
    change_doc(client, uri, 2, (1, d.range.start.character + 5, 1, d.range.start.character + 9, "safe_load"))
    assert (await wait_publish(client, uri, 2)).diagnostics == ()


async def test_workspace_scan_publishes_files_that_are_not_open(client: LanguageClient, project: Path):
    (project / "closed.py").write_text(VULNERABLE)
    (project / "clean.py").write_text("x = 1\n")
    await start(client, [project], init_options={"workspaceScan": True})
    uri = (project / "closed.py").as_uri()
    pub = await wait_publish(client, uri)
    assert codes(pub.diagnostics) == [RULE]
    assert all(p.uri != (project / "clean.py").as_uri() for p in client.published)


async def test_no_workspace_scan_by_default(client: LanguageClient, project: Path):
    (project / "closed.py").write_text(VULNERABLE)
    await start(client, [project])
    await asyncio.sleep(1.0)
    assert client.published == []
