import type { Finding, Fix } from './types';

/**
 * The fixes that can be applied together, in document order: a fix overlapping one already taken
 * waits for the next round (re-lint and fix again), as ESLint and markdownlint do.
 */
export function compatibleFixes(findings: Finding[]): Fix[] {
  const fixes = findings.map((finding) => finding.fix).filter((fix): fix is Fix => fix !== undefined);
  fixes.sort((a, b) => a.start - b.start || a.end - b.end);
  const chosen: Fix[] = [];
  let reach = -1;
  for (const fix of fixes) {
    if (fix.start < reach) continue;
    chosen.push(fix);
    reach = fix.end;
  }
  return chosen;
}

/** Applies the compatible fixes to the text. */
export function applyFixes(text: string, findings: Finding[]): { text: string; applied: number } {
  const chosen = compatibleFixes(findings);
  let result = text;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const fix = chosen[i]!;
    result = result.slice(0, fix.start) + fix.newText + result.slice(fix.end);
  }
  return { text: result, applied: chosen.length };
}

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
  | { kind: 'fix'; title: string; fixes: Fix[]; finding: Finding }
  | { kind: 'fix-all-rule'; title: string; fixes: Fix[] }
  | { kind: 'disable-line'; title: string; ruleId: string; line: number }
  | { kind: 'docs'; title: string; ruleId: string };

/**
 * The quick fixes for the findings that touch source offsets start..end, as markdownlint offers them:
 * the fix itself, fix every problem of the rule in the file, silence the rule on the line, and the
 * rule's documentation; one of each per rule but the fix.
 */
export function planQuickFixes(findings: Finding[], start: number, end: number): QuickFix[] {
  const plan: QuickFix[] = [];
  const offered = new Set<string>();
  for (const finding of findings.filter((candidate) => candidate.start <= end && candidate.end >= start)) {
    if (finding.fix) plan.push({ kind: 'fix', title: `Replace with "${finding.fix.newText}" (${finding.ruleId})`, fixes: [finding.fix], finding });
    if (offered.has(finding.ruleId)) continue;
    offered.add(finding.ruleId);
    const sameRule = findings.filter((other) => other.ruleId === finding.ruleId && other.fix);
    if (sameRule.length > 1) plan.push({ kind: 'fix-all-rule', title: `Fix all ${finding.ruleId} problems in this file`, fixes: compatibleFixes(sameRule) });
    plan.push({ kind: 'disable-line', title: `Disable ${finding.ruleId} for this line`, ruleId: finding.ruleId, line: finding.range.start.line });
    plan.push({ kind: 'docs', title: `Learn about ${finding.ruleId}`, ruleId: finding.ruleId });
  }
  return plan;
}
