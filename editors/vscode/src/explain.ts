// "railguard: Explain rule": the rule's documentation from the server, shown as a Markdown preview.
import * as vscode from "vscode";
import { ExecuteCommandRequest, type LanguageClient } from "vscode-languageclient/node";

export const SCHEME = "railguard-rule";
const SERVER_EXPLAIN_RULE = "railguard.server.explainRule";

/** The rule ids of the railguard diagnostics under the cursor, else of the whole file. */
function candidateRules(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return [];
  }
  const ids: string[] = [];
  const all = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === "railguard");
  const here = all.filter((d) => d.range.contains(editor.selection.active));
  for (const d of here.length > 0 ? here : all) {
    const code = typeof d.code === "object" ? d.code.value : d.code;
    if (code !== undefined && !ids.includes(String(code))) {
      ids.push(String(code));
    }
  }
  return ids;
}

async function pickRule(): Promise<string | undefined> {
  const ids = candidateRules();
  if (ids.length === 1) {
    return ids[0];
  }
  if (ids.length > 1) {
    return vscode.window.showQuickPick(ids, { placeHolder: "Explain which railguard rule?" });
  }
  return vscode.window.showInputBox({ prompt: "railguard rule id", placeHolder: "python.yaml-load" });
}

export class RuleDocs implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ruleId = decodeURIComponent(uri.path.replace(/^\//, "").replace(/\.md$/, ""));
    const c = this.client();
    if (!c || !c.isRunning()) {
      return `# ${ruleId}\n\nThe railguard language server is not running.`;
    }
    const scope = new URLSearchParams(uri.query).get("scope") ?? undefined;
    const md = await c.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_EXPLAIN_RULE,
      arguments: scope ? [ruleId, scope] : [ruleId],
    });
    return typeof md === "string" ? md : `# ${ruleId}\n\nrailguard has no rule with this id.`;
  }
}

export async function explainRule(client: LanguageClient | undefined, ruleId?: string): Promise<void> {
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage("railguard: the language server is not running.");
    return;
  }
  const id = typeof ruleId === "string" && ruleId ? ruleId : await pickRule();
  if (!id) {
    return;
  }
  const scope = vscode.window.activeTextEditor?.document.uri.toString();
  const uri = vscode.Uri.from({
    scheme: SCHEME,
    path: `/${id}.md`,
    query: scope ? new URLSearchParams({ scope }).toString() : "",
  });
  await vscode.commands.executeCommand("markdown.showPreview", uri);
}
