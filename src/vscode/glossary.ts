import * as vscode from 'vscode';
import { CATEGORY_LABELS, type TermCategory, type TermEntry } from '../core/corpus/types';
import { searchGlossary } from '../core/glossary';
import type { Linter } from '../core/linter';
import { count } from '../core/text/count';

type GlossaryNode = { category: TermCategory; entries: TermEntry[] } | { entry: TermEntry; found?: string };

const label = (entry: TermEntry) => entry.abbreviation ?? entry.term;

/** The term as a writer introduces it: an abbreviation with its expansion, else the term. */
export function introducedForm(entry: TermEntry): string {
  return entry.abbreviation && entry.abbreviation !== entry.term ? `${entry.expansions?.[0] ?? entry.term} (${entry.abbreviation})` : entry.term;
}

/**
 * The corpus as the active document sees it (built-in entries and the team's), by category, or the
 * entries a search finds (by term, abbreviation, expansion, alias or brand), best first. A click
 * opens an entry's rendered card; each entry can be inserted or its definition copied.
 */
export class GlossaryProvider implements vscode.TreeDataProvider<GlossaryNode>, vscode.Disposable {
  private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.onDidChangeEmitter.event;
  private view: vscode.TreeView<GlossaryNode> | undefined;
  /** The current search; empty shows every category. */
  query = '';

  constructor(private readonly linterFor: () => Promise<Linter>) {}

  attach(view: vscode.TreeView<GlossaryNode>): void {
    this.view = view;
  }

  /** The corpus may differ per workspace folder and config: read it again. */
  refresh(): void {
    this.onDidChangeEmitter.fire();
  }

  async search(query: string): Promise<void> {
    this.query = query.trim();
    await vscode.commands.executeCommand('setContext', 'medlint.glossarySearch', this.query !== '');
    if (this.view) {
      const found = this.query ? searchGlossary((await this.linterFor()).entries(), this.query).length : 0;
      this.view.message = this.query ? `"${this.query}": ${count(found, 'term')}` : undefined;
    }
    this.refresh();
  }

  /** medlint: Search glossary: the search typed in a box, the view (shown first) filtering as it changes. */
  async promptSearch(): Promise<void> {
    await vscode.commands.executeCommand('medlint.glossary.focus');
    const box = vscode.window.createInputBox();
    box.title = 'Search the medlint glossary';
    box.placeholder = 'Term, abbreviation, expansion or brand (Keytruda finds pembrolizumab)';
    box.value = this.query;
    box.onDidChangeValue((value) => void this.search(value));
    box.onDidAccept(() => box.hide());
    box.onDidHide(() => box.dispose());
    box.show();
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }

  async getChildren(node?: GlossaryNode): Promise<GlossaryNode[]> {
    if (node) return 'entries' in node ? node.entries.map((entry) => ({ entry })) : [];
    const linter = await this.linterFor();
    if (this.query) return searchGlossary(linter.entries(), this.query).map(({ entry, name }) => ({ entry, found: name }));
    const byCategory = new Map<TermCategory, TermEntry[]>();
    for (const entry of linter.entries()) byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    return (Object.keys(CATEGORY_LABELS) as TermCategory[])
      .filter((category) => byCategory.has(category))
      .map((category) => ({ category, entries: byCategory.get(category)!.sort((a, b) => collator.compare(label(a), label(b))) }));
  }

  getTreeItem(node: GlossaryNode): vscode.TreeItem {
    if ('category' in node) {
      const item = new vscode.TreeItem(CATEGORY_LABELS[node.category], vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.entries.length);
      item.id = `category:${node.category}`;
      return item;
    }
    const { entry, found } = node;
    const item = new vscode.TreeItem(label(entry), vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${entry.id}${found === undefined ? '' : ':found'}`;
    const expansion = entry.abbreviation && entry.abbreviation !== entry.term ? (entry.expansions?.[0] ?? entry.term) : undefined;
    // A search that found it by another name (a brand, an alias) says which.
    const by = found !== undefined && found !== label(entry) && found !== expansion ? found : undefined;
    item.description = by ? `${by} · ${entry.category}` : expansion;
    item.tooltip = new vscode.MarkdownString(`**${introducedForm(entry)}** *(${entry.category})*\n\n${entry.definition.trim()}`);
    item.contextValue = 'medlint.term';
    item.command = { command: 'medlint.showDefinition', title: 'Show term definition', arguments: [entry.id] };
    return item;
  }
}

/** Glossary: Insert term: the term as a writer introduces it, at the cursor (replacing a selection). */
export async function insertTerm(entry: TermEntry): Promise<boolean> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showInformationMessage('medlint: open a document to insert a term into.');
    return false;
  }
  return editor.edit((edit) => edit.replace(editor.selection, introducedForm(entry)));
}

/** Glossary: Copy definition: the definition, as plain text, to the clipboard. */
export async function copyDefinition(entry: TermEntry): Promise<void> {
  await vscode.env.clipboard.writeText(`${introducedForm(entry)}: ${entry.definition.trim().replace(/\s+/g, ' ')}`);
  void vscode.window.setStatusBarMessage(`medlint: copied the definition of ${label(entry)}`, 3000);
}
