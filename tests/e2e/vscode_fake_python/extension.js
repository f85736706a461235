// Test-only stand-in for the Python extension's environments API (see README.md).
const vscode = require("vscode");

function interpreter() {
  const value = vscode.workspace.getConfiguration("fakePython").get("interpreter");
  return typeof value === "string" ? value : "";
}

function activate() {
  return {
    ready: Promise.resolve(),
    environments: {
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
