// Test-only stand-in for the Python extension's environments API (see README.md).
const vscode = require("vscode");

function interpreter() {
  const value = vscode.workspace.getConfiguration("fakePython").get("interpreter");
  return typeof value === "string" ? value : "";
}

function activate(context) {
  const changed = new vscode.EventEmitter();
  context.subscriptions.push(
    changed,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("fakePython.interpreter")) {
        const p = interpreter();
        changed.fire({ id: p, path: p });
      }
    }),
  );
  return {
    ready: Promise.resolve(),
    environments: {
      onDidChangeActiveEnvironmentPath: changed.event,
      getActiveEnvironmentPath() {
        const p = interpreter();
        return { id: p, path: p };
      },
      async resolveEnvironment(env) {
        const p = typeof env === "string" ? env : env && env.path;
        return p ? { id: p, path: p, executable: { uri: vscode.Uri.file(p), bitness: "64-bit", sysPrefix: "" } } : undefined;
      },
    },
  };
}

module.exports = { activate, deactivate() {} };
