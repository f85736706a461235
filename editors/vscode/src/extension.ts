// The railguard extension: starts `railguard lsp` over stdio and wires VS Code to it.
// Diagnostics, quick fixes, hover docs and `source.fixAll.railguard` are the server's LSP features.
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { discover, INSTALL_HINT, type ServerCommand } from "./discovery";
import { explainRule, RuleDocs, SCHEME } from "./explain";
import { StatusItem } from "./status";

const SETTINGS = ["scanOn", "debounceMs", "severity", "confidence", "workspaceScan", "configFile"] as const;
const LANGUAGES = [
  "python", "javascript", "javascriptreact", "typescript", "typescriptreact", "java", "go",
  "yaml", "json", "jsonc", "toml", "ini", "properties", "dotenv", "dockerfile", "shellscript", "markdown",
];
// text and secrets rules: files whose language VS Code may not know by name
const PATTERNS = [
  "**/.env", "**/.env.*", "**/*.env", "**/Dockerfile", "**/Dockerfile.*", "**/Containerfile",
  "**/.cursorrules", "**/.windsurfrules", "**/.clinerules", "**/.npmrc", "**/.pypirc", "**/Pipfile",
];
const RESTART_WINDOW_MS = 3 * 60 * 1000;
const SERVER_SCAN_WORKSPACE = "railguard.server.scanWorkspace";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: StatusItem;
let server: ServerCommand | undefined;
let starting: Promise<void> | undefined;

/** What other extensions (and the end-to-end test) can ask. */
export interface RailguardApi {
  state(): "starting" | "running" | "stopped" | "failed";
  server(): ServerCommand | undefined;
}

function settingsSection(resource?: vscode.Uri): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("railguard", resource);
  const out: Record<string, unknown> = {};
  for (const key of SETTINGS) {
    out[key] = config.get(key);
  }
  return out;
}

/** Restarts a crashed server up to `railguard.maxRestarts` times in three minutes, then says so. */
class RestartLimit {
  private crashes: number[] = [];
  constructor(private readonly max: () => number) {}

  error(err: Error): { action: ErrorAction; handled: boolean } {
    // a write to a server that has just exited: closed() follows and decides; log, do not pop up
    output.warn(`connection to the server: ${err.message}`);
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): { action: CloseAction; message?: string; handled?: boolean } {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const max = this.max();
    if (this.crashes.length <= max) {
      output.warn(`the server stopped unexpectedly; restarting it (${this.crashes.length} of ${max})`);
      status.set("starting");
      return { action: CloseAction.Restart, handled: true };
    }
    const text =
      `railguard: the server crashed ${this.crashes.length} times in three minutes and was not restarted. ` +
      "See its output, then run “railguard: Restart server”.";
    output.error(text);
    status.set("failed", "the server crashed repeatedly");
    void notifyWithOutput(text, "error");
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  reset(): void {
    this.crashes = [];
  }
}

async function notifyWithOutput(text: string, kind: "error" | "warning"): Promise<void> {
  const show = kind === "error" ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const choice = await show(text, "Show output");
  if (choice === "Show output") {
    output.show();
  }
}

const restarts = new RestartLimit(() => vscode.workspace.getConfiguration("railguard").get<number>("maxRestarts", 4));

async function start(): Promise<void> {
  status.set("starting");
  const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const found = await discover(resource, (line) => output.info(line));
  if (!found.ok) {
    const text = `railguard: cannot start the language server. ${found.problem} ${INSTALL_HINT}`;
    output.error(text);
    status.set("failed", found.problem);
    void notifyWithOutput(text, "error");
    return;
  }
  server = found.server;
  output.info(`starting ${[server.command, ...server.args, "lsp"].join(" ")} (from ${server.source})`);
  const serverOptions: ServerOptions = {
    command: server.command,
    args: [...server.args, "lsp"],
    transport: TransportKind.stdio,
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    // files and unsaved buffers only: not diff views, output panes or rule docs
    documentSelector: ["file", "untitled"].flatMap((scheme) => [
      ...LANGUAGES.map((language) => ({ scheme, language })),
      ...PATTERNS.map((pattern) => ({ scheme, pattern })),
    ]),
    // pushed findings (files that are not open, from a workspace scan) in a collection of their
    // own: sharing the name of the pulled ones ("railguard") would let an empty push erase those
    diagnosticCollectionName: "railguard-workspace",
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { railguard: settingsSection(resource) },
    synchronize: { configurationSection: "railguard" },
    errorHandler: restarts,
    initializationFailedHandler: (err) => {
      const text = `railguard: the language server failed to start: ${err instanceof Error ? err.message : String(err)}`;
      output.error(text);
      return false;
    },
  };
  const c = new LanguageClient("railguard", "railguard", serverOptions, clientOptions);
  client = c;
  c.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      status.set("running");
    } else if (e.newState === State.Starting) {
      status.set("starting");
    } else if (status.state !== "failed") {
      status.set("stopped");
    }
  });
  try {
    await c.start();
    const info = c.initializeResult?.serverInfo;
    output.info(`server ${info?.name ?? "railguard"} ${info?.version ?? ""} is running`);
  } catch (err) {
    const text =
      `railguard: the language server \`${[server.command, ...server.args, "lsp"].join(" ")}\` failed to start: ` +
      `${err instanceof Error ? err.message : String(err)}. ${INSTALL_HINT}`;
    output.error(text);
    status.set("failed", "the server failed to start");
    void notifyWithOutput(text, "error");
    client = undefined;
    await c.dispose().catch(() => undefined);
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.dispose(2000);
    } catch (err) {
      output.warn(`stopping the server: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

async function restart(): Promise<void> {
  if (starting) {
    await starting;
  }
  starting = (async () => {
    restarts.reset();
    await stop();
    await start();
  })();
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

async function scanWorkspace(): Promise<void> {
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage("railguard: the language server is not running.");
    return;
  }
  const c = client;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "railguard: scanning the workspace" },
    async () => {
      const result = (await c.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_SCAN_WORKSPACE,
        arguments: [],
      })) as { files?: number; findings?: number } | null;
      if (result) {
        void vscode.window.showInformationMessage(
          `railguard: scanned ${result.files ?? 0} files, ${result.findings ?? 0} findings (see the Problems panel).`,
        );
      }
    },
  );
}

/** When the Python extension's selected interpreter changes, start again if the server came
 * from it (or none was found): the new one may have railguard. */
async function watchPythonInterpreter(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.extensions.getExtension("ms-python.python")) {
    return;
  }
  try {
    const { PythonExtension } = await import("@vscode/python-extension");
    const api = await PythonExtension.api();
    context.subscriptions.push(
      api.environments.onDidChangeActiveEnvironmentPath(() => {
        if (server === undefined || server.source === "Python extension" || status.state === "failed") {
          output.info("the selected Python interpreter changed: restarting the server");
          void restart();
        }
      }),
    );
  } catch (err) {
    output.warn(`cannot follow the Python extension's interpreter: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<RailguardApi> {
  output = vscode.window.createOutputChannel("railguard", { log: true });
  status = new StatusItem();
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("railguard.restartServer", restart),
    vscode.commands.registerCommand("railguard.showOutput", () => output.show()),
    vscode.commands.registerCommand("railguard.scanWorkspace", scanWorkspace),
    vscode.commands.registerCommand("railguard.explainRule", (ruleId?: string) => explainRule(client, ruleId)),
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, new RuleDocs(() => client)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("railguard.path")) {
        output.info("railguard.path changed: restarting the server");
        void restart();
      }
    }),
    { dispose: () => void stop() },
  );
  // not awaited: activation returns at once, the status bar shows the start
  starting = start().finally(() => {
    starting = undefined;
    void watchPythonInterpreter(context);
  });
  return {
    state: () => status.state,
    server: () => server,
  };
}

export async function deactivate(): Promise<void> {
  await stop();
}
