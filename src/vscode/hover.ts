import * as vscode from 'vscode';
import { citationSourcesOf } from '../core/bibliographyTexts';
import { cardLink } from './commands';
import { toRange } from './convert';
import { formatOf, type DiagnosticsController } from './diagnostics';
import type { SettingsResolver } from './settings';

export type HoverMode = 'all' | 'flagged' | 'off';

/**
 * On hover: why medlint flags the text, and term cards as `medlint.hover` asks: `all` (a compact card
 * on every corpus term), `flagged` (only where medlint reports a finding) or `off`. "more…" opens the
 * full card.
 */
export class TermHovers implements vscode.HoverProvider {
  constructor(
    private readonly settings: SettingsResolver,
    private readonly diagnostics: DiagnosticsController,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.diagnostics.isLinted(document)) return undefined;
    const reference = await this.reference(document, position);
    if (reference) return reference;
    const why = this.why(document, position);
    const card = await this.card(document, position);
    if (!card) return why && new vscode.Hover(why.markdown, why.range);
    return new vscode.Hover(why ? [why.markdown, card.markdown] : card.markdown, card.range);
  }

  /**
   * Why medlint flags the text under the cursor: the explanation that the short message leaves out,
   * once for the findings there that share it. Shown in every hover mode, as it belongs to a finding.
   */
  private why(document: vscode.TextDocument, position: vscode.Position): { markdown: vscode.MarkdownString; range: vscode.Range } | undefined {
    const offset = document.offsetAt(position);
    const here = this.diagnostics.findingsFor(document.uri).filter((finding) => finding.explanation && finding.start <= offset && offset < finding.end);
    if (here.length === 0) return undefined;
    const reasons = [...new Set(here.map((finding) => finding.explanation!))];
    return { markdown: new vscode.MarkdownString(reasons.map((reason) => `**Why:** ${reason}`).join('\n\n')), range: toRange(here[0]!.range) };
  }

  /** On a citation key: the reference it names, formatted (AMA, or the front matter's CSL style). */
  private async reference(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const { linter, bibliography } = await this.settings.settingsFor(document.uri);
    const found = bibliography && linter.citationHover(document.getText(), document.offsetAt(position), citationSourcesOf(bibliography));
    return found && new vscode.Hover(new vscode.MarkdownString(found.markdown), toRange(found.span.range));
  }

  private async card(document: vscode.TextDocument, position: vscode.Position): Promise<{ markdown: vscode.MarkdownString; range: vscode.Range } | undefined> {
    const mode = vscode.workspace.getConfiguration('medlint', document).get<HoverMode>('hover') ?? 'all';
    if (mode === 'off') return undefined;
    const { linter } = await this.settings.settingsFor(document.uri);
    const card = linter.hover(document.getText(), document.offsetAt(position), formatOf(document));
    const entry = card && linter.define(card.entryId);
    if (!card || !entry) return undefined;
    if (mode === 'flagged' && !this.diagnostics.findingsFor(document.uri).some((finding) => finding.start < card.end && finding.end > card.start)) return undefined;
    const markdown = new vscode.MarkdownString(linter.compactCard(entry, cardLink(entry)));
    markdown.isTrusted = { enabledCommands: ['medlint.showDefinition'] };
    return { markdown, range: toRange(card.range) };
  }
}
