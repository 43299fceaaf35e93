import * as vscode from 'vscode';
import type { BibliographyTexts } from '../core/bibliographyTexts';
import { nearestQuartoYaml } from './quarto';
import { frontMatterBibliography, frontMatterReferences, mergeBibliographySettings, quartoBibliography, type MetadataLayer } from '../core/bibliographySettings';

/** A file that names bibliography settings: where it is, and its text (for `references:`). */
interface NamingFile {
  uri: vscode.Uri;
  text: string;
}

/**
 * Reads a document's bibliography through the workspace file system (so also in the browser), as
 * Quarto merges its metadata (mergeBibliographySettings): the `_quarto.yml` of its Quarto project,
 * each folder's `_metadata.yml` down to the document's, and its front matter; each path relative to
 * the file that names it, and the items each holds under `references:`. A file is read again only
 * when its modification time or size changes.
 */
export class WorkspaceBibliographies {
  private readonly files = new Map<string, { mtime: number; size: number; text: string }>();
  /** Files looked for and not found: creating one is a change too. */
  private readonly missing = new Set<string>();

  constructor(private readonly problem: (file: string, message: string) => void) {}

  async textsFor(uri: vscode.Uri, text: string, root: vscode.Uri): Promise<BibliographyTexts | undefined> {
    const own = frontMatterBibliography(text);
    const document: NamingFile = { uri, text: own?.inlineReferences ? frontMatterReferences(text)! : '' };
    const merged = mergeBibliographySettings([...(await this.projectLayers(uri, root)), { file: document, settings: own }], ({ path, namedIn }) => vscode.Uri.joinPath(namedIn.uri, '..', path));
    if (!merged) return undefined;
    // Inline references (`references:`) first: they win a key they share with a file, as in Pandoc.
    const files: BibliographyTexts['files'] = merged.inline.map((naming) => ({ file: naming.uri.path, text: naming.text, inline: true }));
    let complete = true;
    for (const { location: file } of merged.paths) {
      const read = await this.read(file);
      if (read !== undefined) files.push({ file: file.path, text: read });
      else {
        complete = false;
        this.problem(vscode.workspace.asRelativePath(file, false), 'no such bibliography file');
      }
    }
    // A key may be in a file that could not be read: citations are not checked against the others alone.
    if (!complete) return undefined;
    const styleFile = merged.csl && vscode.Uri.joinPath(merged.csl.namedIn.uri, '..', merged.csl.path);
    const style = styleFile && (await this.read(styleFile));
    return { files, ...(styleFile && style !== undefined ? { style: { file: styleFile.path, text: style } } : {}) };
  }

  /** The `_quarto.yml` of the Quarto project around `uri` and each `_metadata.yml` from its folder down to the document's, outermost first. */
  private async projectLayers(uri: vscode.Uri, root: vscode.Uri): Promise<MetadataLayer<NamingFile>[]> {
    const project = await nearestQuartoYaml(uri, root, (file) => this.read(file));
    if (!project) return [];
    const layers: MetadataLayer<NamingFile>[] = [{ file: { uri: vscode.Uri.joinPath(project.dir, '_quarto.yml'), text: project.text }, settings: quartoBibliography(project.text) }];
    const folders = vscode.Uri.joinPath(uri, '..').path.slice(project.dir.path.length).split('/').filter(Boolean);
    for (let depth = 0; depth <= folders.length; depth++) {
      const metadata = vscode.Uri.joinPath(project.dir, ...folders.slice(0, depth), '_metadata.yml');
      const yaml = await this.read(metadata);
      if (yaml !== undefined) layers.push({ file: { uri: metadata, text: yaml }, settings: quartoBibliography(yaml) });
    }
    return layers;
  }

  /** Whether a document's bibliography was read from `file`, or looked for there. */
  hasRead(file: vscode.Uri): boolean {
    return this.files.has(file.toString()) || this.missing.has(file.toString());
  }

  private async read(file: vscode.Uri): Promise<string | undefined> {
    let stat: vscode.FileStat;
    const key = file.toString();
    try {
      stat = await vscode.workspace.fs.stat(file);
    } catch {
      this.missing.add(key);
      return undefined;
    }
    this.missing.delete(key);
    const cached = this.files.get(key);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached.text;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    this.files.set(key, { mtime: stat.mtime, size: stat.size, text });
    return text;
  }
}
