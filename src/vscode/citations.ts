import * as vscode from 'vscode';
import { citationSourcesOf } from '../core/bibliographyTexts';
import type { CitationSources } from '../core/citations';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';
import type { SettingsResolver } from './settings';

class CitationItem extends vscode.CompletionItem {
  constructor(
    readonly key: string,
    detail: string,
    range: vscode.Range,
    readonly sources: CitationSources,
  ) {
    super(key, vscode.CompletionItemKind.Reference);
    this.detail = detail;
    this.range = range;
    // Typing the author or the title finds the key too.
    this.filterText = `${key} ${detail}`;
  }
}

/** Completes citation keys from the document's bibliography after `[@`, `@` and `; @`; the formatted reference when an item is shown. */
export class CitationCompletions implements vscode.CompletionItemProvider<CitationItem> {
  static readonly triggerCharacters = ['@'];

  constructor(
    private readonly settings: SettingsResolver,
    private readonly diagnostics: DiagnosticsController,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<CitationItem[]> {
    if (!this.diagnostics.isLinted(document)) return [];
    const { linter, bibliography } = await this.settings.settingsFor(document.uri);
    if (!bibliography) return [];
    const sources = citationSourcesOf(bibliography);
    const completion = linter.citationCompletion(document.getText(), document.offsetAt(position), sources);
    if (!completion) return [];
    const range = toRange(completion.span.range);
    return completion.items.map(({ key, detail }) => new CitationItem(key, detail, range, sources));
  }

  resolveCompletionItem(item: CitationItem): CitationItem {
    const reference = item.sources.bibliography.formatReference(item.key, item.sources.style);
    if (reference) item.documentation = new vscode.MarkdownString(reference);
    return item;
  }
}
