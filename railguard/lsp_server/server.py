"""The railguard language server: handlers that translate between LSP and the engine.

Diagnostics are pushed (textDocument/publishDiagnostics) unless the client advertises
pull diagnostics, then they are only pulled (textDocument/diagnostic); never both.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from railguard import __version__
from railguard.config import CONFIG_FILES
from railguard.lsp_server import actions, convert, incremental
from railguard.lsp_server.buffer import Buffer, Snapshot, release_trees
from railguard.lsp_server.scheduler import DocumentScheduler
from railguard.lsp_server.settings import DEFAULT_BASELINE, Folder, Folders, client_section
from railguard.model import Finding, Notice, RailguardError, describe_exception

log = logging.getLogger(__name__)

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.railguard"
CMD_ADD_TO_BASELINE = "railguard.addToBaseline"
CMD_SCAN_WORKSPACE = "railguard.server.scanWorkspace"
CMD_EXPLAIN_RULE = "railguard.server.explainRule"
# languageId -> railguard language, for buffers whose name says nothing (untitled:Untitled-1)
LANGUAGE_IDS = {
    "python": "python", "javascript": "javascript", "javascriptreact": "javascript",
    "typescript": "typescript", "typescriptreact": "tsx", "java": "java", "go": "go",
    "yaml": "yaml", "json": "json", "dockerfile": "dockerfile", "shellscript": "shell",
    "toml": "toml", "markdown": "markdown",
}


@dataclass
class Outcome:
    """The result of scanning one version of one document."""

    version: int
    generation: int
    findings: list[Finding] = field(default_factory=list)  # at the threshold, not in the baseline
    raw: list[Finding] | None = None  # ScanResult.base: what the next partial scan keeps
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class RailguardProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            if isinstance(data, dict) and "jsonrpc" in data and not isinstance(data.get("method", ""), str):
                raise JsonRpcInvalidRequest("the method is not a string")  # pygls would fail on it
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "jsonrpc" in data and "id" in data and "method" in data:
                # answer the malformed request, or the client waits for a reply forever
                self._send_response(data["id"], error=types.ResponseError(
                    exc.code, f"{exc.message or 'invalid request'}: cannot read the params of {data['method']}"))
            raise

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        # The server keeps its own byte-exact buffers (buffer.py) for incremental parsing;
        # pygls' copy of the text would be re-split into lines on every change for nothing.
        if (user_handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield user_handler, (params,), None


class RailguardServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("railguard", __version__, protocol_cls=RailguardProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.buffers: dict[str, Buffer] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.folders = Folders()
        self.pull = False
        self.encoding = "utf-16"
        self.generation = 0  # bumped when settings, rules or the baseline change
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="railguard-scan")
        self.scheduler: DocumentScheduler[Snapshot, Outcome] = DocumentScheduler(self.executor)
        self.logged: set[str] = set()
        self.workspace_published: set[str] = set()
        self.warmed: set[tuple[int, str]] = set()  # (folder, language) with the whole query compiled
        self.loop: asyncio.AbstractEventLoop | None = None
        self.support = convert.DiagnosticSupport()
        self.ready: asyncio.Event | None = None  # set once the client's settings are in

    # ------------------------------------------------------------ helpers

    def report_server_error(self, error: Exception, source: Any) -> None:
        # Log, never pop up a dialog on every keystroke.
        if source is JsonRpcException or isinstance(error, JsonRpcException):  # a bad message: the client's fault
            kind, text = types.MessageType.Warning, f"railguard: ignored a malformed message: {error}"
        else:
            kind, text = types.MessageType.Error, f"railguard: internal error: {describe_exception(error)}"
        with contextlib.suppress(Exception):
            self.window_log_message(types.LogMessageParams(kind, text))

    def log_notices(self, notices: list[Notice]) -> None:
        for notice in notices:
            line = notice.line()
            if line in self.logged:
                continue
            self.logged.add(line)
            self.window_log_message(convert.log_params(notice))

    def folder_for(self, uri: str) -> Folder:
        path = convert.uri_to_path(uri)
        if path is None:  # untitled buffers and other schemes: the first folder, or the current one
            if self.folders.folders:
                return next(iter(self.folders.folders.values()))
            return self.folders.for_path(Path.cwd() / "untitled")
        return self.folders.for_path(path)

    def ensure_loaded(self, folder: Folder) -> Folder:
        """Load the folder's config, rules and baseline once (on the worker thread)."""
        with folder.lock:
            if folder.engine is None:
                folder.load(self.folders.init_options)
                self.on_loop(self.log_notices, list(folder.notices))
        return folder

    def on_loop(self, fn: Any, *args: Any) -> None:
        """Run fn on the event loop: messages to the client are sent from there only."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(fn, *args)

    # ------------------------------------------------------------ scanning

    def scan_snapshot(self, folder: Folder, snap: Snapshot, surface: str, generation: int) -> Outcome:
        """Runs on the worker thread: scan, filter, convert. Never raises."""
        outcome = Outcome(snap.version, generation)
        try:
            self.ensure_loaded(folder)
            if folder.excluded(snap.view.path, convert.uri_to_path(snap.view.uri)):
                return outcome
            assert folder.engine is not None
            doc = snap.document
            edits = snap.edits if surface == "editor" else None
            result = incremental.scan(folder.engine, doc, surface, snap.base, edits, snap.old_tree,
                                      snap.base_data)
            if doc.has_tree and not result.skipped:
                with contextlib.suppress(RailguardError):  # a grammar that cannot load: in the notices
                    _ = doc.tree  # parsed here, off the loop, for the buffer to adopt
            raw = result.findings
            outcome.raw = None if result.skipped else result.base
            findings = folder.policy.select_findings(raw, folder.threshold, folder.baseline)
            outcome.findings = findings
            outcome.notices = result.notices
            docs_url = folder.config.get("docs-url")
            outcome.diagnostics = [convert.diagnostic(f, snap.view, snap.version, folder.config.root, docs_url,
                                                      self.support) for f in findings]
        except Exception as exc:  # the server must outlive any bug in a scan
            # the frames, not the message: it may quote the buffer's text (and a secret in it)
            log.error("scan failed: %s\n%s", describe_exception(exc), "".join(traceback.format_tb(exc.__traceback__)))
            outcome.notices.append(Notice(snap.view.path, f"scan failed: {describe_exception(exc)}", "error"))
        return outcome

    def schedule_scan(self, uri: str, delay: float = 0.0, surface: str = "editor") -> asyncio.Task | None:
        buffer = self.buffers.get(uri)
        if buffer is None:
            return None
        folder = self.folder_for(uri)
        generation = self.generation

        def snapshot() -> Snapshot | None:
            b = self.buffers.get(uri)
            return b.snapshot() if b is not None else None

        def is_current(snap: Snapshot) -> bool:
            b = self.buffers.get(uri)
            return b is not None and b.version == snap.version and self.generation == generation

        def deliver(snap: Snapshot, outcome: Outcome) -> None:
            b = self.buffers.get(uri)
            if b is not None:
                b.adopt(snap, outcome.raw)
                release_trees(self.buffers.values())
            self.outcomes[uri] = outcome
            self.log_notices(outcome.notices)
            language = snap.document.language
            if snap.document.has_tree and (id(folder.engine), language) not in self.warmed:
                self.warmed.add((id(folder.engine), language))
                self.executor.submit(folder.warm_up, language)
            if not self.pull:
                self.publish(uri, outcome.diagnostics, outcome.version)

        return self.scheduler.schedule(
            uri, delay, snapshot, lambda snap: self.scan_snapshot(folder, snap, surface, generation),
            is_current, deliver, gate=self.ready,
        )

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version))

    async def current_outcome(self, uri: str, scan: bool = True) -> Outcome | None:
        """The outcome for the buffer's current version, scanning now if there is none
        (with scan=False: the latest outcome there is, of whatever version)."""
        for _ in range(20):
            buffer = self.buffers.get(uri)
            if buffer is None:
                return None
            outcome = self.outcomes.get(uri)
            if outcome is not None and outcome.version == buffer.version and outcome.generation == self.generation:
                return outcome
            if not scan and outcome is not None:
                return outcome
            task = self.scheduler.pending(uri) or self.schedule_scan(uri)
            if task is None:
                return None
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(task)
        return self.outcomes.get(uri)

    def rescan_all(self) -> None:
        self.generation += 1
        for uri, buffer in list(self.buffers.items()):
            buffer.forget_findings()
            self.schedule_scan(uri)
        if self.pull and self.refresh_supported():
            self.workspace_diagnostic_refresh(None)

    def refresh_supported(self) -> bool:
        ws = self.client_capabilities.workspace
        return bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)

    # ------------------------------------------------------------ settings

    async def fetch_configuration(self) -> None:
        """Ask the client for the `railguard` section of every folder (if it can answer)."""
        ws = self.client_capabilities.workspace
        if not (ws and ws.configuration):
            return
        folders = list(self.folders.folders.values())
        if not folders:
            return
        items = [types.ConfigurationItem(scope_uri=f.uri or None, section="railguard") for f in folders]
        try:
            answers = await asyncio.wait_for(
                self.workspace_configuration_async(types.ConfigurationParams(items=items)), timeout=5)
        except Exception as exc:
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning,
                                                           f"railguard: workspace/configuration failed: {exc}"))
            return
        for folder, answer in zip(folders, answers or [], strict=False):
            folder.client_settings = client_section(answer) if isinstance(answer, dict) else {}

    async def reload_folders(self, folders: list[Folder] | None = None) -> None:
        targets = folders if folders is not None else self.folders.all()
        loop = asyncio.get_running_loop()
        for folder in targets:
            await loop.run_in_executor(self.executor, self._reload_folder, folder)
        self.rescan_all()

    def _reload_folder(self, folder: Folder) -> None:
        with folder.lock:
            folder.load(self.folders.init_options)
            self.on_loop(self.log_notices, list(folder.notices))

    # ------------------------------------------------------------ workspace scan

    async def workspace_scan(self, folder: Folder) -> tuple[int, int]:
        """Publish findings for files that are not open, one file per job (pushed, also to a
        pull client: it pulls only open documents). Returns (files scanned, findings)."""
        from railguard.vcs import collect_files

        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.executor, self.ensure_loaded, folder)
        files, _notices = await loop.run_in_executor(self.executor, collect_files, [str(folder.root)], folder.config)
        scanned = found = 0
        for sf in files:
            if sf.location is None:
                continue
            uri = convert.path_to_uri(sf.location)
            if uri in self.buffers:
                continue
            diagnostics = await loop.run_in_executor(self.executor, self._scan_file, folder, sf.location, uri)
            scanned += 1
            found += len(diagnostics)
            if uri not in self.buffers and (diagnostics or uri in self.workspace_published):
                self.workspace_published.add(uri)
                self.publish(uri, diagnostics, None)
        return scanned, found

    def _scan_file(self, folder: Folder, path: Path, uri: str) -> list[types.Diagnostic]:
        try:
            text = path.read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            return []
        buffer = Buffer(uri, folder.display_path(path), text, 0, encoding=self.encoding)
        return self.scan_snapshot(folder, buffer.snapshot(), "editor", self.generation).diagnostics


server = RailguardServer()


def _encoding_name(value: Any) -> str:
    return str(getattr(value, "value", value) or "utf-16")


# ---------------------------------------------------------------- lifecycle


@server.feature(types.INITIALIZE)
def initialize(ls: RailguardServer, params: types.InitializeParams) -> None:
    ls.loop = asyncio.get_running_loop()
    ls.encoding = _encoding_name(ls.workspace.position_encoding)
    ls.folders = Folders(params.initialization_options if isinstance(params.initialization_options, dict) else {})
    for wf in params.workspace_folders or []:
        path = convert.uri_to_path(wf.uri)
        if path is not None:
            ls.folders.add(path, wf.uri)
    if not ls.folders.folders and params.root_uri:
        path = convert.uri_to_path(params.root_uri)
        if path is not None:
            ls.folders.add(path, params.root_uri)
    td = params.capabilities.text_document
    ls.pull = bool(td and td.diagnostic is not None)
    ls.support = convert.DiagnosticSupport.of(params.capabilities, ls.pull)
    if ls.pull:
        ls.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                   types.DiagnosticOptions(inter_file_dependencies=False, workspace_diagnostics=False,
                                           identifier="railguard"))(pull_diagnostics)
    ls.ready = asyncio.Event()
    # load rules while the client finishes its handshake (and answers workspace/configuration)
    for folder in ls.folders.folders.values():
        ls.executor.submit(ls.ensure_loaded, folder)
    ws = params.capabilities.workspace
    if not (ws and ws.configuration):
        ls.ready.set()


@server.feature(types.INITIALIZED)
async def initialized(ls: RailguardServer, params: types.InitializedParams) -> None:
    ws = ls.client_capabilities.workspace
    if ws and ws.did_change_watched_files and ws.did_change_watched_files.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in (*CONFIG_FILES, DEFAULT_BASELINE)]
        with contextlib.suppress(Exception):
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(id="railguard-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
            ]))
    try:
        if ws and ws.configuration:
            await ls.fetch_configuration()
        for folder in list(ls.folders.folders.values()):
            await asyncio.get_running_loop().run_in_executor(ls.executor, ls.ensure_loaded, folder)
            if not folder.resolve_settings(ls.folders.init_options):  # another config file
                await asyncio.get_running_loop().run_in_executor(ls.executor, ls._reload_folder, folder)
    finally:
        if ls.ready is not None:
            ls.ready.set()  # scans of documents opened meanwhile start now
    with contextlib.suppress(Exception):  # the opt-in resident hook process (railguard daemon)
        from railguard.resident.client import start_if_enabled

        start_if_enabled()
    for folder in list(ls.folders.folders.values()):
        if folder.settings.workspace_scan:
            asyncio.get_running_loop().create_task(ls.workspace_scan(folder))


@server.feature(types.SHUTDOWN)
def shutdown(ls: RailguardServer, params: Any) -> None:
    ls.scheduler.cancel_all()


@server.feature(types.EXIT)
def exit_now(ls: RailguardServer, params: Any) -> None:
    # pygls would join its stdin reader thread, which blocks until the client closes the
    # pipe (editors wait up to seconds for that). Every message is flushed when written.
    sys.stdout.flush()
    os._exit(0 if ls.protocol._shutdown else 1)


# ---------------------------------------------------------------- documents


def _open_buffer(ls: RailguardServer, doc: types.TextDocumentItem) -> Buffer:
    folder = ls.folder_for(doc.uri)
    path = convert.uri_to_path(doc.uri)
    display = folder.display_path(path) if path is not None else doc.uri.rsplit("/", 1)[-1] or "untitled"
    return Buffer(doc.uri, display, doc.text, doc.version, LANGUAGE_IDS.get(doc.language_id), ls.encoding)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: RailguardServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.buffers[params.text_document.uri] = _open_buffer(ls, params.text_document)
    refresh = False
    if params.text_document.uri in ls.workspace_published:  # a workspace scan pushed its findings
        ls.workspace_published.discard(params.text_document.uri)
        if ls.pull:  # from now on they are pulled: clear the pushed ones, or they show twice
            ls.publish(params.text_document.uri, [], None)
            refresh = True
    ls.outcomes.pop(params.text_document.uri, None)
    task = ls.schedule_scan(params.text_document.uri)
    if refresh and task is not None and ls.refresh_supported():
        # a pull that raced the clearing would leave the file empty: ask the client to pull again
        task.add_done_callback(lambda _t: ls.workspace_diagnostic_refresh(None))


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: RailguardServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    buffer = ls.buffers.get(uri)
    if buffer is None:
        ls.log_notices([Notice(uri, "change for a document that is not open (ignored)", "warning")])
        return
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            r = change.range
            buffer.apply_change((r.start.line, r.start.character), (r.end.line, r.end.character), change.text)
        else:
            buffer.replace_all(change.text, buffer.version)
    buffer.version = params.text_document.version
    folder = ls.folder_for(uri)
    if folder.settings.scan_on == "type":
        ls.schedule_scan(uri, folder.settings.debounce_ms / 1000.0)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: RailguardServer, params: types.DidSaveTextDocumentParams) -> None:
    # on save the analyzers that only run then (semgrep) join in
    ls.schedule_scan(params.text_document.uri, 0.0, surface="save")


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RailguardServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.scheduler.cancel(uri)
    ls.buffers.pop(uri, None)
    ls.outcomes.pop(uri, None)
    if not ls.pull:
        ls.publish(uri, [], None)


async def pull_diagnostics(ls: RailguardServer, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
    folder = ls.folder_for(params.text_document.uri)
    outcome = await ls.current_outcome(params.text_document.uri, scan=folder.settings.scan_on == "type")
    if outcome is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    result_id = f"{outcome.version}.{outcome.generation}"
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=outcome.diagnostics, result_id=result_id)


# ---------------------------------------------------------------- hover and code actions


def _contains(r: types.Range, p: types.Position) -> bool:
    return (r.start.line, r.start.character) <= (p.line, p.character) <= (r.end.line, r.end.character)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: RailguardServer, params: types.HoverParams) -> types.Hover | None:
    outcome = await ls.current_outcome(params.text_document.uri)
    if outcome is None:
        return None
    folder = ls.folder_for(params.text_document.uri)
    rules = folder.engine.rules_by_id if folder.engine else {}
    parts: list[str] = []
    shown: set[str] = set()
    hit: types.Range | None = None
    for diag in outcome.diagnostics:
        rule_id = str(diag.code)
        if _contains(diag.range, params.position) and rule_id in rules and rule_id not in shown:
            shown.add(rule_id)
            parts.append(convert.hover_markdown(rules[rule_id]))
            hit = hit or diag.range
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), hit)


def _wants(only: list[str] | None, kind: str) -> bool:
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False))
async def code_action(ls: RailguardServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    buffer = ls.buffers.get(uri)
    if buffer is None:
        return None
    only = list(params.context.only) if params.context.only else None
    result: list[types.CodeAction] = []
    if _wants(only, types.CodeActionKind.QuickFix.value):
        for diag in params.context.diagnostics:
            if diag.source != convert.SOURCE:
                continue
            if not isinstance(diag.data, dict):  # a client that drops `data`: use the one we sent
                diag = _published(ls, uri, diag) or diag
            if isinstance(diag.data, dict):
                result += _quick_fixes(ls, buffer, diag)
    if only is not None and _wants(only, FIX_ALL_KIND):  # a source action: only when asked for
        fix_all = await _fix_all(ls, uri)
        if fix_all is not None:
            result.append(fix_all)
    return result


def _published(ls: RailguardServer, uri: str, diag: types.Diagnostic) -> types.Diagnostic | None:
    outcome = ls.outcomes.get(uri)
    for d in outcome.diagnostics if outcome else []:
        if d.code == diag.code and d.range == diag.range:
            return d
    return None


def _quick_fixes(ls: RailguardServer, buffer: Buffer, diag: types.Diagnostic) -> list[types.CodeAction]:
    data = diag.data
    rule_id = str(data.get("rule") or diag.code or "")
    version = data.get("v")
    out: list[types.CodeAction] = []
    fix = data.get("fix")
    if isinstance(fix, dict) and version == buffer.version:
        edits = []
        for item in fix.get("edits", []):
            rng = convert.range_from_list(item[:4]) if isinstance(item, list) and len(item) == 5 else None
            if rng is not None and isinstance(item[4], str):
                edits.append(types.TextEdit(rng, item[4]))
        if edits:
            out.append(types.CodeAction(
                title=f"{fix.get('title') or 'Apply the fix'} ({rule_id})", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag], is_preferred=bool(fix.get("safe", True)),
                edit=convert.workspace_edit(buffer.uri, buffer.version, edits)))
    if data.get("secret") and version == buffer.version and isinstance(data.get("bytes"), list):
        start, end = data["bytes"]
        planned = actions.env_var_edits(buffer, buffer.language, start, end, rule_id)
        if planned is not None:
            name, edits = planned
            out.append(types.CodeAction(
                title=f"Replace with an environment variable lookup ({name})", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag], is_preferred=not out,
                edit=convert.workspace_edit(buffer.uri, buffer.version,
                                            [convert.text_edit(buffer, e.start, e.end, e.text) for e in edits])))
    suppress = actions.suppress_edit(buffer, buffer.language, diag.range.start.line, rule_id)
    if suppress is not None:
        out.append(types.CodeAction(
            title=f"Suppress {rule_id} on this line", kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
            edit=convert.workspace_edit(buffer.uri, buffer.version,
                                        [convert.text_edit(buffer, suppress.start, suppress.end, suppress.text)])))
    if data.get("fp"):
        out.append(types.CodeAction(
            title=f"Add {rule_id} here to the baseline", kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
            command=types.Command(title="Add to the railguard baseline", command=CMD_ADD_TO_BASELINE,
                                  arguments=[buffer.uri, rule_id, data["fp"]])))
    return out


async def _fix_all(ls: RailguardServer, uri: str) -> types.CodeAction | None:
    outcome = await ls.current_outcome(uri)
    buffer = ls.buffers.get(uri)
    if outcome is None or buffer is None or outcome.version != buffer.version:
        return None
    edits = actions.fix_all_edits(outcome.findings)
    if not edits:
        return None
    return types.CodeAction(
        title="Apply every safe railguard fix", kind=FIX_ALL_KIND,
        edit=convert.workspace_edit(uri, buffer.version,
                                    [convert.text_edit(buffer, e.start, e.end, e.text) for e in edits]))


@server.command(CMD_ADD_TO_BASELINE)
async def add_to_baseline(ls: RailguardServer, uri: str, rule_id: str, fingerprint: str) -> bool:
    buffer = ls.buffers.get(uri)
    folder = ls.folder_for(uri)
    path = convert.uri_to_path(uri)
    display = buffer.path if buffer is not None else (folder.display_path(path) if path else uri)
    loop = asyncio.get_running_loop()
    try:
        added = await loop.run_in_executor(ls.executor, actions.add_to_baseline, folder.baseline_path,
                                           display, rule_id, fingerprint)
    except Exception as exc:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"railguard: {exc}"))
        return False
    await loop.run_in_executor(ls.executor, folder.load_baseline)
    ls.rescan_all()
    return added


@server.command(CMD_SCAN_WORKSPACE)
async def scan_workspace(ls: RailguardServer, *args: Any) -> dict[str, int]:
    """Scan every workspace folder now (files that are open are scanned as they change)."""
    files = findings = 0
    for folder in list(ls.folders.folders.values()):
        scanned, found = await ls.workspace_scan(folder)
        files, findings = files + scanned, findings + found
    return {"files": files, "findings": findings}


@server.command(CMD_EXPLAIN_RULE)
async def explain_rule(ls: RailguardServer, *args: Any) -> str | None:
    """Arguments: a rule id and, optionally, a document URI whose folder's rules apply.
    The rule's documentation as Markdown, or None."""
    rule_id, scope_uri = (*args, None, None)[:2]
    if not isinstance(rule_id, str):
        return None
    folder = ls.folder_for(scope_uri) if isinstance(scope_uri, str) and scope_uri else (
        next(iter(ls.folders.folders.values()), None) or ls.folder_for("untitled:explain"))
    await asyncio.get_running_loop().run_in_executor(ls.executor, ls.ensure_loaded, folder)
    rule = folder.engine.rules_by_id.get(rule_id) if folder.engine else None
    return f"# {rule.id}\n\n{convert.hover_markdown(rule)}" if rule is not None else None


# ---------------------------------------------------------------- workspace


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: RailguardServer, params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings
    if isinstance(settings, dict) and settings:
        section = client_section(settings)
        for folder in ls.folders.all():
            folder.client_settings = dict(section)
    await ls.fetch_configuration()
    await ls.reload_folders()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(ls: RailguardServer, params: types.DidChangeWatchedFilesParams) -> None:
    touched: list[Folder] = []
    for change in params.changes:
        path = convert.uri_to_path(change.uri)
        if path is None:
            continue
        for folder in ls.folders.all():
            config_here = path.name in CONFIG_FILES and (path.parent == folder.root or path.parent in folder.root.parents)
            if (config_here or str(path) == folder.config.source or path == folder.baseline_path) and folder not in touched:
                touched.append(folder)
    if touched:
        await ls.reload_folders(touched)


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
async def did_change_workspace_folders(ls: RailguardServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    for wf in params.event.removed:
        path = convert.uri_to_path(wf.uri)
        if path is not None:
            ls.folders.remove(path)
    added = []
    for wf in params.event.added:
        path = convert.uri_to_path(wf.uri)
        if path is not None:
            added.append(ls.folders.add(path, wf.uri))
    await ls.fetch_configuration()
    await ls.reload_folders(added)
