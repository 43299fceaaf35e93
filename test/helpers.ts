import assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyTextEdits, type ConfigChange } from '../src/core/ignoreEdits';
import { createLinter, type Linter, type LinterOptions } from '../src/core/linter';
import type { Corpus } from '../src/core/corpus/types';
import type { Finding } from '../src/core/types';
import { checkTermsDirectory } from '../src/node/terms';

export const ROOT = join(__dirname, '..');

let corpus: Corpus | undefined;

/** The built-in corpus, loaded from terms/ by the same loader the build uses. */
export function builtinCorpus(): Corpus {
  if (!corpus) {
    const result = checkTermsDirectory(join(ROOT, 'terms'), ROOT);
    if (result.problems.length) throw new Error(`terms/ has problems: ${JSON.stringify(result.problems)}`);
    corpus = result.corpus;
  }
  return corpus;
}

export function linter(options: Partial<LinterOptions> = {}): Linter {
  return createLinter({ corpus: builtinCorpus(), ...options });
}

/** `line:column-line:column message`, 1-based, the notation of the rule docs. */
export function describeFinding(finding: Finding): string {
  const { start, end } = finding.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.message}`;
}

export function findingsOf(text: string, ruleId?: string, options: Partial<LinterOptions> = {}): string[] {
  return linter(options)
    .lint(text)
    .filter((finding) => !ruleId || finding.ruleId === ruleId)
    .map(describeFinding);
}

/** The text a finding's range covers, so tests can assert what a writer sees underlined. */
export function flagged(text: string, finding: Finding): string {
  return text.slice(finding.start, finding.end);
}

/** Drafts with an abbreviation the corpus lacks, used twice and never defined (once, it would be better written out). */
export const FAS_DRAFT = 'The FAS population was analysed. The FAS was large.\n';
export const SAP_DRAFT = 'The SAP was followed. The SAP said so.\n';

/**
 * The quick fixes on "FAS" in FAS_DRAFT, in the order every adapter lists them (VS Code then adds
 * "Learn about undefined-abbreviation").
 */
export const FAS_QUICK_FIXES = [
  'Disable undefined-abbreviation for this line',
  'Ignore "FAS" in this document (undefined-abbreviation)',
  'Add FAS to team terms',
  'Ignore FAS in this workspace',
];

/** A config's text once a change is applied to it (for a new config, the change's whole text). */
export function changed(configText: string | undefined, change: ConfigChange | undefined): string {
  assert.ok(change, 'a change');
  return 'newText' in change ? change.newText : applyTextEdits(configText!, change.edits);
}
