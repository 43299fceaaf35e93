import * as vscode from 'vscode';
import { CATEGORY_LABELS, type TermCategory, type TermEntry } from '../core/corpus/types';
import type { Linter } from '../core/linter';

type GlossaryNode = { category: TermCategory; entries: TermEntry[] } | { entry: TermEntry };

const label = (entry: TermEntry) => entry.abbreviation ?? entry.term;

/**
 * The corpus as the active document sees it (built-in entries and the team's), by category; a click
 * opens an entry's reference card.
 */
export class GlossaryProvider implements vscode.TreeDataProvider<GlossaryNode>, vscode.Disposable {
  private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.onDidChangeEmitter.event;

  constructor(private readonly linterFor: () => Promise<Linter>) {}

  /** The corpus may differ per workspace folder and config: read it again. */
  refresh(): void {
    this.onDidChangeEmitter.fire();
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }

  async getChildren(node?: GlossaryNode): Promise<GlossaryNode[]> {
    if (node) return 'entries' in node ? node.entries.map((entry) => ({ entry })) : [];
    const linter = await this.linterFor();
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
    const { entry } = node;
    const item = new vscode.TreeItem(label(entry), vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${entry.id}`;
    if (entry.abbreviation && entry.abbreviation !== entry.term) item.description = entry.expansions?.[0] ?? entry.term;
    item.tooltip = entry.definition;
    item.command = { command: 'medlint.showDefinition', title: 'Show term definition', arguments: [entry.id] };
    return item;
  }
}
