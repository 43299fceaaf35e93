import type { Analysis } from './analysis';
import { inHeading, termMatches, type TermMatch } from './rules/helpers';
import { partitionPoint } from './text/spans';

/**
 * Whether a writer explains a term where it stands, in the forms patient materials use: in its
 * sentence or the next. Shared by `jargon` and, in patient documents, `undefined-abbreviation`.
 */

// The kinds of thing a plain explanation names: "immune substances", "a type of white blood cell".
const KIND = String.raw`(?:proteins?|substances?|cells?|drugs?|medicines?|chemicals?|molecules?|signals?|tests?|treatments?|therap(?:y|ies)|conditions?|diseases?|illness(?:es)?|cancers?|tumou?rs?|virus(?:es)?|germs?|types?|kinds?|groups?|forms?|problems?|side effects?|reactions?)`;
// "is a …", "are immune substances …", "means …".
const DEFINES = String.raw`(?:(?:is|are|was|were)\s+(?:(?:a|an|the|when|where|what|how|one|part|some)\b|(?:\p{L}+\s+){0,2}${KIND}\b)|means\b|refers\s+to\b|involves?\b)`;
const PARENTHESIS_AFTER = /^\s*\(([^()\u2029]*)\)/;
// ", a protein that", " — a …", ", which is …", ", or low …", ", two types of …".
const APPOSITION_AFTER = /^\s*(?:,|:|\u2014|\u2013|--)\s*(?:a|an|the|another|which|that|who|or|meaning|i\.e\.|also called|also known as|known as|(?:one|two|three|four|both)\s+(?:types?|kinds?|forms?))\b/i;
const DEFINITION_AFTER = new RegExp(String.raw`^\s+${DEFINES}`, 'iu');
// A term that names a compound ("T-cell transfer therapy is a …"), or the first of two ("X or Y, two types of …").
const COMPOUND_REST = /^(?:[\s-]+\p{Ll}[\p{L}-]*){1,2}(?=\s*[,(]|\s+(?:is|are|means)\b)/u;
const COORDINATED = /^\s+(?:or|and)\s+[^,.;:()\u2029]{1,40}(?=,)/;
// Before it: "a protein called PD-1", "its partner protein PD-L1", "skin cancers such as melanoma".
const NAMING_BEFORE = /\b(?:called|named|termed|known\s+as)\s+(?:(?:a|an|the)\s+)?["\u201c']?$/i;
const KIND_BEFORE = /\b(?:protein|marker|gene|virus|receptor)s?\s+["\u201c']?$/i;
const EXAMPLE_OF_KIND = new RegExp(String.raw`\b${KIND}\s*,?\s+(?:like|such\s+as|including|e\.g\.,?)\s+[^.;:!?\u2029]*$`, 'iu');
// Beside it: "the HER2 marker", "myeloma cancer cells".
const KIND_AFTER = /^\s+(?:protein|marker|gene|virus|cancers?|tumou?rs?)\b/i;
// The next sentence: "It is a protein…", "These checkpoints are a normal part…", "In this syndrome, …".
const NEXT_SENTENCE = new RegExp(String.raw`^\s*(?:(?:this|that|these|those|such|both|it|they)(?:\s+\p{L}+)?\s+(?:${DEFINES}|happens\b|occurs\b)|in\s+(?:this|that|these|such)\s+\p{L}+,)`, 'iu');
// Words with a lower-case letter: what an explanation in parentheses is made of, not an abbreviation.
const PLAIN_WORD = /\b\p{Ll}{2,}/gu;

export function sentenceIndexAt(analysis: Analysis, offset: number): number {
  const { sentences } = analysis;
  return partitionPoint(sentences.length, (index) => sentences[index]!.end <= offset);
}

const sameEntryWithin = (analysis: Analysis, match: TermMatch, start: number, end: number) =>
  termMatches(analysis).some((other) => other !== match && other.start >= start && other.end <= end && other.phrase.payload.entry.id === match.phrase.payload.entry.id);

/** Whether the parenthesis after a term explains it in words, rather than giving its abbreviation or expansion. */
function explainsInParenthesis(analysis: Analysis, match: TermMatch, after: string): boolean {
  const parenthesis = PARENTHESIS_AFTER.exec(after);
  if (!parenthesis) return false;
  if ((parenthesis[1]!.match(PLAIN_WORD) ?? []).length < 2) return false;
  const start = match.end + parenthesis.index;
  // "programmed cell death protein 1 (PD-1)", "PD-1 (programmed death 1)": the same term again.
  return !sameEntryWithin(analysis, match, start, start + parenthesis[0].length);
}

/** How far the words around a term are read for plain words: a few words, never a whole run of letters. */
const PLAIN_WORDS_REACH = 160;

/** "Lung problems (pneumonitis)": plain words, then the term in parentheses (not its own expansion, as in "… syndrome (CRS)"). */
function namedInParenthesis(analysis: Analysis, match: TermMatch, before: string, after: string): boolean {
  if (!before.endsWith('(')) return false;
  // Four words' worth of the text before: tried from every start, a long word would be read to its end
  // from each of its letters.
  const words = /(\p{L}[\p{L}'-]*\s+){0,3}\p{L}[\p{L}'-]*\s*\($/u.exec(before.slice(-PLAIN_WORDS_REACH));
  if (!words || !/^\s*\)/.test(after)) return false;
  const start = match.start - words[0].length;
  return !sameEntryWithin(analysis, match, start, match.start);
}

export function isExplained(analysis: Analysis, match: TermMatch): boolean {
  const text = analysis.prose.text;
  const index = sentenceIndexAt(analysis, match.start);
  const sentence = analysis.sentences[index];
  const sentenceEnd = sentence?.end ?? text.length;
  const after = text.slice(match.end, sentenceEnd);
  const before = text.slice(sentence?.start ?? 0, match.start);
  // Read within a few words: where hyphens join a long run of letters, COMPOUND_REST can split it in
  // as many ways as it is long, at every start.
  const rest = COMPOUND_REST.exec(after.slice(0, PLAIN_WORDS_REACH));
  const compound = (rest ? after.slice(rest[0].length) : after).replace(COORDINATED, '');
  if (explainsInParenthesis(analysis, match, after) || KIND_AFTER.test(after) || namedInParenthesis(analysis, match, before, after)) return true;
  if (APPOSITION_AFTER.test(compound) || DEFINITION_AFTER.test(compound)) return true;
  if (NAMING_BEFORE.test(before) || KIND_BEFORE.test(before) || EXAMPLE_OF_KIND.test(before)) return true;
  const next = analysis.sentences[index + 1];
  if (!next || inHeading(analysis, next.start)) return false;
  const nextText = text.slice(next.start, next.end);
  if (NEXT_SENTENCE.test(nextText)) return true;
  // "… PD-1 … . PD-1 is a protein …": the term again, defined.
  const again = termMatches(analysis).find((other) => other.start >= next.start && other.start < next.end && other.phrase.payload.entry.id === match.phrase.payload.entry.id);
  return again !== undefined && /^[\s"\u201c*_]*(?:(?:a|an|the)\s+)?$/i.test(text.slice(next.start, again.start)) && DEFINITION_AFTER.test(text.slice(again.end, next.end));
}
