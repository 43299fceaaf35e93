import { blockAt, chunkReadings, chunksWithMatches, documentMatch, KeptKind, spanReading, type Analysis, type SpanReadings, type CorpusMatch } from '../analysis';
import { inContext } from '../context';
import { addTo, groupBy } from '../collections';
import type { MatchPayload, TermForm } from '../corpus/compile';
import type { ClaimEntry, ClaimRuleId, TermEntry } from '../corpus/types';
import { sentenceAt, type Sentence } from '../text/sentences';
import { partitionPoint } from '../text/spans';
import { tokenIs, tokenize, wordAt } from '../text/tokens';

export type TermMatch = CorpusMatch & { phrase: { payload: Extract<MatchPayload, { kind: 'term' }> } };
export type ClaimMatch = CorpusMatch & { phrase: { payload: Extract<MatchPayload, { kind: 'claim' }> } };

export function isTermMatch(match: CorpusMatch): match is TermMatch {
  return match.phrase.payload.kind === 'term';
}

/** An analysis's matches sorted once by what the rules ask for, each list in document order. */
interface MatchIndex {
  terms: TermMatch[];
  termsByForm: Map<TermForm, TermMatch[]>;
  claimsByRule: Map<ClaimRuleId, ClaimMatch[]>;
}

const matchIndexes = new WeakMap<Analysis, MatchIndex>();

function matchIndexOf(analysis: Analysis): MatchIndex {
  let index = matchIndexes.get(analysis);
  if (!index) {
    const terms = analysis.matches.filter(isTermMatch);
    const claims = analysis.matches.filter((match): match is ClaimMatch => match.phrase.payload.kind === 'claim');
    index = {
      terms,
      termsByForm: groupBy(terms, (match) => match.phrase.payload.form),
      claimsByRule: groupBy(claims, (match) => match.phrase.payload.claim.rule),
    };
    matchIndexes.set(analysis, index);
  }
  return index;
}

/** The term matches, of the given forms if any. The list is shared: do not change it. */
export function termMatches(analysis: Analysis, forms?: TermForm[]): readonly TermMatch[] {
  if (forms?.length === 1 && analysis.chunks) return chunkedTermsOfForm(analysis, forms[0]!);
  const index = matchIndexOf(analysis);
  if (!forms) return index.terms;
  if (forms.length === 1) return index.termsByForm.get(forms[0]!) ?? [];
  return index.terms.filter((match) => forms.includes(match.phrase.payload.form));
}

// Per chunk, the indexes of its term matches by form: an edit groups again only the chunks it changed.
const chunkFormsOf = new KeptKind<Map<TermForm, number[]>>();
const termsOfFormOf = new WeakMap<Analysis, Map<TermForm, TermMatch[]>>();

function groupChunkForms(view: Analysis): Map<TermForm, number[]> {
  const forms = new Map<TermForm, number[]>();
  view.matches.forEach((match, index) => {
    if (isTermMatch(match)) addTo(forms, match.phrase.payload.form, index);
  });
  return forms;
}

/** A document's term matches of one form, from its chunks' groups, without grouping all its matches again. */
function chunkedTermsOfForm(analysis: Analysis, form: TermForm): TermMatch[] {
  let byForm = termsOfFormOf.get(analysis);
  if (!byForm) termsOfFormOf.set(analysis, (byForm = new Map()));
  let found = byForm.get(form);
  if (!found) {
    found = chunkReadings(analysis, chunksWithMatches(analysis), chunkFormsOf, groupChunkForms).flatMap(({ chunk, reading }) => (reading.get(form) ?? []).map((index) => documentMatch(analysis, chunk, index) as TermMatch));
    byForm.set(form, found);
  }
  return found;
}

/** The claim matches of one rule. The list is shared: do not change it. */
export function claimMatches(analysis: Analysis, rule: ClaimRuleId): readonly ClaimMatch[] {
  return matchIndexOf(analysis).claimsByRule.get(rule) ?? [];
}

/** Leftmost-longest matches that do not overlap (matches arrive ordered by start, longest first). */
export function nonOverlapping<T extends { start: number; end: number }>(matches: readonly T[]): T[] {
  const kept: T[] = [];
  let reach = -1;
  for (const match of matches) {
    if (match.start >= reach) {
      kept.push(match);
      reach = match.end;
    }
  }
  return kept;
}

export function inHeading(analysis: Analysis, offset: number): boolean {
  return blockAt(analysis.prose, offset)?.kind === 'heading';
}

export function sentenceOf(analysis: Analysis, offset: number): Sentence {
  return sentenceAt(analysis.sentences, offset) ?? { start: offset, end: offset };
}

/** The words of a span as a message quotes them: a hard-wrapped phrase reads as one line. */
export function surface(analysis: Analysis, match: { start: number; end: number }): string {
  return analysis.prose.text.slice(match.start, match.end).replace(/\s+/g, ' ');
}

export function displayName(entry: TermEntry): string {
  return entry.abbreviation ?? entry.term;
}

// What may stand between a sentence's start and its first word.
const OPENING_MARKS = '"\'([\u2018\u201c';

/**
 * Whether a prose offset opens a sentence: only opening quotes, brackets or parentheses before it, or
 * a quotation opened after a colon (He said: "Keytruda works.").
 */
export function atSentenceStart(analysis: Analysis, start: number): boolean {
  const sentence = sentenceOf(analysis, start);
  const text = analysis.prose.text;
  let opening = sentence.start;
  while (opening < start && OPENING_MARKS.includes(text[opening]!)) opening++;
  if (opening === start) return true;
  // A colon, spaces and an opening quote just before: read back from the start, not across the sentence.
  if (start <= sentence.start || !'"\u201c\u2018'.includes(text[start - 1]!)) return false;
  let at = start - 1;
  while (at > sentence.start && /\s/.test(text[at - 1]!)) at--;
  return at > sentence.start && text[at - 1] === ':';
}

/** Capitalises a replacement that starts a sentence, the only place a writer's capital is grammar, not a name. */
export function capitalizeAtSentenceStart(analysis: Analysis, start: number, replacement: string): string {
  if (!atSentenceStart(analysis, start)) return replacement;
  return replacement.charAt(0).toUpperCase() + replacement.slice(1);
}

/**
 * A replacement never lowers the capital that opens a sentence ("Biogeneric drugs" becomes "Biosimilar
 * drugs", not "biosimilar drugs"); elsewhere, and where the writer wrote lower case, it is left as it is.
 */
export function keepSentenceCapital(analysis: Analysis, start: number, replacement: string): string {
  // An abbreviation keeps its own case at a sentence's start: "mTOR", "irAEs".
  if (!/^\p{Lu}/u.test(analysis.prose.text.charAt(start)) || !/^\p{Ll}+(?![\p{L}\p{N}])/u.test(replacement)) return replacement;
  return capitalizeAtSentenceStart(analysis, start, replacement);
}

const NEGATIONS = new Set(['no', 'not', 'never', 'cannot', 'nor', 'neither', 'without', 'none', 'nothing']);

/** A negation within a few words before the token, in the same sentence ("there is no cure", "does not cure"). */
export function isNegated(analysis: Analysis, index: number, window = 4): boolean {
  const { tokens } = analysis;
  const sentence = sentenceOf(analysis, tokens.starts[index]!);
  for (let k = index - 1; k >= 0 && k >= index - window && tokens.starts[k]! >= sentence.start; k--) {
    const word = wordAt(tokens, k);
    if (NEGATIONS.has(word)) return true;
    // Contractions: doesn't, isn't, can't, won't split into "doesn" + "t".
    if (word === 't' && k > 0 && tokens.lowerText.charCodeAt(tokens.ends[k - 1]! - 1) === 0x6e && /^['\u2019]$/.test(analysis.prose.text.slice(tokens.ends[k - 1], tokens.starts[k]))) return true;
  }
  return false;
}

// The corpus's exception phrases, as words: read once, not at every claim match.
const phraseWords = new Map<string, string[]>();

function wordsOf(text: string): string[] {
  let words = phraseWords.get(text);
  if (!words) {
    const tokens = tokenize(text);
    words = Array.from({ length: tokens.count }, (_, index) => wordAt(tokens, index));
    phraseWords.set(text, words);
  }
  return words;
}

/** Whether the words right after (or before) a match spell one of `phrases`. */
export function adjacentPhrase(analysis: Analysis, match: CorpusMatch, phrases: string[] | undefined, direction: 'after' | 'before'): boolean {
  if (!phrases?.length) return false;
  const { tokens } = analysis;
  const sentence = sentenceOf(analysis, match.start);
  return phrases.some((phrase) => {
    const words = wordsOf(phrase);
    for (let k = 0; k < words.length; k++) {
      const index = direction === 'after' ? match.lastToken + 1 + k : match.firstToken - words.length + k;
      if (index < 0 || index >= tokens.count) return false;
      if (tokens.starts[index]! < sentence.start || tokens.starts[index]! >= sentence.end) return false;
      if (!tokenIs(tokens, index, words[k]!)) return false;
    }
    return true;
  });
}

/** A claim match that the claim's own exceptions do not excuse. */
export function claimApplies(analysis: Analysis, match: ClaimMatch): boolean {
  const claim: ClaimEntry = match.phrase.payload.claim;
  if (claim.negatable && isNegated(analysis, match.firstToken)) return false;
  if (adjacentPhrase(analysis, match, claim.unlessFollowedBy, 'after')) return false;
  if (adjacentPhrase(analysis, match, claim.unlessPrecededBy, 'before')) return false;
  return !claim.unlessContext?.some((context) => inContext(analysis, match, context));
}

const TEXT_CITATION = [
  /\[(?:\s*(?:refs?\.?\s*)?\d+[a-z]?(?:\s*[-\u2013,;]\s*\d+[a-z]?)*\s*|\^[^\]\s]+)\]/i,
  // A named trial or registry number in parentheses, as regulatory documents cite: "(KEYNOTE-024)", "(CheckMate 067)", "(NCT01234567)".
  /\([^()]{0,80}?(?:\b[A-Za-z]{3,}[- ]?\d{2,4}[A-Za-z]?\b|\bNCT\d{8}\b)[^()]{0,80}\)/,
  /\([^()]{0,160}?\b(?:19|20)\d{2}[a-z]?(?:[,;][^()]{0,40})?\)/,
  /[\u00b9\u00b2\u00b3\u2070-\u2079]/,
];

// The statistics a results section reports: a ratio, an interval, a P value, or values compared with vs.
const STATISTIC = /\b(?:HR|OR|RR|IRR|CI)\b\s*[,:=]?\s*\d|\b\d+(?:\.\d+)?\s*%?\s*(?:CI|confidence interval)\b|\b[Pp]\s*[<=>\u2264]\s*0?\.\d|\d(?:\.\d+)?\s*%?\s*(?:vs\.?|versus)\s*\d/;

/** Whether the sentence reports a statistic (HR 0.59, 95% CI, P < .001, 15% vs 55%). */
export function hasStatistic(analysis: Analysis, sentence: Sentence): boolean {
  return STATISTIC.test(analysis.prose.text.slice(sentence.start, sentence.end));
}

/** Whether the sentence cites a source: a reference number, footnote, superscript, (Author, year) or a link. */
export function hasCitation(analysis: Analysis, sentence: Sentence): boolean {
  return spanReading(citedSentences, analysis, sentence, () => {
    const { citations } = analysis.prose;
    const first = partitionPoint(citations.length, (index) => citations[index]! < sentence.start);
    const text = analysis.prose.text.slice(sentence.start, sentence.end);
    return (first < citations.length && citations[first]! < sentence.end) || TEXT_CITATION.some((pattern) => pattern.test(text));
  });
}

const citedSentences: SpanReadings<boolean> = new WeakMap();

/** The ATX level of the heading block that holds a prose offset (1 to 6), or 0 outside headings. */
export function headingLevel(analysis: Analysis, offset: number): number {
  const block = blockAt(analysis.prose, offset);
  if (block?.kind !== 'heading') return 0;
  const source = analysis.source;
  const at = analysis.prose.sourceStart(block.start);
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const hashes = /^ {0,3}(#{1,6})/.exec(source.slice(lineStart, at))?.[1];
  // A setext heading (underlined with === or ---) is level 1 or 2; reading the underline would be a
  // second scan of the source, and level 2 keeps such a section no wider than it is.
  return hashes ? hashes.length : 2;
}

/** Whether the section a heading at `headingOffset` opens still runs at `offset` (no heading of its level or above between). */
export function inSectionOf(analysis: Analysis, headingOffset: number, offset: number): boolean {
  const level = headingLevel(analysis, headingOffset);
  if (level === 0 || offset < headingOffset) return false;
  const { blocks } = analysis.prose;
  const heading = blockAt(analysis.prose, headingOffset)!;
  for (let index = partitionPoint(blocks.length, (at) => blocks[at]!.start <= heading.start); index < blocks.length && blocks[index]!.start <= offset; index++) {
    const block = blocks[index]!;
    if (block.kind === 'heading' && headingLevel(analysis, block.start) <= level) return false;
  }
  return true;
}

/** How many emphasis delimiters (* or _) run from `at` in direction `step`: odd for italic, 2 for bold. */
function delimiterRun(source: string, at: number, step: 1 | -1): number {
  let count = 0;
  while (source[at + step * count] === '*' || source[at + step * count] === '_') count++;
  return count;
}

const GENE_WORDS = new Set([
  'gene', 'genes', 'mutation', 'mutations', 'mutated', 'mutant', 'polymorphism', 'polymorphisms', 'allele', 'alleles', 'locus',
  'loci', 'amplification', 'amplifications', 'amplified', 'rearrangement', 'rearrangements', 'rearranged', 'fusion', 'fusions',
  'genomic', 'alteration', 'alterations', 'aberration', 'aberrations', 'deletion', 'deletions', 'transcript', 'transcripts', 'mrna',
  'knockout', 'promoter', 'germline', 'somatic',
]);
const GENE_LEADS = new Set(['gene', 'genes', 'mutated', 'allele', 'alleles']);
const GENE_LEAD_PHRASES = [/\b(?:mutations?|alterations?|variants?|aberrations?|polymorphisms?|deletions?|amplification) (?:in|of) $/i, /\bgene (?:known as|called|named) $/i];
// The words those phrases end with: most matches follow none of them, and need no look further back.
const GENE_LEAD_LAST_WORDS = new Set(['in', 'of', 'as', 'called', 'named']);
const ALLELE_AFTER = /[-\u2010][A-Z0-9]{1,4}\*/y;

/**
 * Whether an abbreviation-shaped match names a gene: italic (HGNC style, *CTLA4*), an allele (HLA-C*08:02),
 * followed by gene words ("EGFR or ALK genomic aberrations", "the EGFR gene", "BRAF mutations") or led by them
 * ("mutations in EGFR", "a gene known as HLA-C").
 */
export function isGeneMention(analysis: Analysis, match: { start: number; end: number; firstToken: number; lastToken: number }): boolean {
  const { source, prose, tokens } = analysis;
  const sourceStart = prose.sourceStart(match.start);
  const sourceEnd = prose.sourceEnd(match.end);
  if (delimiterRun(source, sourceStart - 1, -1) % 2 === 1 && delimiterRun(source, sourceEnd, 1) % 2 === 1) return true;
  const text = prose.text;
  ALLELE_AFTER.lastIndex = match.end;
  if (ALLELE_AFTER.test(text)) return true;
  const sentence = sentenceOf(analysis, match.start);
  let next = match.lastToken + 1;
  // Past a coordinated symbol: "EGFR or ALK genomic tumor aberrations", "BRAF/MEK".
  if (next + 1 < tokens.count && /^(?:or|and)$/.test(wordAt(tokens, next)) && /^[A-Z0-9]{2,}$/.test(text.slice(tokens.starts[next + 1], tokens.ends[next + 1]))) next += 2;
  if (next < tokens.count && tokens.starts[next]! < sentence.end && GENE_WORDS.has(wordAt(tokens, next))) return true;
  const previous = match.firstToken - 1;
  if (previous < 0 || tokens.starts[previous]! < sentence.start) return false;
  const wordBefore = wordAt(tokens, previous);
  if (GENE_LEADS.has(wordBefore)) return true;
  if (!GENE_LEAD_LAST_WORDS.has(wordBefore)) return false;
  const lead = text.slice(Math.max(sentence.start, match.start - 40), match.start);
  return GENE_LEAD_PHRASES.some((pattern) => pattern.test(lead));
}

/**
 * An expansion as it reads inside a sentence: "Intention to treat", which opened a sentence, is
 * "intention to treat"; a proper name ("Food and Drug Administration") and a word with capitals
 * inside it ("T-cell", "McCune") keep theirs.
 */
export function lowerCaseOpening(expansion: string): string {
  const [first, ...rest] = expansion.split(' ');
  const titleCase = rest.some((word) => /^\p{Lu}\p{Ll}/u.test(word));
  return !titleCase && /^\p{Lu}\p{Ll}*(?:-\p{Ll}+)*$/u.test(first!) ? first!.toLowerCase() + (rest.length ? ` ${rest.join(' ')}` : '') : expansion;
}

/**
 * An abbreviation's definition as a writer would write it: plural when the use is ("immune-related
 * adverse events (irAEs)"); undefined for a plural whose expansion ends in a number or symbol, which
 * takes no plural ("programmed cell death protein 1s" is not English): the writer rephrases.
 */
export function writtenDefinition(expansion: string, abbreviation: string, plural: boolean): string | undefined {
  if (!plural) return `${expansion} (${abbreviation})`;
  return /\p{L}$/u.test(expansion) ? `${expansion}s (${abbreviation}s)` : undefined;
}
