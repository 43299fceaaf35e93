import type { IgnoreEntry } from './ignore';
import type { Finding, Fix, TextEdit } from './types';
import type { FoundAbbreviation } from './teamTerms';

/**
 * The fixes that can be applied together, in document order: a fix overlapping one already taken
 * waits for the next round (re-lint and fix again), as ESLint and markdownlint do. `safeOnly` keeps
 * the fixes that do not change the meaning, the only ones fix-all applies.
 */
export function compatibleFixes(findings: Finding[], options: { safeOnly?: boolean } = {}): Fix[] {
  const fixes = findings.map((finding) => finding.fix).filter((fix): fix is Fix => fix !== undefined && (!options.safeOnly || fix.safe));
  fixes.sort((a, b) => a.start - b.start || a.end - b.end);
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    const edits = editsOf(fix);
    if (edits.some((edit) => taken.some((other) => edit.start < other.end && other.start < edit.end))) continue;
    chosen.push(fix);
    taken.push(...edits);
  }
  return chosen;
}

/** A fix's replacement and the edits that go with it. */
export function editsOf(fix: Fix): TextEdit[] {
  return fix.moreEdits ? [fix, ...fix.moreEdits] : [fix];
}

/** Replaces each fix's span; the fixes must not overlap. Aligned Markdown tables they touch stay aligned. */
export function applyFixList(text: string, fixes: readonly Fix[]): string {
  const sorted = fixes.flatMap(editsOf).sort((a, b) => a.start - b.start);
  const tables = alignedTables(text).filter((table) => sorted.some((fix) => fix.start >= table.start && fix.end <= table.end));
  let result = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const fix = sorted[i]!;
    result = result.slice(0, fix.start) + fix.newText + result.slice(fix.end);
  }
  // Later tables first, so that each table's offsets only need the shift of the fixes before it.
  for (const table of tables.reverse()) {
    const shift = (at: number) => sorted.filter((fix) => fix.end <= at).reduce((sum, fix) => sum + fix.newText.length - (fix.end - fix.start), 0);
    const start = table.start + shift(table.start);
    const end = table.end + shift(table.end);
    result = result.slice(0, start) + realign(result.slice(start, end)) + result.slice(end);
  }
  return result;
}

/** Applies the compatible fixes to the text (every fix, safe or not: a rule's tests and one-rule runs). */
export function applyFixes(text: string, findings: Finding[]): { text: string; applied: number } {
  const chosen = compatibleFixes(findings);
  return { text: applyFixList(text, chosen), applied: chosen.length };
}

/** What fix-all did: how many fixes per rule, and the fixable problems it left for the writer. */
export interface FixSummary {
  /** Fixes applied, per rule id, in the order the rules were first fixed. */
  applied: Record<string, number>;
  total: number;
  passes: number;
  /** Findings still offering a fix that changes the meaning, per rule id: applied one at a time. */
  leftForReview: Record<string, number>;
}

export interface FixedDocument {
  text: string;
  /** The findings on the fixed text. */
  findings: Finding[];
  summary: FixSummary;
}

export const MAX_FIX_PASSES = 10;

/**
 * Fix-all, for every adapter (CLI --fix, VS Code's source.fixAll.medlint and "Fix all", the language
 * server): applies the safe fixes, lints again and repeats until nothing changes, as a fix can
 * uncover another (a variant fixed to an abbreviation that needs its definition). Meaning-changing
 * fixes (misnomer, brand-name, person-first...) are left, counted, for the writer to apply one by one.
 */
export function fixDocument(text: string, lint: (text: string) => Finding[], maxPasses = MAX_FIX_PASSES): FixedDocument {
  const applied: Record<string, number> = {};
  let current = text;
  let findings = lint(current);
  let passes = 0;
  let total = 0;
  const seen = new Set<string>([current]);
  while (passes < maxPasses) {
    const chosen = compatibleFixes(findings, { safeOnly: true });
    if (chosen.length === 0) break;
    const next = applyFixList(current, chosen);
    // A fix that undoes another would loop: stop at the first text seen before.
    if (seen.has(next)) break;
    seen.add(next);
    passes++;
    for (const fix of chosen) {
      const ruleId = findings.find((finding) => finding.fix === fix)!.ruleId;
      applied[ruleId] = (applied[ruleId] ?? 0) + 1;
      total++;
    }
    current = next;
    findings = lint(current);
  }
  const leftForReview: Record<string, number> = {};
  for (const finding of findings) {
    if (finding.fix && !finding.fix.safe) leftForReview[finding.ruleId] = (leftForReview[finding.ruleId] ?? 0) + 1;
  }
  return { text: current, findings, summary: { applied, total, passes, leftForReview } };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The summary as one line a writer reads: "Fixed 3 problems (preferred-term 2, undefined-abbreviation 1). 2 fixes change the meaning: apply them one by one (misnomer 2)." */
export function describeFixSummary(summary: FixSummary): string {
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([ruleId, count]) => `${ruleId} ${count}`)
      .join(', ');
  const fixed = summary.total === 0 ? 'Nothing to fix safely.' : `Fixed ${plural(summary.total, 'problem', 'problems')} (${list(summary.applied)}).`;
  const left = Object.values(summary.leftForReview).reduce((sum, count) => sum + count, 0);
  return left === 0 ? fixed : `${fixed} ${plural(left, 'fix changes', 'fixes change')} the meaning: apply ${left === 1 ? 'it' : 'them'} one by one (${list(summary.leftForReview)}).`;
}

/** The smallest single replacement that turns `before` into `after` (an editor's one undo step). */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

// ---- Markdown tables ---------------------------------------------------------------------------

interface Table {
  /** Offsets of the table's first character and of the end of its last line (before the line break). */
  start: number;
  end: number;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** The offsets of the pipes that separate a row's cells (not escaped \|, not inside `code`). */
function pipesOf(line: string): number[] {
  const pipes: number[] = [];
  let inCode = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') i++;
    else if (char === '`') inCode = !inCode;
    else if (char === '|' && !inCode) pipes.push(i);
  }
  return pipes;
}

/** The GFM tables of a text whose rows all put their pipes at the same columns: the ones a writer laid out. */
function alignedTables(text: string): Table[] {
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ start, text: text.slice(start, end).replace(/\r$/, '') });
    if (newline < 0) break;
    start = newline + 1;
  }
  const tables: Table[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!DELIMITER_ROW.test(lines[i]!.text) || !lines[i]!.text.includes('|') || !lines[i - 1]!.text.includes('|')) continue;
    let last = i;
    while (last + 1 < lines.length && lines[last + 1]!.text.trim() !== '' && lines[last + 1]!.text.includes('|')) last++;
    const rows = lines.slice(i - 1, last + 1);
    const layout = pipesOf(rows[0]!.text).join(',');
    if (rows.every((row) => pipesOf(row.text).join(',') === layout)) {
      tables.push({ start: rows[0]!.start, end: rows.at(-1)!.start + rows.at(-1)!.text.length });
    }
    i = last;
  }
  return tables;
}

/**
 * Pads the cells of a table that was aligned so that its pipes line up again: each column is as wide
 * as its widest cell plus the narrowest padding it had; a column no fix touched keeps its width.
 */
function realign(tableText: string): string {
  const lineBreak = tableText.includes('\r\n') ? '\r\n' : '\n';
  const rows = tableText.split(/\r?\n/).map((line) => {
    const pipes = pipesOf(line);
    const cells: string[] = [];
    let from = 0;
    for (const pipe of pipes) {
      cells.push(line.slice(from, pipe));
      from = pipe + 1;
    }
    cells.push(line.slice(from));
    return cells;
  });
  const columns = Math.max(...rows.map((cells) => cells.length));
  if (rows.some((cells) => cells.length !== columns)) return tableText;
  const delimiter = 1;
  for (let column = 0; column < columns; column++) {
    const widths = rows.map((cells) => cells[column]!.length);
    // The outer pieces (before the first pipe, after the last) are not cells.
    if (widths.every((width) => width === widths[0])) continue;
    const parts = rows.map((cells) => {
      const cell = cells[column]!;
      const lead = /^\s*/.exec(cell)![0];
      const content = cell.trim();
      return { lead, content, trail: cell.length - lead.length - content.length };
    });
    const padding = Math.min(...parts.filter((_, row) => row !== delimiter).map((part) => part.trail));
    const rule = parts[delimiter]!;
    const left = rule.content.startsWith(':') ? ':' : '';
    const right = rule.content.endsWith(':') && rule.content.length > 1 ? ':' : '';
    const ruleMinimum = rule.lead.length + left.length + 3 + right.length + rule.trail;
    const width = Math.max(ruleMinimum, ...parts.filter((_, row) => row !== delimiter).map((part) => part.lead.length + part.content.length + padding));
    rows.forEach((cells, row) => {
      const { lead, content } = parts[row]!;
      if (row === delimiter) {
        const dashes = width - lead.length - left.length - right.length - rule.trail;
        cells[column] = `${lead}${left}${'-'.repeat(dashes)}${right}${' '.repeat(rule.trail)}`;
      } else {
        cells[column] = `${lead}${content}`.padEnd(width);
      }
    });
  }
  return rows.map((cells) => cells.join('|')).join(lineBreak);
}

// ---- Quick fixes --------------------------------------------------------------------------------

/**
 * Where and what to insert to silence a rule on a line: a `medlint-disable-line` comment at the end
 * of the line (before a hard break's trailing spaces), so that no block structure changes.
 */
export function disableLineInsertion(lineText: string, ruleId: string): { character: number; text: string } {
  const trailing = / {2,}$/.exec(lineText)?.[0].length ?? 0;
  return { character: lineText.length - trailing, text: ` <!-- medlint-disable-line ${ruleId} -->` };
}

/** A quick fix as data; each adapter turns it into its editor's edit. */
export type QuickFix =
  | { kind: 'fix'; title: string; fixes: TextEdit[]; finding: Finding; preferred: boolean }
  | { kind: 'fix-all-rule'; title: string; fixes: TextEdit[] }
  | { kind: 'fix-all'; title: string }
  | { kind: 'disable-line'; title: string; ruleId: string; line: number }
  /** Accept the finding's text for its rule in this document's front matter (`documentIgnoreEdit`). */
  | { kind: 'ignore-document'; title: string; entry: IgnoreEntry }
  /** Accept it in the workspace's `.medlintrc.json` (`configIgnoreChange`). */
  | { kind: 'ignore-workspace'; title: string; entry: IgnoreEntry }
  /** Write an abbreviation the corpus lacks into the team's terms (`teamTermEdit`). */
  | { kind: 'add-team-term'; title: string; abbreviation: FoundAbbreviation }
  /** Tell every abbreviation rule that the team's readers know it: `.medlintrc.json` `abbreviations.ignore` (`abbreviationIgnoreChange`). */
  | { kind: 'ignore-abbreviation'; title: string; abbreviation: string }
  | { kind: 'docs'; title: string; ruleId: string };

// The rules that `abbreviations.ignore` silences: an abbreviation the readers know needs no definition.
const NEEDS_DEFINITION_RULES = new Set(['undefined-abbreviation', 'abbreviation-defined-late']);

export const FIX_ALL_TITLE = 'Fix all safe medlint problems';

/**
 * The quick fixes for the findings that touch source offsets start..end, as markdownlint offers them:
 * the fix itself (one per sense, likeliest first, when there are several), fix every problem of the
 * rule in the file when its fixes are safe, fix all safe problems, silence the rule on the line,
 * accept the finding (in the document or the workspace; an abbreviation also as one the team's readers
 * know or, if the corpus lacks it, as a team term), and the rule's documentation; one of each per
 * rule but the fix and the acceptances.
 */
export function planQuickFixes(findings: Finding[], start: number, end: number, text?: string): QuickFix[] {
  const plan: QuickFix[] = [];
  const offered = new Set<string>();
  const ignoreOffered = new Set<string>();
  const abbreviationOffered = new Set<string>();
  const safeFixable = findings.filter((finding) => finding.fix?.safe);
  let fixAllOffered = false;
  for (const finding of findings.filter((candidate) => candidate.start <= end && candidate.end >= start)) {
    if (finding.fix) {
      const choices = [finding.fix, ...(finding.alternatives ?? [])];
      for (const [index, fix] of choices.entries()) {
        plan.push({ kind: 'fix', title: `Replace with "${fix.newText}" (${finding.ruleId})`, fixes: editsOf(fix), finding, preferred: index === 0 && choices.length === 1 });
      }
    }
    // Accepting a finding, by its text and rule, where it is written down: the document or the workspace.
    const flagged = text?.slice(finding.start, finding.end).replace(/\s+/g, ' ').trim();
    const ignoreKey = `${finding.ruleId}\u0000${flagged?.toLowerCase()}`;
    const acceptActions: QuickFix[] = [];
    const abbreviation = finding.abbreviation;
    // An undefined abbreviation is accepted for the workspace as an abbreviation its readers know
    // (`abbreviations.ignore`), not as a text: one "Ignore … in this workspace", not two.
    const knownAbbreviation = abbreviation !== undefined && NEEDS_DEFINITION_RULES.has(finding.ruleId);
    if (flagged && !ignoreOffered.has(ignoreKey)) {
      ignoreOffered.add(ignoreKey);
      const entry = { text: flagged, rule: finding.ruleId };
      acceptActions.push({ kind: 'ignore-document', title: `Ignore "${flagged}" in this document (${finding.ruleId})`, entry });
      if (!knownAbbreviation) acceptActions.push({ kind: 'ignore-workspace', title: `Ignore "${flagged}" in this workspace (${finding.ruleId})`, entry });
    }
    // Or the abbreviation itself: a term of the team's, or one its readers know.
    if (abbreviation && !abbreviationOffered.has(abbreviation.short)) {
      abbreviationOffered.add(abbreviation.short);
      if (!finding.entryId) acceptActions.push({ kind: 'add-team-term', title: `Add ${abbreviation.short} to team terms`, abbreviation });
      if (knownAbbreviation) acceptActions.push({ kind: 'ignore-abbreviation', title: `Ignore ${abbreviation.short} in this workspace`, abbreviation: abbreviation.short });
    }
    if (offered.has(finding.ruleId)) {
      plan.push(...acceptActions);
      continue;
    }
    offered.add(finding.ruleId);
    const sameRule = safeFixable.filter((other) => other.ruleId === finding.ruleId);
    if (sameRule.length > 1) plan.push({ kind: 'fix-all-rule', title: `Fix all ${finding.ruleId} problems in this file`, fixes: compatibleFixes(sameRule, { safeOnly: true }).flatMap(editsOf) });
    if (!fixAllOffered && safeFixable.length > 0 && finding.fix) {
      fixAllOffered = true;
      plan.push({ kind: 'fix-all', title: FIX_ALL_TITLE });
    }
    plan.push({ kind: 'disable-line', title: `Disable ${finding.ruleId} for this line`, ruleId: finding.ruleId, line: finding.range.start.line });
    plan.push(...acceptActions);
    plan.push({ kind: 'docs', title: `Learn about ${finding.ruleId}`, ruleId: finding.ruleId });
  }
  return plan;
}
