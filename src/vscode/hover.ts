import * as vscode from 'vscode';
import { cardLink } from './commands';
import { toRange } from './convert';
import { formatOf, type DiagnosticsController } from './diagnostics';
import type { SettingsResolver } from './settings';

export type HoverMode = 'all' | 'flagged' | 'off';

/**
 * Term cards on hover, as `medlint.hover` asks: `all` (a compact card on every corpus term),
 * `flagged` (only where medlint reports a finding) or `off`. "more…" opens the full card.
 */
export class TermHovers implements vscode.HoverProvider {
  constructor(
    private readonly settings: SettingsResolver,
    private readonly diagnostics: DiagnosticsController,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.diagnostics.isLinted(document)) return undefined;
    const mode = vscode.workspace.getConfiguration('medlint', document).get<HoverMode>('hover') ?? 'all';
    if (mode === 'off') return undefined;
    const { linter } = await this.settings.settingsFor(document.uri);
    const card = linter.hover(document.getText(), document.offsetAt(position), formatOf(document));
    const entry = card && linter.define(card.entryId);
    if (!card || !entry) return undefined;
    if (mode === 'flagged' && !this.diagnostics.findingsFor(document.uri).some((finding) => finding.start < card.end && finding.end > card.start)) return undefined;
    const markdown = new vscode.MarkdownString(linter.compactCard(entry, cardLink(entry)));
    markdown.isTrusted = { enabledCommands: ['medlint.showDefinition'] };
    return new vscode.Hover(markdown, toRange(card.range));
  }
}
