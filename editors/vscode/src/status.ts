// The status-bar item: the server's state and the number of railguard findings in VS Code.
import * as vscode from "vscode";

export type ServerState = "starting" | "running" | "stopped" | "failed";

const ICONS: Record<ServerState, string> = {
  starting: "$(loading~spin)",
  running: "$(shield)",
  stopped: "$(circle-slash)",
  failed: "$(error)",
};

export function countFindings(): number {
  let n = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    n += diagnostics.filter((d) => d.source === "railguard").length;
  }
  return n;
}

export class StatusItem implements vscode.Disposable {
  state: ServerState = "starting";
  private detail = "";
  private readonly item: vscode.StatusBarItem;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.item = vscode.window.createStatusBarItem("railguard.status", vscode.StatusBarAlignment.Left, 50);
    this.item.name = "railguard";
    this.item.command = "railguard.showOutput";
    this.listener = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  set(state: ServerState, detail = ""): void {
    this.state = state;
    this.detail = detail;
    this.render();
  }

  private render(): void {
    const count = countFindings();
    const findings = `${count} finding${count === 1 ? "" : "s"}`;
    this.item.text = this.state === "running" ? `${ICONS.running} railguard ${count}` : `${ICONS[this.state]} railguard`;
    this.item.tooltip = `railguard: server ${this.state}${this.detail ? ` (${this.detail})` : ""}; ${findings}. Click for the output.`;
    this.item.backgroundColor =
      this.state === "failed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
