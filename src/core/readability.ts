import { fleschKincaid } from 'flesch-kincaid';
import { smogFormula } from 'smog-formula';
import { syllable } from 'syllable';
import { detachedCopy, type Analysis } from './analysis';
import { BLOCK_BREAK, PLACEHOLDER } from './markdown/prose';
import type { SourceSpan } from './types';

/**
 * How hard the prose of a document is to read, per section (heading to heading) and as a whole, by
 * the Flesch–Kincaid grade level and SMOG: the formulas and syllable counts of the `flesch-kincaid`,
 * `smog-formula` and `syllable` packages. Only paragraphs and list items count: headings, table
 * cells and code are not prose (the analysis leaves code and link targets out already), nor are
 * numbers and bracketed citations.
 */

export interface ReadabilityScores {
  sentences: number;
  words: number;
  syllables: number;
  /** Words of three or more syllables, which SMOG counts. */
  polysyllables: number;
  /** Flesch–Kincaid grade level (US school grade); NaN without a sentence. */
  grade: number;
  /** SMOG grade; NaN without a sentence. */
  smog: number;
}

/** A sentence with its own Flesch–Kincaid grade, in prose offsets. */
export interface ScoredSentence {
  start: number;
  end: number;
  grade: number;
}

/** A section of the prose: from a heading (absent before the first one) to the next heading. */
export interface ProseSection {
  heading?: { start: number; end: number };
  title: string;
  scores: ReadabilityScores;
  sentences: ScoredSentence[];
}

export interface ProseReadability {
  document: ReadabilityScores;
  sections: ProseSection[];
}

// A word has a letter; numbers, citation markers and stand-ins for code are not words.
const WORD = /\p{L}[\p{L}\p{M}\p{N}'\u2019\u2010\u2011-]*/gu;
// Citations written in the text: [1], [2-4], [@smith2020; @lee2021].
const CITATION = /\[(?:@[^\]]*|\d[\d,;\s\u2013-]*)\]/g;

interface Counts {
  sentences: number;
  words: number;
  syllables: number;
  polysyllables: number;
}

// Counting syllables is most of the cost, and a document repeats its words, and keeps most of its
// sentences from one edit to the next: counts are kept by word and by sentence, within a budget, under
// keys copied out of the document (a slice would keep the whole document alive).
const BUDGET = 2_000_000;
const syllablesByWord = new Map<string, number>();
const countsBySentence = new Map<string, Counts>();
let sentenceCharacters = 0;

function syllablesOf(word: string): number {
  let syllables = syllablesByWord.get(word);
  if (syllables === undefined) {
    if (syllablesByWord.size > BUDGET / 20) syllablesByWord.clear();
    syllables = Math.max(1, syllable(word));
    syllablesByWord.set(detachedCopy(word), syllables);
  }
  return syllables;
}

function countSentence(text: string): Counts {
  const cached = countsBySentence.get(text);
  if (cached) return cached;
  const counts = countWords(text);
  if (sentenceCharacters + text.length > BUDGET) {
    countsBySentence.clear();
    sentenceCharacters = 0;
  }
  countsBySentence.set(detachedCopy(text), counts);
  sentenceCharacters += text.length;
  return counts;
}

function countWords(text: string): Counts {
  const counts: Counts = { sentences: 1, words: 0, syllables: 0, polysyllables: 0 };
  for (const [word] of text.replace(CITATION, ' ').matchAll(WORD)) {
    const syllables = syllablesOf(word);
    counts.words++;
    counts.syllables += syllables;
    if (syllables >= 3) counts.polysyllables++;
  }
  return counts;
}

function scoresOf(counts: Counts): ReadabilityScores {
  const { sentences, words, syllables, polysyllables } = counts;
  return {
    ...counts,
    grade: fleschKincaid({ sentence: sentences, word: words, syllable: syllables }),
    smog: smogFormula({ sentence: sentences, polysillabicWord: polysyllables }),
  };
}

function add(total: Counts, counts: Counts): void {
  total.sentences += counts.sentences;
  total.words += counts.words;
  total.syllables += counts.syllables;
  total.polysyllables += counts.polysyllables;
}

const empty = (): Counts => ({ sentences: 0, words: 0, syllables: 0, polysyllables: 0 });

const cache = new WeakMap<Analysis, ProseReadability>();

/** The readability of the analysed document, computed once per version and shared (rule, status, report). */
export function proseReadability(analysis: Analysis): ProseReadability {
  let readability = cache.get(analysis);
  if (!readability) {
    readability = measure(analysis);
    cache.set(analysis, readability);
  }
  return readability;
}

function measure(analysis: Analysis): ProseReadability {
  const { prose, sentences } = analysis;
  const sections: (Omit<ProseSection, 'scores'> & { counts: Counts })[] = [];
  let section: (typeof sections)[number] | undefined;
  const total = empty();
  let next = 0;
  for (const block of prose.blocks) {
    if (block.kind === 'heading') {
      const title = prose.text.slice(block.start, block.end).replaceAll(PLACEHOLDER, '').replace(/\s+/g, ' ').trim();
      section = { heading: { start: block.start, end: block.end }, title, counts: empty(), sentences: [] };
      sections.push(section);
      continue;
    }
    while (next < sentences.length && sentences[next]!.end <= block.start) next++;
    if (block.kind !== 'paragraph') continue;
    for (; next < sentences.length && sentences[next]!.start < block.end; next++) {
      const sentence = sentences[next]!;
      const counts = countSentence(prose.text.slice(sentence.start, sentence.end).replaceAll(BLOCK_BREAK, ' '));
      if (counts.words === 0) continue;
      if (!section) {
        section = { title: '', counts: empty(), sentences: [] };
        sections.push(section);
      }
      add(section.counts, counts);
      add(total, counts);
      section.sentences.push({ start: sentence.start, end: sentence.end, grade: scoresOf(counts).grade });
    }
  }
  return { document: scoresOf(total), sections: sections.map(({ counts, ...rest }) => ({ ...rest, scores: scoresOf(counts) })) };
}

/** The sentences of a section that read hardest, hardest first. */
export function hardestSentences(section: ProseSection, count = 3): ScoredSentence[] {
  return [...section.sentences].sort((a, b) => b.grade - a.grade || a.start - b.start).slice(0, count);
}

/** What an editor, the language server and the CLI show of a document's readability, in source offsets. */
export interface ReadabilityReport {
  /** The document's profile, as the status bar names it, and its target grade. */
  profile: { name: string; label: string };
  targetGrade: number;
  document: ReadabilityScores;
  sections: {
    title: string;
    /** The heading's line, or the section's first sentence when it has no heading. */
    span: SourceSpan;
    hasHeading: boolean;
    scores: ReadabilityScores;
    hardest: { text: string; grade: number; span: SourceSpan }[];
  }[];
}

/** The report of an analysed document: its sections' scores placed in the source. */
export function readabilityReport(analysis: Analysis, profile: { name: string; label: string }, targetGrade: number): ReadabilityReport {
  const { prose, lines } = analysis;
  const spanOf = (start: number, end: number) => lines.spanOf(prose.sourceStart(start), prose.sourceEnd(end));
  const { document, sections } = proseReadability(analysis);
  return {
    profile,
    targetGrade,
    document,
    sections: sections.flatMap((section) => {
      const at = section.heading ?? section.sentences[0];
      if (!at) return [];
      return [
        {
          title: section.title,
          span: spanOf(at.start, at.end),
          hasHeading: section.heading !== undefined,
          scores: section.scores,
          hardest: hardestSentences(section).map((sentence) => ({ text: sentenceText(analysis, sentence), grade: sentence.grade, span: spanOf(sentence.start, sentence.end) })),
        },
      ];
    }),
  };
}

/** A sentence as a message quotes it: on one line, without trailing space. */
export function sentenceText(analysis: Analysis, sentence: { start: number; end: number }): string {
  return analysis.prose.text.slice(sentence.start, sentence.end).replaceAll(PLACEHOLDER, '').replace(/[\s\u2029]+/g, ' ').trim();
}

/** A grade as reports write it: one decimal. */
export const formatGrade = (grade: number) => (Number.isFinite(grade) ? grade.toFixed(1) : '–');

/** The document's profile and grade in a few words, as the status bar and the CLI show them: "Patient · grade 9.4". */
export function gradeSummary(report: ReadabilityReport): string {
  return `${report.profile.label} · grade ${formatGrade(report.document.grade)}`;
}
