// Test-only: writes VS Code's view of railguard (diagnostics, documents, server state) to a
// JSON file, so the end-to-end test asserts on VS Code's API, not only on the rendered DOM.
const fs = require("fs");
const vscode = require("vscode");

function activate(context) {
  const out = vscode.workspace.getConfiguration("railguardProbe").get("out");
  if (typeof out !== "string" || !out) {
    return;
  }
  const opened = {}; // uri -> ms when VS Code opened the document
  const firstDiagnostic = {}; // uri -> ms of the first railguard diagnostic for it
  const states = []; // [ms, state] of the railguard extension
  let last = "";

  const railguardState = () => {
    const ext = vscode.extensions.getExtension("railguard.railguard");
    if (!ext) return "missing";
    if (!ext.isActive || !ext.exports) return "inactive";
    return ext.exports.state();
  };

  const write = () => {
    const now = Date.now();
    const state = railguardState();
    if (!states.length || states[states.length - 1][1] !== state) states.push([now, state]);
    const diagnostics = [];
    for (const [uri, list] of vscode.languages.getDiagnostics()) {
      for (const d of list) {
        if (d.source !== "railguard") continue;
        const key = uri.toString();
        if (!(key in firstDiagnostic)) firstDiagnostic[key] = now;
        diagnostics.push({
          uri: key,
          code: String(typeof d.code === "object" && d.code ? d.code.value : d.code),
          message: d.message,
          line: d.range.start.line,
          character: d.range.start.character,
          severity: d.severity,
        });
      }
    }
    const documents = {};
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === "file") documents[doc.uri.toString()] = doc.getText();
    }
    const ext = vscode.extensions.getExtension("railguard.railguard");
    const server = ext && ext.isActive && ext.exports ? ext.exports.server() || null : null;
    const body = JSON.stringify({ diagnostics, documents, opened, firstDiagnostic, states, state, server });
    if (body === last) return;
    last = body;
    fs.writeFileSync(out + ".tmp", JSON.stringify({ time: now, ...JSON.parse(body) }));
    fs.renameSync(out + ".tmp", out);
  };

  for (const doc of vscode.workspace.textDocuments) opened[doc.uri.toString()] = Date.now();
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      const key = doc.uri.toString();
      if (!(key in opened)) opened[key] = Date.now();
      write();
    }),
    vscode.workspace.onDidChangeTextDocument(() => write()),
    vscode.languages.onDidChangeDiagnostics(() => write()),
  );
  const timer = setInterval(write, 50); // the railguard state has no event
  context.subscriptions.push({ dispose: () => clearInterval(timer) });
  write();
}

module.exports = { activate, deactivate() {} };
