import { abbreviationList, type AbbreviationListItem } from './abbreviationList';
import { analyze, ChunkCache, type Analysis } from './analysis';
import type { PlainTextReason } from './markdown/budget';
import { findPerChunk } from './perChunk';
import { compileCorpus, type CompiledCorpus } from './corpus/compile';
import type { Corpus, TermEntry } from './corpus/types';
import { hoverAt, renderCard, renderCompactCard, type EntryLink, type HoverCard } from './hover';
import type { TextFormat } from './plainText';
import { rules as allRules, type Rule } from './rules';
import { findingOf, placeReport, type PlacedReport } from './placement';
import { LineIndex } from './text/lineIndex';
import { Suppressions } from './suppression';
import { frontMatterIgnores, ignores, type IgnoreEntry } from './ignore';
import { medlintFrontMatter } from './frontMatter';
import { BUILTIN_PROFILES, DEFAULT_PROFILE, mergeAbbreviations, resolveProfile, type ProfileDefinition, type ResolvedProfile } from './profiles';
import { readabilityReport, type ReadabilityReport } from './readability';
import { summarize, type PartSummary, type DocumentParts } from './documentParts';
import type { AbbreviationOptions, Finding, Notice, Severity, SeveritySetting, SourceSpan, StatisticsOptions } from './types';
import { citationHover, completeCitation, type CitationCompletion, type CitationSources } from './citations';

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
  /** Findings the team accepts (`.medlintrc.json` `ignore` entries); a document adds its own in front matter. */
  ignore?: IgnoreEntry[];
  abbreviations?: AbbreviationOptions;
  statistics?: StatisticsOptions;
  /** The profile of a document whose front matter names none (the config's, or its matching `overrides`'); professional when absent. */
  profile?: string;
  /** The profile of every document, whatever its front matter names: `medlint check --profile`. */
  runProfile?: string;
  /** The team's own profiles (`.medlintrc.json` `profiles`). */
  profiles?: Record<string, ProfileDefinition>;
  /** Severities of the matching `overrides` entries of the config: they win over every profile. */
  fileRules?: Record<string, SeveritySetting>;
}

export type QuotationSeverity = 'info' | 'hint' | 'off' | 'unchanged';

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Why the first part read as plain text was, as the notice says it. */
const PLAIN_TEXT_REASONS: Record<PlainTextReason, string> = {
  markup: 'too much inline markup (*, _, `, <, [) in one paragraph',
  lines: 'a paragraph of more than 200 lines (no blank line between them) is too long',
};

export interface Linter {
  /** What the linter was made from: plain data, so another thread can make the same linter. */
  readonly options: LinterOptions;
  readonly rules: readonly Rule[];
  /** `format`: how the text is read (default Markdown); plain text has no markup but medlint's suppression comments. */
  /** `parts`: the other files of a document split into several, whose abbreviations this one continues. */
  /** `sources`: the bibliography the document cites from (unknown-citation, uncited-reference). */
  lint(text: string, format?: TextFormat, parts?: DocumentParts, sources?: CitationSources): Finding[];
  /** What the text's body defines and uses, for the other files of a document in several files. */
  partSummary(text: string): PartSummary;
  /** What medlint says about the text as a whole, once (see Notice); empty for most documents. */
  notices(text: string, format?: TextFormat): Notice[];
  hover(text: string, offset: number, format?: TextFormat): HoverCard | undefined;
  /** The reference a citation key at `offset` names, formatted (AMA unless the sources name a CSL style). */
  citationHover(text: string, offset: number, sources: CitationSources): { markdown: string; span: SourceSpan } | undefined;
  /** The bibliography's keys for a citation being typed at `offset`, with the span the chosen key replaces. */
  citationCompletion(text: string, offset: number, sources: CitationSources): { span: SourceSpan; items: CitationCompletion['items'] } | undefined;
  /** Looks a term up by id, name, abbreviation, expansion, alias, variant or brand (case-insensitive). */
  define(name: string): TermEntry | undefined;
  /** The full reference card; with `link`, the entries it names link to their own cards. */
  card(entry: TermEntry, link?: EntryLink): string;
  /** The heading and first sentence of the definition, and a "more…" link to `moreLink`. */
  compactCard(entry: TermEntry, moreLink: string): string;
  /** Every term entry of the corpus, in corpus order. */
  entries(): readonly TermEntry[];
  /** Every abbreviation the text uses, with the expansion it defines, sorted; with `byScope`, per scope. */
  abbreviations(text: string, options?: { byScope?: boolean }): AbbreviationListItem[];
  /** A rule's severity in documents of a profile (by default the linter's profile for documents that name none). */
  severityOf(ruleId: string, profile?: string): SeveritySetting;
  /** The profile the text is checked with: the run's, its front matter's, the config's, or professional. */
  profile(text: string, format?: TextFormat): ResolvedProfile;
  /** Reading grades of the text, per section and as a whole, with its profile's target. */
  readability(text: string, format?: TextFormat): ReadabilityReport;
}

/** The profile a document's front matter names (`medlint: { profile: patient }`), if any. */
function frontMatterProfile(analysis: Analysis): string | undefined {
  const profile = medlintFrontMatter(analysis.frontMatter).profile;
  return typeof profile === 'string' && profile.trim() ? profile.trim() : undefined;
}

/** What the per-chunk rules amend with the whole document (Rule.amendReports): by rule, then by source start. */
function amendmentsOf(analysis: Analysis, rules: readonly Rule[]): Map<Rule, Map<number, PlacedReport>> {
  const amendments = new Map<Rule, Map<number, PlacedReport>>();
  for (const rule of rules) {
    rule.amendReports?.(analysis, (report) => {
      const placed = placeReport(analysis, rule, report);
      let byStart = amendments.get(rule);
      if (!byStart) amendments.set(rule, (byStart = new Map()));
      byStart.set(placed.start, placed);
    });
  }
  return amendments;
}

// Linters made for files under one config (per `overrides` entry) share the corpus they compile.
const compiledCorpora = new WeakMap<Corpus, CompiledCorpus>();

const ruleRank = new Map(allRules.map((rule, index) => [rule.id, index]));

export function createLinter(options: LinterOptions): Linter {
  const corpus = () => {
    let compiled = compiledCorpora.get(options.corpus);
    if (!compiled) compiledCorpora.set(options.corpus, (compiled = compileCorpus(options.corpus)));
    return compiled;
  };
  const cache = new ChunkCache(options.reuseChunks === false ? 0 : undefined);
  const quotations = options.quotations ?? 'info';
  // The last document analysed (with its chunks, when the cache keeps them): what re-linting an edit of it reuses.
  let last: { analysis: Analysis; format: TextFormat } | undefined;
  const lastOf = (text: string, format: TextFormat = 'markdown') => {
    if (last?.analysis.source !== text || last.format !== format) {
      const analysis = analyze(text, corpus(), cache, format);
      const profile = profileOf(analysis);
      analysis.profile = profile;
      const abbreviations = mergeAbbreviations(profile.abbreviations, options.abbreviations);
      if (Object.keys(abbreviations).length > 0) analysis.abbreviationOptions = abbreviations;
      if (options.statistics) analysis.statisticsOptions = options.statistics;
      last = { analysis, format };
    }
    return last;
  };
  const analysisOf = (text: string, format?: TextFormat) => lastOf(text, format).analysis;
  const resolvedProfiles = new Map<string, ResolvedProfile | undefined>();
  const resolved = (name: string) => {
    if (!resolvedProfiles.has(name)) resolvedProfiles.set(name, resolveProfile(name, options.profiles));
    return resolvedProfiles.get(name);
  };
  const profileNameOf = (analysis: Analysis) => options.runProfile ?? frontMatterProfile(analysis) ?? options.profile ?? DEFAULT_PROFILE;
  // An unknown name is checked as professional; notices() says so.
  function profileOf(analysis: Analysis): ResolvedProfile {
    return resolved(profileNameOf(analysis)) ?? resolved(DEFAULT_PROFILE)!;
  }
  // The matching overrides' rules, then the team's profiles, then the config's rules, then the built-in profiles.
  const severityIn = (ruleId: string, profile: ResolvedProfile): SeveritySetting => {
    const rank = ruleRank.get(ruleId);
    const configured = options.fileRules?.[ruleId] ?? profile.teamRules[ruleId] ?? options.rules?.[ruleId] ?? profile.builtinRules[ruleId];
    return configured ?? (rank === undefined ? 'off' : allRules[rank]!.defaultSeverity);
  };
  const severityOf = (ruleId: string, profile?: string): SeveritySetting => severityIn(ruleId, resolved(profile ?? options.runProfile ?? options.profile ?? DEFAULT_PROFILE) ?? resolved(DEFAULT_PROFILE)!);

  return {
    options,
    rules: allRules,
    severityOf,
    lint(text, format, parts, sources) {
      const { analysis } = lastOf(text, format);
      if (parts) analysis.documentParts = parts;
      else delete analysis.documentParts;
      if (sources) analysis.citationSources = sources;
      else delete analysis.citationSources;
      const { prose, lines, source } = analysis;
      const suppressions = new Suppressions(prose.htmlComments, lines);
      const accepted = [...(options.ignore ?? []), ...frontMatterIgnores(analysis.frontMatter)];
      const profile = analysis.profile!;
      const severities = new Map<Rule, Severity>();
      for (const rule of allRules) {
        const severity = severityIn(rule.id, profile);
        if (severity !== 'off') severities.set(rule, severity);
      }
      const findings: Finding[] = [];
      const admit = (placed: PlacedReport, base: number) => {
        const start = placed.start + base;
        const end = placed.end + base;
        // A chunk the edit left in place, and its lines, shows its findings as the last lint did, without
        // making them again; one it only moved along its lines (a character typed above) keeps their range.
        const { shown } = placed;
        const samePlace = shown !== undefined && lines.places(shown.range.start, start) && lines.places(shown.range.end, end);
        const unmoved = samePlace && shown.start === start && shown.end === end && !shown.fix?.moreEdits;
        const span = unmoved ? shown : samePlace ? { start, end, range: shown.range } : lines.spanOf(start, end);
        const { id } = placed.rule;
        if (!suppressions.isEmpty && suppressions.isSuppressed(id, start, span.range.start.line)) return;
        if (accepted.length > 0 && accepted.some((entry) => ignores(entry, id, source.slice(start, end)))) return;
        let severity = severities.get(placed.rule)!;
        if (quotations !== 'unchanged' && placed.quoted) {
          if (quotations === 'off') return;
          if (SEVERITY_RANK[quotations] < SEVERITY_RANK[severity]) severity = quotations;
        }
        if (unmoved && shown.severity === severity) findings.push(shown);
        else findings.push((placed.shown = findingOf(placed, severity, span, lines, base)));
      };
      const perChunk = allRules.filter((rule) => rule.perChunk && severities.has(rule));
      if (perChunk.length > 0) {
        const settings = [profile.name, ...perChunk.map((rule) => rule.id), JSON.stringify(analysis.statisticsOptions ?? {}), JSON.stringify(analysis.abbreviationOptions ?? {})].join('\u0000');
        const { groups, facts } = findPerChunk(analysis, perChunk, settings);
        const amendments = amendmentsOf(analysis, perChunk);
        for (const { base, reports } of groups) {
          for (const placed of reports) {
            if (placed.unless !== undefined && facts.has(placed.unless)) continue;
            const amended = amendments.size > 0 ? amendments.get(placed.rule)?.get(placed.start + base) : undefined;
            if (amended && amended.end === placed.end + base && amended.entryId === placed.entryId) admit(amended, 0);
            else admit(placed, base);
          }
        }
      }
      for (const rule of severities.keys()) {
        if (!rule.perChunk) rule.check(analysis, (report) => admit(placeReport(analysis, rule, report), 0));
      }
      return findings.sort((a, b) => a.start - b.start || a.end - b.end || ruleRank.get(a.ruleId)! - ruleRank.get(b.ruleId)!);
    },
    notices(text, format) {
      const analysis = analysisOf(text, format);
      const { plainText, lines } = analysis;
      const notices: Notice[] = [];
      const named = profileNameOf(analysis);
      if (!resolved(named)) {
        const block = analysis.frontMatter.block;
        const team = Object.keys(options.profiles ?? {});
        notices.push({
          code: 'unknown-profile',
          message: `"${named}" is not a profile (${[...BUILTIN_PROFILES, ...team].join(', ')}): checked as ${DEFAULT_PROFILE}.`,
          span: block && options.runProfile === undefined && frontMatterProfile(analysis) !== undefined ? lines.spanOf(block.bodyStart, block.bodyEnd) : lines.spanOf(0, 0),
        });
      }
      if (plainText.length === 0) return notices;
      const first = lines.spanOf(plainText[0]!.start, plainText[0]!.end);
      const where = plainText.length === 1 ? `lines ${first.range.start.line + 1}-${first.range.end.line + 1}` : `${plainText.length} parts, the first at lines ${first.range.start.line + 1}-${first.range.end.line + 1}`;
      notices.push({
        code: 'plain-text',
        message: `Read as plain text, not Markdown (${where}): ${PLAIN_TEXT_REASONS[plainText[0]!.reason]} to parse in time. Findings there are still placed exactly, but code and links in it are read as prose.`,
        span: first,
      });
      return notices;
    },
    profile(text, format) {
      return analysisOf(text, format).profile!;
    },
    readability(text, format) {
      const analysis = analysisOf(text, format);
      const { name, label, readability } = analysis.profile!;
      return readabilityReport(analysis, { name, label }, readability.targetGrade);
    },
    hover(text, offset, format) {
      return hoverAt(analysisOf(text, format), offset);
    },
    citationHover(text, offset, sources) {
      const analysis = analysisOf(text);
      const card = citationHover(analysis, offset, sources);
      return card && { markdown: card.markdown, span: analysis.lines.spanOf(card.start, card.end) };
    },
    citationCompletion(text, offset, sources) {
      const completion = completeCitation(text, offset, sources);
      // Lines alone: an editor asks while typing, for a version no lint of this thread has analysed.
      return completion && { span: new LineIndex(text).spanOf(completion.start, completion.end), items: completion.items };
    },
    define(name) {
      return corpus().lookup.get(name.trim().toLowerCase());
    },
    card(entry, link) {
      return renderCard(corpus(), entry, undefined, link);
    },
    compactCard(entry, moreLink) {
      return renderCompactCard(entry, moreLink);
    },
    entries() {
      return options.corpus.terms;
    },
    partSummary(text) {
      return summarize(analysisOf(text));
    },
    abbreviations(text, listOptions) {
      return abbreviationList(analysisOf(text), listOptions);
    },
  };
}
