import * as vscode from 'vscode';
import type { BibliographyTexts } from '../core/bibliographyTexts';
import { nearestQuartoYaml } from './quarto';
import { frontMatterBibliography, frontMatterReferences, quartoBibliography, type BibliographySettings } from '../core/bibliographySettings';

/**
 * Reads a document's bibliography through the workspace file system (so also in the browser): the
 * files its front matter names, or else those of the `_quarto.yml` of its Quarto project, relative to
 * the file that names them, and the items either holds under `references:`. A file is read again
 * only when its modification time or size changes.
 */
export class WorkspaceBibliographies {
  private readonly files = new Map<string, { mtime: number; size: number; text: string }>();

  constructor(private readonly problem: (file: string, message: string) => void) {}

  async textsFor(uri: vscode.Uri, text: string, root: vscode.Uri): Promise<BibliographyTexts | undefined> {
    const own = frontMatterBibliography(text);
    const documentDir = vscode.Uri.joinPath(uri, '..');
    const project = own?.bibliography.length && own.csl ? undefined : await this.quartoSettings(uri, root);
    const [base, paths] = own?.bibliography.length ? [documentDir, own.bibliography] : [project?.dir, project?.settings.bibliography ?? []];
    // Inline references (`references:`) first: they win a key they share with a file, as in Pandoc.
    const files: BibliographyTexts['files'] = [
      ...(own?.inlineReferences ? [{ file: uri.path, text: frontMatterReferences(text)!, inline: true }] : []),
      ...(project?.settings.inlineReferences ? [{ file: project.file.path, text: project.text, inline: true }] : []),
    ];
    const inline = files.length;
    if (paths.length === 0 && inline === 0) return undefined;
    for (const path of paths) {
      const file = vscode.Uri.joinPath(base!, path);
      const read = await this.read(file);
      if (read !== undefined) files.push({ file: file.path, text: read });
      else this.problem(vscode.workspace.asRelativePath(file, false), 'no such bibliography file');
    }
    // A key may be in a file that could not be read: citations are not checked against the others alone.
    if (files.length - inline < paths.length) return undefined;
    const [styleBase, csl] = own?.csl ? [documentDir, own.csl] : project?.settings.csl ? [project.dir, project.settings.csl] : [];
    const styleFile = csl ? vscode.Uri.joinPath(styleBase!, csl) : undefined;
    const style = styleFile && (await this.read(styleFile));
    return { files, ...(styleFile && style !== undefined ? { style: { file: styleFile.path, text: style } } : {}) };
  }

  private async quartoSettings(uri: vscode.Uri, root: vscode.Uri): Promise<{ settings: BibliographySettings; dir: vscode.Uri; file: vscode.Uri; text: string } | undefined> {
    const project = await nearestQuartoYaml(uri, root, (file) => this.read(file));
    const settings = project && quartoBibliography(project.text);
    return settings && { settings, dir: project!.dir, file: vscode.Uri.joinPath(project!.dir, '_quarto.yml'), text: project!.text };
  }

  private async read(file: vscode.Uri): Promise<string | undefined> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(file);
    } catch {
      return undefined;
    }
    const key = file.toString();
    const cached = this.files.get(key);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached.text;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    this.files.set(key, { mtime: stat.mtime, size: stat.size, text });
    return text;
  }
}
