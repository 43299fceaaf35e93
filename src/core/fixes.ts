import type { Finding, Fix } from './types';

/** Applies non-overlapping fixes, last first; a fix overlapping one already taken is skipped. */
export function applyFixes(text: string, findings: Finding[]): { text: string; applied: number } {
  const fixes = findings.map((finding) => finding.fix).filter((fix): fix is Fix => fix !== undefined);
  fixes.sort((a, b) => a.start - b.start || a.end - b.end);
  const chosen: Fix[] = [];
  let reach = -1;
  for (const fix of fixes) {
    if (fix.start < reach || (fix.start === reach && fix.start === fix.end && chosen.at(-1)?.end === fix.start)) continue;
    chosen.push(fix);
    reach = fix.end;
  }
  let result = text;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const fix = chosen[i]!;
    result = result.slice(0, fix.start) + fix.newText + result.slice(fix.end);
  }
  return { text: result, applied: chosen.length };
}
