import * as vscode from 'vscode';

/** The commands a rendered card or rule page may run from its links. */
const LINK_COMMANDS = ['medlint.showDefinition', 'medlint.openRuleDocs'];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** What the rendered view shows, for tests and the extension's API. */
export interface RenderedPage {
  title: string;
  markdown: string;
  html: string;
}

/**
 * One read-only webview beside the editor for reference cards and rule documentation, rendered by
 * VS Code's own Markdown renderer. It is no text document, so nothing lints or edits it; links
 * between cards are command links.
 */
export class RenderedView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  shown: RenderedPage | undefined;

  async show(title: string, markdown: string): Promise<void> {
    let body: string;
    try {
      body = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    } catch {
      // The built-in Markdown extension is disabled: show the card's text as it is.
      body = `<pre>${escapeHtml(markdown)}</pre>`;
    }
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('medlint.rendered', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableCommandUris: LINK_COMMANDS, enableFindWidget: true });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
    }
    const { webview } = this.panel;
    this.panel.title = title;
    webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src ${webview.cspSource} https:;">
<style>body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.5; max-width: 52em; padding: 0 1.5em 2em; } code, pre { font-family: var(--vscode-editor-font-family); } pre { white-space: pre-wrap; background: var(--vscode-textCodeBlock-background); padding: 0.5em; } li { margin: 0.2em 0; }</style>
<title>${escapeHtml(title)}</title></head>
<body>${body}</body></html>`;
    this.shown = { title, markdown, html: body };
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
