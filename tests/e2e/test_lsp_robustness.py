"""Bad input never stops the language server."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.e2e.lsp_client import change_doc, config, open_doc, send_raw, start, wait_publish

VULNERABLE = "import yaml\nyaml.load(x)\n"


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config(command=[sys.executable, "-m", "tests.e2e.raising_analyzer"]))
async def raising_client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


def alive(client: LanguageClient) -> bool:
    return client._server is not None and client._server.returncode is None


async def test_bad_input_never_stops_the_server(client: LanguageClient, tmp_path: Path):
    (tmp_path / ".git").mkdir()
    await start(client, [tmp_path], init_options={"debounceMs": 0})

    # malformed and foreign URIs: opened, scanned by their language id where that is possible
    for uri in ("not a uri", "file://%%%", "file://host/share/a.py", "http://example.test/a.py"):
        open_doc(client, tmp_path, VULNERABLE, uri=uri)
    untitled = open_doc(client, tmp_path, VULNERABLE, uri="untitled:Untitled-1")
    assert [d.code for d in (await wait_publish(client, untitled, 1)).diagnostics] == ["python.yaml-load"]

    # a change for a document that was never opened, and a malformed notification
    change_doc(client, (tmp_path / "never.py").as_uri(), 2, (0, 0, 0, 0, "x"))
    send_raw(client, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 1}}})
    send_raw(client, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": None})
    # a malformed request still gets an answer (an error), so the client does not hang
    reply = asyncio.get_running_loop().create_future()
    client.protocol._request_futures["bad-1"] = reply
    send_raw(client, {"jsonrpc": "2.0", "id": "bad-1", "method": "textDocument/codeAction",
                      "params": {"textDocument": {"uri": "file:///x.py"}, "context": {"diagnostics": [{}]}}})
    with pytest.raises(Exception, match="cannot read the params of textDocument/codeAction"):
        await asyncio.wait_for(reply, 10)

    # edits with positions out of range: clamped like editors do
    uri = open_doc(client, tmp_path / "a.py", "import yaml\n")
    await wait_publish(client, uri, 1)
    change_doc(client, uri, 2, (500, 3, 900, 0, "yaml.load(x)\n"), (0, 999, 0, 1000, ""), (7, 0, 2, 0, ""))
    assert [d.range.start.line for d in (await wait_publish(client, uri, 2)).diagnostics] == [1]

    # an unknown language
    other = open_doc(client, tmp_path / "notes.xyz", "yaml.load(x)\n", language_id="plaintext")
    assert (await wait_publish(client, other, 1)).diagnostics == ()

    # a 5 MB buffer (over max-file-size): skipped with a log message, edits still accepted
    big_text = "x = 1\n" * (5 * 1024 * 1024 // 6)
    big = open_doc(client, tmp_path / "big.py", big_text + VULNERABLE)
    assert (await wait_publish(client, big, 1, timeout=60)).diagnostics == ()
    change_doc(client, big, 2, (0, 0, 0, 0, "y = 2\n"))
    await wait_publish(client, big, 2, timeout=60)
    assert any("max-file-size" in m.message for m in client.log_messages)

    # 1,000 rapid edits: the last version is published and true
    rapid = open_doc(client, tmp_path / "rapid.py", "import yaml\n")
    text = "import yaml\n"
    for v in range(2, 1002):
        if v % 100 == 0:
            change_doc(client, rapid, v, (v // 100, 0, v // 100, 0, "yaml.load(a)\n"))
            text += "yaml.load(a)\n"
        else:
            change_doc(client, rapid, v, (0, 0, 0, 0, "#"), (0, 0, 0, 1, ""))
    pub = await wait_publish(client, rapid, 1001, timeout=60)
    assert len(pub.diagnostics) == 10

    # hover and code actions for documents the server does not know
    ghost = types.TextDocumentIdentifier((tmp_path / "ghost.py").as_uri())
    assert await client.text_document_hover_async(types.HoverParams(ghost, types.Position(0, 0))) is None
    await client.text_document_code_action_async(types.CodeActionParams(
        ghost, types.Range(types.Position(0, 0), types.Position(0, 0)), types.CodeActionContext(diagnostics=[])))
    # a code action for a diagnostic with data the server did not make
    junk = types.Diagnostic(types.Range(types.Position(1, 0), types.Position(1, 3)), "m", source="railguard",
                            code="x", data={"rule": 5, "fix": {"edits": [[1, "a"]]}, "bytes": "no", "secret": True, "v": 2})
    await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), junk.range, types.CodeActionContext(diagnostics=[junk])))

    # still serving
    await asyncio.sleep(0.2)
    assert alive(client)
    last = open_doc(client, tmp_path / "last.py", VULNERABLE)
    assert [d.code for d in (await wait_publish(client, last, 1)).diagnostics] == ["python.yaml-load"]


async def test_a_failing_analyzer_is_logged_and_the_others_publish(raising_client: LanguageClient, tmp_path: Path):
    client = raising_client
    (tmp_path / ".git").mkdir()
    (tmp_path / ".railguard.toml").write_text('analyzers = ["query", "text", "boom"]\n')
    await start(client, [tmp_path])
    uri = open_doc(client, tmp_path / "app.py", VULNERABLE)
    pub = await wait_publish(client, uri, 1)
    assert [d.code for d in pub.diagnostics] == ["python.yaml-load"]
    for _ in range(100):
        if any("boom analyzer failed: ZeroDivisionError" in m.message for m in client.log_messages):
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError(f"no log message about the failing analyzer: {client.log_messages}")
    assert alive(client)


async def test_lone_surrogates_and_bad_methods_neither_lose_edits_nor_look_like_bugs(client: LanguageClient,
                                                                                     tmp_path: Path):
    (tmp_path / ".git").mkdir()
    await start(client, [tmp_path], init_options={"debounceMs": 0})
    uri = open_doc(client, tmp_path / "a.py", "import yaml\n\ud800\n")
    await wait_publish(client, uri, 1)
    # half of a surrogate pair in an edit: the edit is applied (it used to raise and be lost)
    change_doc(client, uri, 2, (1, 1, 1, 1, "\udfffyaml.load(x)"))
    pub = await wait_publish(client, uri, 2)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in pub.diagnostics] == [
        ("python.yaml-load", 1, 2)]
    # a method that is not a string, and an unknown one: answered, logged as the client's fault
    send_raw(client, {"jsonrpc": "2.0", "method": 5, "params": []})
    reply = asyncio.get_running_loop().create_future()
    client.protocol._request_futures["bad-2"] = reply
    send_raw(client, {"jsonrpc": "2.0", "id": "bad-2", "method": 7, "params": {}})
    with pytest.raises(Exception, match="the method is not a string"):
        await asyncio.wait_for(reply, 10)
    with pytest.raises(Exception, match="Method Not Found"):
        await asyncio.wait_for(client.protocol.send_request_async("railguard/noSuchMethod", {}), 10)
    change_doc(client, uri, 3, (0, 0, 0, 0, "#"))
    await wait_publish(client, uri, 3)
    assert alive(client)
    assert not [m.message for m in client.log_messages if "internal error" in m.message]
    assert any("ignored a malformed message" in m.message and m.type == types.MessageType.Warning
               for m in client.log_messages)
