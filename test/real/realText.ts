/**
 * The labelled real-text set: public-domain documents in test/real/docs, what medlint finds on them,
 * and an editor's label for every finding (and for the problems it should find but does not).
 * `npm run real` prints the figures; test/real.test.ts holds them to account.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyFixes, compatibleFixes } from '../../src/core/fixes';
import type { Finding } from '../../src/core/types';
import { linter } from '../helpers';

export const REAL_DIR = __dirname;
export const DOCS_DIR = join(REAL_DIR, 'docs');
export const LABELS_FILE = join(REAL_DIR, 'labels.yaml');
export const SOURCES_FILE = join(REAL_DIR, 'SOURCES.md');

/** How carefully a document is written: the first two are held to the false-alarm target. */
export type Register = 'professional' | 'patient' | 'loose';
const REGISTERS: readonly Register[] = ['professional', 'patient', 'loose'];

/**
 * `tp`: a problem an editor would send back. `fp`: a false alarm. `fn`: a problem within medlint's
 * rule families that it does not report (counted for recall). `todo`: written by --update, to decide.
 */
export type Verdict = 'tp' | 'fp' | 'fn' | 'todo';

export interface Label {
  file: string;
  /** 1-based `line:column` of the finding's start, as the CLI prints it. */
  at: string;
  rule: string;
  text: string;
  label: Verdict;
  why: string;
}

export interface LabelledFinding {
  file: string;
  finding: Finding;
  text: string;
  label?: Label;
}

export interface RealDocument {
  file: string;
  register: Register;
  words: number;
  source: string;
}

export interface Evaluation {
  documents: RealDocument[];
  findings: LabelledFinding[];
  /** Labels of kind tp or fp that match no finding: a reviewed decision has changed. */
  stale: Label[];
  /** Problems labelled `fn` that medlint still does not report. */
  missed: Label[];
}

function positionOf(finding: Finding): string {
  return `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
}

function keyOf(file: string, at: string, rule: string): string {
  return `${file}\u0000${at}\u0000${rule}`;
}

/** The register of each document, from the `register` column of SOURCES.md. */
export function readRegisters(): Map<string, Register> {
  const registers = new Map<string, Register>();
  for (const line of readFileSync(SOURCES_FILE, 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const file = /^`?([\w.-]+\.md)`?$/.exec(cells[1] ?? '')?.[1];
    if (!file) continue;
    const register = cells[2] as Register;
    if (!REGISTERS.includes(register)) throw new Error(`SOURCES.md: ${file} has register "${cells[2]}", not one of ${REGISTERS.join(', ')}`);
    registers.set(file, register);
  }
  return registers;
}

export function readDocuments(): RealDocument[] {
  const registers = readRegisters();
  return readdirSync(DOCS_DIR)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const register = registers.get(file);
      if (!register) throw new Error(`test/real/docs/${file} has no row in SOURCES.md`);
      const source = readFileSync(join(DOCS_DIR, file), 'utf8');
      return { file, register, source, words: source.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length };
    });
}

export function readLabels(): Label[] {
  const data = (parse(readFileSync(LABELS_FILE, 'utf8')) ?? {}) as Record<string, Omit<Label, 'file'>[]>;
  return Object.entries(data).flatMap(([file, labels]) => (labels ?? []).map((label) => ({ file, ...label, at: String(label.at) })));
}

export function evaluate(documents = readDocuments(), labels = readLabels()): Evaluation {
  const byKey = new Map(labels.map((label) => [keyOf(label.file, label.at, label.rule), label]));
  const used = new Set<Label>();
  const lint = linter();
  const findings: LabelledFinding[] = [];
  for (const document of documents) {
    for (const finding of lint.lint(document.source)) {
      const label = byKey.get(keyOf(document.file, positionOf(finding), finding.ruleId));
      if (label) used.add(label);
      findings.push({ file: document.file, finding, text: document.source.slice(finding.start, finding.end), ...(label ? { label } : {}) });
    }
  }
  const unused = labels.filter((label) => !used.has(label));
  return {
    documents,
    findings,
    stale: unused.filter((label) => label.label === 'tp' || label.label === 'fp' || label.label === 'todo'),
    missed: unused.filter((label) => label.label === 'fn'),
  };
}

export interface Tally {
  findings: number;
  tp: number;
  fp: number;
  /** Findings labelled `fn` (found since) count as true positives. */
  unlabelled: number;
  words: number;
  missed: number;
}

function emptyTally(words = 0): Tally {
  return { findings: 0, tp: 0, fp: 0, unlabelled: 0, words, missed: 0 };
}

function count(tally: Tally, finding: LabelledFinding): void {
  tally.findings++;
  const verdict = finding.label?.label;
  if (verdict === 'tp' || verdict === 'fn') tally.tp++;
  else if (verdict === 'fp') tally.fp++;
  else tally.unlabelled++;
}

export const precision = (tally: Tally) => (tally.tp + tally.fp === 0 ? 1 : tally.tp / (tally.tp + tally.fp));
export const falseAlarmsPerThousandWords = (tally: Tally) => (tally.words === 0 ? 0 : (1000 * tally.fp) / tally.words);
export const recall = (tally: Tally) => (tally.tp + tally.missed === 0 ? 1 : tally.tp / (tally.tp + tally.missed));

/** Figures per rule, per register and overall. */
export function tallies(evaluation: Evaluation): { byRule: Map<string, Tally>; byRegister: Map<Register, Tally>; overall: Tally } {
  const registerOf = new Map(evaluation.documents.map((document) => [document.file, document.register]));
  const overall = emptyTally(evaluation.documents.reduce((sum, document) => sum + document.words, 0));
  const byRule = new Map<string, Tally>();
  const byRegister = new Map<Register, Tally>(REGISTERS.map((register) => [register, emptyTally()]));
  for (const document of evaluation.documents) byRegister.get(document.register)!.words += document.words;
  for (const finding of evaluation.findings) {
    const rule = finding.finding.ruleId;
    if (!byRule.has(rule)) byRule.set(rule, emptyTally(overall.words));
    for (const tally of [overall, byRule.get(rule)!, byRegister.get(registerOf.get(finding.file)!)!]) count(tally, finding);
  }
  for (const label of evaluation.missed) {
    if (!byRule.has(label.rule)) byRule.set(label.rule, emptyTally(overall.words));
    for (const tally of [overall, byRule.get(label.rule)!, byRegister.get(registerOf.get(label.file)!)!]) tally.missed++;
  }
  return { byRule, byRegister, overall };
}

function yamlString(text: string): string {
  return JSON.stringify(text.replace(/\s+/g, ' '));
}

/**
 * Rewrites labels.yaml: every current finding with its label (`todo` where it has none), the `fn`
 * labels still missed, and nothing stale. The reviewer then decides each `todo`.
 */
export function writeLabels(evaluation: Evaluation): void {
  const lines = [
    '# Every finding medlint makes on test/real/docs, labelled as a senior medical editor would judge it in context.',
    '# tp: an editor would send it back. fp: a false alarm. fn: a problem medlint should find and does not.',
    '# `npm run real -- --update` rewrites this file: new findings arrive as todo, stale labels leave.',
  ];
  const byFile = new Map<string, { at: string; rule: string; text: string; label: Verdict; why: string }[]>();
  for (const { file, finding, text, label } of evaluation.findings) {
    const list = byFile.get(file) ?? [];
    list.push({ at: positionOf(finding), rule: finding.ruleId, text, label: label?.label ?? 'todo', why: label?.why ?? '' });
    byFile.set(file, list);
  }
  for (const label of evaluation.missed) {
    const list = byFile.get(label.file) ?? [];
    list.push(label);
    byFile.set(label.file, list);
  }
  const compareAt = (a: string, b: string) => {
    const [lineA, columnA] = a.split(':').map(Number);
    const [lineB, columnB] = b.split(':').map(Number);
    return lineA! - lineB! || columnA! - columnB!;
  };
  for (const file of [...byFile.keys()].sort()) {
    lines.push(`${file}:`);
    for (const label of byFile.get(file)!.sort((a, b) => compareAt(a.at, b.at) || a.rule.localeCompare(b.rule))) {
      lines.push(`  - { at: "${label.at}", rule: ${label.rule}, text: ${yamlString(label.text)}, label: ${label.label}, why: ${yamlString(label.why)} }`);
    }
  }
  writeFileSync(LABELS_FILE, `${lines.join('\n')}\n`);
}

/**
 * Applies each document's fixes (as `medlint check --fix` does, to a fixed point) and returns the
 * findings of the fixed text that stand on a replaced span and were not there before.
 */
export function findingsIntroducedByFixes(document: RealDocument): { fixed: string; finding: Finding }[] {
  const lint = linter();
  let text = document.source;
  const introduced: { fixed: string; finding: Finding }[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const before = lint.lint(text);
    const fixes = compatibleFixes(before);
    if (fixes.length === 0) break;
    const result = applyFixes(text, before);
    // Where each replacement lands in the fixed text.
    let shift = 0;
    const spans = fixes.map((fix) => {
      const span = { start: fix.start + shift, end: fix.start + shift + fix.newText.length, newText: fix.newText };
      shift += fix.newText.length - (fix.end - fix.start);
      return span;
    });
    const known = new Set(before.map((finding) => `${finding.ruleId}\u0000${finding.message}`));
    for (const finding of lint.lint(result.text)) {
      const span = spans.find((candidate) => finding.start < candidate.end && finding.end > candidate.start);
      if (span && !known.has(`${finding.ruleId}\u0000${finding.message}`)) introduced.push({ fixed: span.newText, finding });
    }
    text = result.text;
  }
  return introduced;
}
