import { abbreviationList, type AbbreviationListItem } from './abbreviationList';
import { analyze, ChunkCache, type Analysis } from './analysis';
import { compileCorpus, type CompiledCorpus } from './corpus/compile';
import type { Corpus, TermEntry } from './corpus/types';
import { hoverAt, renderCard, type HoverCard } from './hover';
import { rules as allRules, type Rule } from './rules';
import { inAttributedQuotation } from './quotations';
import { Suppressions } from './suppression';
import type { Finding, Notice, Severity, SeveritySetting } from './types';

export interface LinterOptions {
  corpus: Corpus;
  /** Severity per rule id; `off` disables a rule. Unlisted rules keep their default. */
  rules?: Record<string, SeveritySetting>;
  /**
   * Keep each chunk's analysis for the next lint of an edited document (default true), as an editor
   * re-lints after every change. A one-shot run turns it off and holds, and collects, less.
   */
  reuseChunks?: boolean;
  /**
   * The most a finding inside a direct quotation of a named speaker may be (default `info`): an editor
   * does not rewrite a quotation. `off` drops such findings; `unchanged` keeps the rule's severity.
   */
  quotations?: QuotationSeverity;
}

export type QuotationSeverity = 'info' | 'hint' | 'off' | 'unchanged';

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export interface Linter {
  readonly rules: readonly Rule[];
  lint(text: string): Finding[];
  /** What medlint says about the text as a whole, once (see Notice); empty for most documents. */
  notices(text: string): Notice[];
  hover(text: string, offset: number): HoverCard | undefined;
  /** Looks a term up by id, name, abbreviation, expansion, alias, variant or brand (case-insensitive). */
  define(name: string): TermEntry | undefined;
  card(entry: TermEntry): string;
  /** Every term entry of the corpus, in corpus order. */
  entries(): readonly TermEntry[];
  /** The corpus abbreviations the text uses, with the expansions it means, sorted. */
  abbreviations(text: string): AbbreviationListItem[];
  severityOf(ruleId: string): SeveritySetting;
}

/** CRLF in the source reads as LF in prose; nothing else may differ for a fix to be safe. */
function sameText(source: string, prose: string): boolean {
  return source === prose || source.replace(/\r\n?/g, '\n') === prose;
}

const ruleRank = new Map(allRules.map((rule, index) => [rule.id, index]));

export function createLinter(options: LinterOptions): Linter {
  let compiled: CompiledCorpus | undefined;
  const corpus = () => (compiled ??= compileCorpus(options.corpus));
  const chunks = new ChunkCache(options.reuseChunks === false ? 0 : undefined);
  const quotations = options.quotations ?? 'info';
  let last: Analysis | undefined;
  const analysisOf = (text: string) => {
    if (last?.source !== text) last = analyze(text, corpus(), chunks);
    return last;
  };
  const severityOf = (ruleId: string): SeveritySetting => {
    const rank = ruleRank.get(ruleId);
    return options.rules?.[ruleId] ?? (rank === undefined ? 'off' : allRules[rank]!.defaultSeverity);
  };

  return {
    rules: allRules,
    severityOf,
    lint(text) {
      const analysis = analysisOf(text);
      const { prose, lines, source } = analysis;
      const suppressions = new Suppressions(prose.htmlComments, lines);
      const findings: Finding[] = [];
      for (const rule of allRules) {
        const severity = severityOf(rule.id);
        if (severity === 'off') continue;
        rule.check(analysis, (report) => {
          const start = prose.sourceStart(report.start);
          const end = prose.sourceEnd(report.end);
          const span = lines.spanOf(start, end);
          if (!suppressions.isEmpty && suppressions.isSuppressed(rule.id, start, span.range.start.line)) return;
          let findingSeverity = severity as Severity;
          if (quotations !== 'unchanged' && inAttributedQuotation(analysis, report.start, report.end)) {
            if (quotations === 'off') return;
            if (SEVERITY_RANK[quotations] < SEVERITY_RANK[findingSeverity]) findingSeverity = quotations;
          }
          const finding: Finding = { ruleId: rule.id, severity: findingSeverity, message: report.message, ...span };
          // A span that crosses markup (**a** b) cannot be replaced without breaking it: no fix then.
          if (report.fix !== undefined && sameText(source.slice(start, end), prose.text.slice(report.start, report.end))) {
            finding.fix = { ...span, newText: report.fix };
          }
          if (report.entryId) finding.entryId = report.entryId;
          findings.push(finding);
        });
      }
      return findings.sort((a, b) => a.start - b.start || a.end - b.end || ruleRank.get(a.ruleId)! - ruleRank.get(b.ruleId)!);
    },
    notices(text) {
      const { plainText, lines } = analysisOf(text);
      if (plainText.length === 0) return [];
      const first = lines.spanOf(plainText[0]!.start, plainText[0]!.end);
      const where = plainText.length === 1 ? `lines ${first.range.start.line + 1}-${first.range.end.line + 1}` : `${plainText.length} parts, the first at lines ${first.range.start.line + 1}-${first.range.end.line + 1}`;
      return [
        {
          code: 'plain-text',
          message: `Read as plain text, not Markdown (${where}): too much inline markup (*, _, \`, <, [) in one paragraph to parse in time. Findings there are still placed exactly, but code and links in it are read as prose.`,
          span: first,
        },
      ];
    },
    hover(text, offset) {
      return hoverAt(analysisOf(text), offset);
    },
    define(name) {
      return corpus().lookup.get(name.trim().toLowerCase());
    },
    card(entry) {
      return renderCard(corpus(), entry);
    },
    entries() {
      return options.corpus.terms;
    },
    abbreviations(text) {
      return abbreviationList(analysisOf(text));
    },
  };
}
