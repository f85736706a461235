// Finding the railguard server: the `railguard.path` setting, else `railguard` on PATH, else the
// Python extension's selected interpreter (`python -I -m railguard`). No Python is bundled.
import { execFile } from "node:child_process";
import { constants as fsConstants, promises as fs } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

export type Source = "setting" | "PATH" | "Python extension";

export interface ServerCommand {
  command: string;
  args: string[]; // without the trailing "lsp"
  source: Source;
}

export type Discovery = { ok: true; server: ServerCommand } | { ok: false; problem: string };

export const INSTALL_HINT =
  "Install it with `python3 -m pip install railguard` (or `pipx install railguard`), or set `railguard.path`.";

async function isExecutable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      return false;
    }
    await fs.access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable named `name` on PATH (what a spawn of the bare name would run). */
export async function which(name: string, envPath = process.env.PATH ?? ""): Promise<string | undefined> {
  if (name.includes("/") || name.includes(path.sep)) {
    return (await isExecutable(name)) ? name : undefined;
  }
  const exts = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (await isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** Runs `command ...args --version`; the version line, or undefined when it does not answer as railguard. */
export function probeVersion(command: string, args: string[], cwd?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, [...args, "--version"], { timeout: 15000, cwd }, (error, stdout) => {
      const line = String(stdout).trim().split("\n")[0] ?? "";
      resolve(!error && /railguard/i.test(line) ? line : undefined);
    });
  });
}

function settingCommand(value: unknown): string[] {
  if (typeof value === "string") {
    return value.trim() ? [value.trim()] : [];
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.length > 0) : [];
}

function expandHome(p: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  return home && (p === "~" || p.startsWith("~/")) ? path.join(home, p.slice(1)) : p;
}

async function pythonInterpreter(resource: vscode.Uri | undefined, log: (line: string) => void): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension("ms-python.python");
  if (!ext) {
    return undefined;
  }
  try {
    // imported lazily: it is only needed (and only works) when the Python extension is there
    const { PythonExtension } = await import("@vscode/python-extension");
    const api = await PythonExtension.api();
    const env = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(resource));
    return env?.executable.uri?.fsPath;
  } catch (err) {
    log(`the Python extension did not give an interpreter: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

export async function discover(resource: vscode.Uri | undefined, log: (line: string) => void): Promise<Discovery> {
  const config = vscode.workspace.getConfiguration("railguard", resource);
  const configured = settingCommand(config.get("path")).map(expandHome);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (configured.length > 0) {
    const [command, ...args] = configured;
    const resolved = await which(command);
    if (!resolved) {
      return { ok: false, problem: `railguard.path names \`${command}\`, which is not an executable file.` };
    }
    return { ok: true, server: { command: resolved, args, source: "setting" } };
  }
  const onPath = await which("railguard");
  if (onPath) {
    return { ok: true, server: { command: onPath, args: [], source: "PATH" } };
  }
  log("`railguard` is not on PATH; trying the Python extension's selected interpreter");
  const python = await pythonInterpreter(resource, log);
  if (python) {
    const args = ["-I", "-m", "railguard"]; // isolated: a railguard/ folder in the workspace is never imported
    if (await probeVersion(python, args, cwd)) {
      return { ok: true, server: { command: python, args, source: "Python extension" } };
    }
    return {
      ok: false,
      problem: `railguard is not on PATH and not installed for the selected interpreter (${python}).`,
    };
  }
  return { ok: false, problem: "railguard is not on PATH and no Python interpreter is selected." };
}
