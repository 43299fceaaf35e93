import * as vscode from 'vscode';

/** The `_quarto.yml` of the Quarto project around `uri`, nearest first up to `root`: its folder and text. */
export async function nearestQuartoYaml(uri: vscode.Uri, root: vscode.Uri, read: (file: vscode.Uri) => Promise<string | undefined>): Promise<{ dir: vscode.Uri; text: string } | undefined> {
  for (let dir = vscode.Uri.joinPath(uri, '..'); dir.path.startsWith(root.path); dir = vscode.Uri.joinPath(dir, '..')) {
    const text = await read(vscode.Uri.joinPath(dir, '_quarto.yml'));
    if (text !== undefined) return { dir, text };
    if (dir.path === root.path) break;
  }
  return undefined;
}
