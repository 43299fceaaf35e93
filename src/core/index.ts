/** medlint core: editor-agnostic, no Node or vscode APIs. Text in, plain data out. */
export { createLinter, type Linter, type LinterOptions } from './linter';
export type { TextFormat } from './plainText';
export { applyFixes } from './fixes';
export { rules, ruleIds, type Rule, type RuleDocs, type RuleExample } from './rules';
export type { HoverCard } from './hover';
export { LineIndex } from './text/lineIndex';
export { loadCorpus, mergeCorpora, parseTermFile, parseClaimFile, entryIdOf, type SourceFile, type LoadResult } from './corpus/load';
export { checkIntegrity } from './corpus/integrity';
export { formatProblem, type Corpus, type CorpusProblem, type TermEntry, type ClaimEntry } from './corpus/types';
export { validateConfig, type MedlintConfig } from './config';
export type { Finding, Fix, Notice, Position, Range, Severity, SeveritySetting, SourceSpan } from './types';
export { BUILTIN_PROFILES, PROFILE_SEVERITIES, resolveProfile, type ProfileDefinition, type ResolvedProfile } from './profiles';
export { gradeSummary, type ReadabilityReport, type ReadabilityScores } from './readability';
