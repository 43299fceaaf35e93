import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { describeFixSummary, fixDocument } from '../core/fixes';
import type { Linter } from '../core/linter';
import { formatGrade, gradeSummary } from '../core/readability';
import type { Project } from '../node/project';
import type { Format, Piece, ReportOptions, Reporter } from './format';

export interface LintJob {
  config?: string;
  /** `--profile`: the profile of every file, whatever its front matter or config names. */
  profile?: string;
  fix: boolean;
  /** How each file's findings are rendered, where it is linted. */
  report: ReportOptions & { format: Format };
}

/**
 * One file's outcome: its piece of the report, what --fix did and what medlint says about the file as
 * a whole (notices, as `line:column: message`); nothing (ignored by the config); or why it was skipped.
 */
export type FileOutcome = { file: string; piece: Piece; fixed?: string; notices: string[] } | { file: string; ignored: true } | { file: string; skip: string };

type Decoded = { text: string; bom: boolean } | { skip: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes of the file being read, in one buffer that reads of files up to 1 MB reuse: a buffer per
 * file is garbage the moment it is decoded, yet stays allocated until a full collection, and after
 * 500 files of 20 KB a thread held 14-18 MB of them. A larger file gets a buffer of its own, so one
 * long report does not keep its size in memory for the rest of the run.
 */
let reusedBuffer = Buffer.allocUnsafe(64 * 1024);
const MAX_REUSED_BYTES = 1 << 20;

function readBytes(file: string): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    // A byte more than the file's size, so the read that finds its end needs no larger buffer.
    const size = fstatSync(descriptor).size + 1;
    let buffer = reusedBuffer;
    if (buffer.length < size) {
      buffer = Buffer.allocUnsafe(size);
      if (size <= MAX_REUSED_BYTES) reusedBuffer = buffer;
    }
    let length = 0;
    // Until the end of the file, which may have grown since its size was taken.
    for (let read = 1; read > 0; length += read) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      read = readSync(descriptor, buffer, length, buffer.length - length, null);
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(descriptor);
  }
}

function readDraft(file: string): Decoded {
  let bytes: Buffer;
  try {
    bytes = readBytes(file);
  } catch (error) {
    return { skip: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { skip: 'binary file' };
  try {
    return { text: utf8.decode(bytes), bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf };
  } catch {
    return { skip: 'not UTF-8 text' };
  }
}

/** A patient document's profile and reading grade, for the stylish report; nothing for other documents. */
function gradeOf(linter: Linter, text: string): { grade?: string } {
  if (linter.profile(text).audience !== 'lay') return {};
  const report = linter.readability(text);
  return { grade: `${gradeSummary(report)} (SMOG ${formatGrade(report.document.smog)}), target ${report.targetGrade}` };
}

/** Lints one file (after applying its safe fixes in place, with `fix`): the same on the main thread or in a worker. */
export function lintFile(project: Project, file: string, job: LintJob, reporter: Reporter): FileOutcome {
  const draft = readDraft(file);
  if ('skip' in draft) return { file, skip: draft.skip };
  const { linter, ignored } = project.settingsFor(file);
  if (ignored) return { file, ignored: true };
  const notices = (text: string) => linter.notices(text).map(({ span, message }) => `${span.range.start.line + 1}:${span.range.start.character + 1}: ${message}`);
  // A chapter of a document in several files is checked with the others: its abbreviations continue theirs.
  const parts = project.partsFor(file);
  const sources = project.citationSourcesFor(file, draft.text);
  if (!job.fix) return { file, piece: reporter.render({ file, findings: linter.lint(draft.text, 'markdown', parts, sources), ...gradeOf(linter, draft.text) }), notices: notices(draft.text) };
  const fixed = fixDocument(draft.text, (text) => linter.lint(text, 'markdown', parts, sources));
  if (fixed.text !== draft.text) writeFileSync(file, draft.bom ? `\ufeff${fixed.text}` : fixed.text);
  return { file, piece: reporter.render({ file, findings: fixed.findings, ...gradeOf(linter, fixed.text) }), fixed: describeFixSummary(fixed.summary), notices: notices(fixed.text) };
}
