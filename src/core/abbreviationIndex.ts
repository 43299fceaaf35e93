import { abbreviationUses, afterPercentage, findLongForm, placedChunkUses, withDefinition, type AbbreviationUse } from './abbreviations';
import { blockAt, chunkReading, placedChunkReadings, type Analysis, type DocumentChunk, KeptKind, type PlacedReading } from './analysis';
import { normalizeExpansion } from './corpus/compile';
import type { TermEntry } from './corpus/types';
import { PhraseMatcher, type PhraseMatch } from './matcher';
import { BLOCK_BREAK } from './markdown/prose';
import { inHeading, inSectionOf, isGeneMention, sentenceOf, termMatches } from './rules/helpers';
import { inQuotation } from './quotations';
import { definitionIn, type DefinitionElsewhere, type DocumentParts } from './documentParts';
import { BODY, documentScopes, scopeAt, type Scope } from './scopes';
import { partitionPoint } from './text/spans';
import { stickyMatch } from './text/sticky';
import { tokenIndexAfter } from './text/tokens';
import type { AbbreviationOptions } from './types';
import { WELL_KNOWN_ABBREVIATIONS, isChemicalFormula, isClusterOfDifferentiation, isStateInAddress } from './wellKnownAbbreviations';

/** Where and how the document spells an abbreviation out. */
export interface AbbreviationDefinition {
  /** Prose span of the expansion as written. */
  start: number;
  end: number;
  expansion: string;
  /**
   * The whole definition, expansion and abbreviation, where it has one of the parenthesised forms
   * ("intention to treat (ITT)", "ITT (intention to treat)"): what a fix rewrites.
   */
  phrase?: { start: number; end: number };
  /** Defined in a list of abbreviations or a legend's "Abbreviations:" line, not in running text. */
  listed: boolean;
}

export interface AbbreviationOccurrence {
  /** Prose span of the abbreviation as written, with a plural s. */
  start: number;
  end: number;
  plural: boolean;
  scope: Scope;
  inHeading: boolean;
  /** Whether the reader needs it defined before: not a gene symbol, a "95% CI", a trial's name or a glossary's entry. */
  needsDefinition: boolean;
  definition?: AbbreviationDefinition;
  /** The corpus's reading of this use, for a corpus abbreviation. */
  corpusUse?: AbbreviationUse;
}

/** Every abbreviation of a document: the corpus's and those found by their shape. */
export interface AbbreviationRecord {
  /** As an entry names it: singular. */
  short: string;
  entry?: TermEntry;
  occurrences: AbbreviationOccurrence[];
  /**
   * Whether a reader knows it without a definition: the well-known list, the team's `ignore`, the corpus;
   * or, in this document, a gene symbol or a member of a corpus abbreviation's family (HER3 beside HER2).
   */
  wellKnown: boolean;
  /** The glossary's definition, which serves the whole document. */
  glossary?: AbbreviationDefinition;
}

export interface AbbreviationIndex {
  records: AbbreviationRecord[];
  scopes: Scope[];
  /** Every written-out expansion of a defined abbreviation, in document order. */
  expansionsWritten: { record: AbbreviationRecord; start: number; end: number; plural: boolean }[];
}

const cache = new WeakMap<Analysis, AbbreviationIndex>();

// A glossary's abbreviations are its definitions; a press release's "About" paragraph is boilerplate, reused whole.
const STANDING_ALONE = new Set(['glossary', 'boilerplate']);

/** The abbreviation index of the analysis, computed once and shared by the abbreviation rules. */
export function abbreviationIndex(analysis: Analysis): AbbreviationIndex {
  let index = cache.get(analysis);
  if (!index) {
    index = buildIndex(analysis, analysis.abbreviationOptions ?? {});
    cache.set(analysis, index);
  }
  return index;
}

// Capitals that name rather than abbreviate, by the words around them: a trial ("the EMILIA trial", "the
// CLEOPATRA (NCT00567190) trial", "Study TDM4370g (EMILIA)"), a company ("H2 BEV, LLC"), a legal citation
// ("21 CFR Part 108", "21 USC 331"), a date ("FEB 26, 2015"), a speaker or memo label at the start of a
// paragraph ("SB: And I am...", "RE: Warning Letter").
const TRIAL_AFTER = /^\s*(?:or\s+[\p{L}\p{N}-]+\s*)?(?:\([^()]{0,40}\)\s*)?(?:trials?|stud(?:y|ies))\b/iu;
// A number or code after the capitals names a document, protocol or record: "SEA 08-18", "CMS #730567",
// "EORTC 18071", "SWOG S1801"; a registration mark, a product ("PDQ®").
const NUMBERED_AFTER = /^(?:\s+(?:#\s?)?[A-Z]?\d{3,}|\s+\d+(?:[-\u2013]\d+)+|\s*\(\s*\d+\s*(?:mg|g|mcg|µg|mL|IU)\b)/;
// A registration or trademark sign makes the capitals a product's name wherever they stand: "PDQ®".
const REGISTERED_AFTER = /^[®\u2122\u2120]/;
// A name in title case around the capitals: "NIH Clinical Center", "Active CBD Oil", "OG Kush", "Black
// Salve with DMSO" (mid-sentence, so not a sentence's first word); and a named agent ("the agent DM1").
const NAME_AFTER = /^(?:['\u2019]s)? \p{Lu}\p{Ll}{2,}/u;
const NAME_BEFORE = /(?:\b(?:agent|compound|payload|brand|product|firm|company) |[^.!?:;\s] \p{Lu}\p{Ll}{2,} (?:(?:with|of|&) )?)$/u;
const TRIAL_BEFORE = /\b(?:study|trial)\s+[\p{L}\p{N}-]+\s*\($/iu;
const COMPANY_AFTER = /^,?\s+(?:LLC|INC|Inc|Ltd|LLP|Corp|Co)\b/;
const CITATION = { before: /\d\s$/, after: /^\s+(?:\d|part\b|§)/i };
const MONTHS = new Set(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'SEPT', 'OCT', 'NOV', 'DEC']);
const GENE_SYMBOL = /^[A-Z][A-Z0-9]{1,7}$/;
const GENE_SENTENCE = /\bgenes?\b/i;
// A transcript's paragraph opens with its speaker's initials: "SB: And I am...".
const SPEAKER_LABEL = /^\p{Lu}{2,3}:\s/u;

function buildIndex(analysis: Analysis, options: AbbreviationOptions): AbbreviationIndex {
  const scopes = documentScopes(analysis, options.scopes ?? 'ama');
  const expand = new Set(options.expand ?? []);
  const known = new Set([...Object.keys(WELL_KNOWN_ABBREVIATIONS).filter((short) => !expand.has(short)), ...(options.ignore ?? [])]);
  const lists = listDefinitions(analysis, scopes);
  const records = new Map<string, AbbreviationRecord>();
  const recordOf = (short: string, entry?: TermEntry): AbbreviationRecord => {
    let record = records.get(short);
    if (!record) {
      const wellKnown = known.has(short) || (entry ? entry.expandOnFirstUse === false && !expand.has(short) : isChemicalFormula(short) || isClusterOfDifferentiation(short));
      record = { short, ...(entry ? { entry } : {}), occurrences: [], wellKnown };
      records.set(short, record);
    }
    return record;
  };

  // The corpus's abbreviations first, in the order of their uses; then those found by shape.
  for (const [use] of abbreviationUses(analysis).values()) recordOf(use!.entry.abbreviation!, use!.entry);
  for (const placed of placedOccurrences(analysis)) {
    for (const { occurrence, short, own, needs, names } of placed) {
      const listed = lists.get(occurrence.start);
      const scope = scopeAt(scopes, occurrence.start);
      occurrence.scope = scope;
      occurrence.needsDefinition = needs && !listed && !STANDING_ALONE.has(scope.kind);
      const definition = listed ?? own;
      if (definition) occurrence.definition = definition;
      else if (occurrence.definition) delete occurrence.definition;
      const record = recordOf(short);
      if (names && !record.entry) record.wellKnown = true;
      record.occurrences.push(occurrence);
    }
  }

  const all = [...records.values()];
  // "HER receptors, most notably HER3" beside HER2: a family the corpus abbreviation's definition covers.
  const stemOf = (short: string) => short.replace(/[-\u2010]?\d+[a-z]?$/, '');
  const corpusStems = new Set(all.filter((record) => record.entry).map((record) => stemOf(record.short)));
  for (const record of all) {
    if (!record.entry && corpusStems.has(stemOf(record.short))) record.wellKnown = true;
    record.occurrences.sort((a, b) => a.start - b.start);
    const glossary = record.occurrences.find((occurrence) => occurrence.scope.kind === 'glossary' && occurrence.definition);
    if (glossary) record.glossary = glossary.definition!;
  }
  return { records: all, scopes, expansionsWritten: expansionsWritten(analysis, all) };
}

/**
 * An occurrence as its chunk reads it, before the document's lists and scopes settle its definition
 * and whether it needs one: what the index keeps with each chunk between keystrokes.
 */
interface PlacedOccurrence {
  occurrence: AbbreviationOccurrence;
  short: string;
  /** The definition it gives itself, which a list's definition of it overrides. */
  own?: AbbreviationDefinition;
  /** Whether it needs a definition, but for a list's or its scope's. */
  needs: boolean;
  /** Found by shape as a gene symbol or a registered name, which the abbreviation then is throughout the document. */
  names: boolean;
}

/** A chunk's placed occurrences and the placed uses they were made of, whose objects they name. */
interface ChunkOccurrences {
  uses: Map<string, AbbreviationUse[]> | undefined;
  occurrences: PlacedOccurrence[];
}

const PLACED_OCCURRENCES = new KeptKind<PlacedReading<ChunkOccurrences>>();
const NO_SHAPE_DEFINITIONS = new Map<number, AbbreviationDefinition>();

/** The document's occurrences, a list per chunk (or one for the document, when the analysis keeps no chunks). */
function placedOccurrences(analysis: Analysis): (readonly PlacedOccurrence[])[] {
  if (!analysis.chunks) return [placeOccurrences(analysis, abbreviationUses(analysis).values(), readShapes(analysis), readShapeDefinedUses(analysis), 0)];
  const usesOf = new Map(placedChunkUses(analysis).map(({ chunk, value }) => [chunk, value]));
  const chunks = analysis.chunks.filter((chunk) => chunk.analysis.matches.length > 0 || chunk.analysis.abbreviationShapes.length > 0);
  const place = (chunk: DocumentChunk): ChunkOccurrences => {
    const uses = usesOf.get(chunk);
    const shapes = chunk.analysis.abbreviationShapes.length > 0 ? chunkReading(analysis, chunk, chunkShapesOf, readShapes) : [];
    const definedByShape = uses ? chunkReading(analysis, chunk, chunkShapeDefinedOf, readShapeDefinedUses) : NO_SHAPE_DEFINITIONS;
    return { uses, occurrences: placeOccurrences(analysis, uses?.values() ?? [], shapes, definedByShape, chunk.proseOffset) };
  };
  return placedChunkReadings(analysis, chunks, PLACED_OCCURRENCES, place, moveOccurrences, (value, chunk) => value.uses === usesOf.get(chunk)).map(({ value }) => value.occurrences);
}

/**
 * The occurrences of a part of the document: its corpus uses (in document offsets) and its shape
 * readings and uses defined by shape (each in the part's offsets, `by` into the document's prose).
 */
function placeOccurrences(analysis: Analysis, corpusUses: Iterable<readonly AbbreviationUse[]>, shapes: readonly ShapeReading[], definedByShape: Map<number, AbbreviationDefinition>, by: number): PlacedOccurrence[] {
  const placed: PlacedOccurrence[] = [];
  for (const uses of corpusUses) {
    for (const use of uses) {
      const { start, end } = use.match;
      const shaped = definedByShape.get(start - by);
      const own = corpusDefinition(analysis, use) ?? (shaped && shiftedDefinition(shaped, by));
      const occurrence = withDefinition<AbbreviationOccurrence>({ start, end, plural: use.plural, scope: BODY, inHeading: use.inHeading, needsDefinition: use.needsDefinition, corpusUse: use }, own);
      placed.push(withOwn({ occurrence, short: use.entry.abbreviation!, needs: use.needsDefinition, names: false }, own));
    }
  }
  for (const reading of shapes) {
    const { plural, inHeading: heading, exempt } = reading;
    const own = reading.definition && shiftedDefinition(reading.definition, by);
    const needs = !heading && !exempt;
    const occurrence = withDefinition<AbbreviationOccurrence>({ start: reading.start + by, end: reading.end + by, plural, scope: BODY, inHeading: heading, needsDefinition: needs }, own);
    placed.push(withOwn({ occurrence, short: reading.short, needs, names: exempt === 'gene' || exempt === 'name' }, own));
  }
  return placed;
}

function withOwn(placed: PlacedOccurrence, own: AbbreviationDefinition | undefined): PlacedOccurrence {
  if (own) placed.own = own;
  return placed;
}

// A list's definition is the document's, made again on each lint: only an occurrence's own moves with it.
function moveOccurrences({ occurrences }: ChunkOccurrences, by: number): void {
  for (const { occurrence, own } of occurrences) {
    occurrence.start += by;
    occurrence.end += by;
    if (!own) continue;
    own.start += by;
    own.end += by;
    if (own.phrase) {
      own.phrase.start += by;
      own.phrase.end += by;
    }
  }
}

/** An abbreviation found by its shape, as read within its block: what the index makes an occurrence of. */
interface ShapeReading {
  start: number;
  end: number;
  short: string;
  plural: boolean;
  inHeading: boolean;
  /** The definition it gives itself, which a list's definition of it overrides. */
  definition?: AbbreviationDefinition;
  exempt?: Exemption;
}

/** The abbreviations an analysis has by shape, other than the corpus's and names, read alone. */
function readShapes(analysis: Analysis): ShapeReading[] {
  const text = analysis.prose.text;
  // Corpus matches of any form (a brand in capitals, a name) are the corpus's: not read again by shape.
  const claimed = termMatches(analysis);
  const shapes = analysis.abbreviationShapes;
  const readings: ShapeReading[] = [];
  let matchIndex = 0;
  for (let at = 0; at < shapes.length; at += 2) {
    const start = shapes[at]!;
    const end = shapes[at + 1]!;
    while (matchIndex < claimed.length && claimed[matchIndex]!.end <= start) matchIndex++;
    let overlapped = false;
    for (let index = matchIndex; index < claimed.length && claimed[index]!.start < end && !overlapped; index++) overlapped = claimed[index]!.end > start;
    if (overlapped) continue;
    const written = text.slice(start, end);
    const plural = /\p{Lu}\d*s$/u.test(written);
    const short = plural ? written.slice(0, -1) : written;
    // A corpus name the matcher did not take, as written ("YERVOYTM" for YERVOY™).
    if (isStateInAddress(text, start, short) || analysis.compiled.lookup.has(short.replace(/TM$/, '').toLowerCase())) continue;
    const heading = inHeading(analysis, start);
    const reading = withDefinition<ShapeReading>({ start, end, short, plural, inHeading: heading }, shapeDefinition(analysis, short, start, end));
    const exempt = heading ? (REGISTERED_AFTER.test(text.slice(end, end + 1)) ? 'name' : undefined) : exemption(analysis, short, start, end);
    if (exempt) reading.exempt = exempt;
    readings.push(reading);
  }
  return readings;
}

// A shape reads no further than its block, so no further than its chunk.
const chunkShapesOf = new KeptKind<ShapeReading[]>();

function shiftedDefinition(definition: AbbreviationDefinition, by: number): AbbreviationDefinition {
  const { phrase } = definition;
  return { ...definition, start: definition.start + by, end: definition.end + by, ...(phrase ? { phrase: { start: phrase.start + by, end: phrase.end + by } } : {}) };
}

type Exemption = 'gene' | 'name' | 'here';

/**
 * Why an abbreviation found by shape needs no definition here: a gene symbol (italic, beside "gene", or
 * in a sentence about genes) or a registered name ("PDQ®"), which it then is throughout the document;
 * or a statistic's interval ("95% CI"), a citation key, quoted words, a transcript's speech, or
 * capitals that name (see above).
 */
function exemption(analysis: Analysis, short: string, start: number, end: number): Exemption | undefined {
  const { tokens } = analysis;
  const text = analysis.prose.text;
  const firstToken = tokenIndexAfter(tokens, start);
  const lastToken = Math.max(firstToken, tokenIndexAfter(tokens, end) - 1);
  if (isGeneMention(analysis, { start, end, firstToken, lastToken })) return 'gene';
  if (GENE_SYMBOL.test(short)) {
    const sentence = sentenceOf(analysis, start);
    if (GENE_SENTENCE.test(text.slice(sentence.start, sentence.end))) return 'gene';
  }
  // The words around it are its block's: an edit that splits a paragraph changes what they are.
  const block = blockAt(analysis.prose, start);
  const after = text.slice(end, Math.min(end + 60, block?.end ?? Infinity));
  if (REGISTERED_AFTER.test(after)) return 'name';
  if (afterPercentage(analysis, start) || text[start - 1] === '@' || inQuotation(analysis, start, end)) return 'here';
  const before = text.slice(Math.max(0, start - 40, block?.start ?? 0), start);
  if (TRIAL_AFTER.test(after) || TRIAL_BEFORE.test(before) || COMPANY_AFTER.test(after) || NUMBERED_AFTER.test(after)) return 'here';
  if (NAME_AFTER.test(after) || NAME_BEFORE.test(before)) return 'here';
  if ((CITATION.before.test(before) && CITATION.after.test(after)) || (MONTHS.has(short) && /^\s+\d/.test(after))) return 'here';
  if (/(?:^|\u2029)\s*$/.test(before) && /^\s*:/.test(after)) return 'here';
  return block && SPEAKER_LABEL.test(text.slice(block.start, block.start + 8)) ? 'here' : undefined;
}

/** The corpus's definition of a use, when it is one the writer gave in the expansion's accepted form. */
function corpusDefinition(analysis: Analysis, use: AbbreviationUse): AbbreviationDefinition | undefined {
  const definition = use.definition;
  if (!definition || (definition.status !== 'defined' && definition.status !== 'other-sense')) return undefined;
  const text = analysis.prose.text;
  const start = definition.status === 'other-sense' ? use.match.end : definition.start;
  const expansion = definition.status === 'other-sense' ? definition.sense : text.slice(definition.start, definition.end);
  const phrase = parenthesisedPhrase(text, { start: definition.start, end: definition.end }, use.match);
  return { start, end: definition.status === 'other-sense' ? start : definition.end, expansion, ...(phrase ? { phrase } : {}), listed: false };
}

/**
 * A form of definition the corpus reading does not know ("QoL, for quality of life,"), found as for any
 * abbreviation, when it gives one of the entry's expansions: another expansion is expansion-mismatch's.
 */
function acceptedShapeDefinition(analysis: Analysis, entry: TermEntry, use: AbbreviationUse): AbbreviationDefinition | undefined {
  if (use.definition) return undefined;
  const found = shapeDefinition(analysis, entry.abbreviation!, use.match.start, use.match.end);
  if (!found) return undefined;
  return acceptedExpansions(entry).has(normalizeExpansion(found.expansion).replace(/s$/, '')) ? found : undefined;
}

// A use's definition by shape reads no further than its sentence, so no further than its chunk.
const chunkShapeDefinedOf = new KeptKind<Map<number, AbbreviationDefinition>>();

function readShapeDefinedUses(analysis: Analysis): Map<number, AbbreviationDefinition> {
  const found = new Map<number, AbbreviationDefinition>();
  for (const uses of abbreviationUses(analysis).values()) {
    for (const use of uses) {
      const definition = acceptedShapeDefinition(analysis, use.entry, use);
      if (definition) found.set(use.match.start, definition);
    }
  }
  return found;
}

const acceptedOf = new WeakMap<TermEntry, Set<string>>();

/** An entry's expansions and other senses, normalized and singular, as definitions are compared. */
function acceptedExpansions(entry: TermEntry): Set<string> {
  let accepted = acceptedOf.get(entry);
  if (!accepted) {
    accepted = new Set([...(entry.expansions ?? []), ...(entry.otherSenses ?? []).map((sense) => sense.expansion)].map((expansion) => normalizeExpansion(expansion).replace(/s$/, '')));
    acceptedOf.set(entry, accepted);
  }
  return accepted;
}

/**
 * "expansion (ABBR)" or "ABBR (expansion)", each wholly in its parentheses: the span a fix may
 * rewrite. Other forms ("expansion, or ABBR,") are left to the writer.
 */
function parenthesisedPhrase(text: string, expansion: { start: number; end: number }, abbreviation: { start: number; end: number }): { start: number; end: number } | undefined {
  const [first, second] = expansion.end <= abbreviation.start ? [expansion, abbreviation] : [abbreviation, expansion];
  // Spaces within the block: a parenthesis in the next paragraph is not this one's, and is another chunk's.
  const opening = /^[^\S\u2029]*([([])[^\S\u2029]*$/.exec(text.slice(first.end, second.start));
  const closing = /^[^\S\u2029]*[)\]]/.exec(text.slice(second.end, second.end + 4));
  if (!opening || !closing || closing[0].trim() !== (opening[1] === '(' ? ')' : ']')) return undefined;
  return { start: first.start, end: second.end + closing[0].length };
}

// Words that introduce an abbreviation after its expansion: "tumor-infiltrating lymphocytes, or TILs", "(also called ITT".
const JOINER_BEFORE = /(?:,\s*|\s+|\(\s*)(?:or|also\s+called|also\s+known\s+as|known\s+as|called|abbreviated(?:\s+as)?|hereafter|hereinafter)\s+$/i;
const REACH = 400;

/** The definition an abbreviation found by shape gives itself, by the Schwartz–Hearst reading of its neighbourhood. */
function shapeDefinition(analysis: Analysis, short: string, start: number, end: number): AbbreviationDefinition | undefined {
  const text = analysis.prose.text;
  const sentence = sentenceOf(analysis, start);
  const definedBefore = (leadEnd: number, phraseOf: (expansionStart: number, expansionEnd: number) => { start: number; end: number } | undefined) => {
    const from = Math.max(sentence.start, leadEnd - REACH);
    const lead = text.slice(from, leadEnd);
    const trimmed = lead.trimEnd();
    const longStart = initialsStart(short, trimmed) ?? findLongForm(short, trimmed);
    if (longStart === undefined) return undefined;
    // Schwartz–Hearst starts at a space: "(next-generation sequencing [NGS]" begins at the word, not its parenthesis.
    const expansionStart = from + longStart + (/^[^\p{L}\p{N}]*/u.exec(trimmed.slice(longStart))?.[0].length ?? 0);
    const expansionEnd = from + trimmed.length;
    const expansion = text.slice(expansionStart, expansionEnd);
    if (expansionEnd - expansionStart <= short.length || expansion.includes(short) || /[()[\]\u2029]/.test(expansion)) return undefined;
    const phrase = phraseOf(expansionStart, expansionEnd);
    return { start: expansionStart, end: expansionEnd, expansion, ...(phrase ? { phrase } : {}), listed: false };
  };
  // "Federal Food, Drug, and Cosmetic Act (FD&C Act)": words after the abbreviation that also end the expansion.
  const sharedWords = text[start - 1] === '(' ? /^((?:\s+\p{L}+){1,2})\)/u.exec(text.slice(end, end + 30)) : null;
  if (sharedWords) {
    const words = sharedWords[1]!.trim();
    const leadEnd = text.slice(0, start - 1).trimEnd().length;
    if (text.slice(leadEnd - words.length, leadEnd).toLowerCase() === words.toLowerCase()) {
      const found = definedBefore(leadEnd - words.length, (expansionStart) => ({ start: expansionStart, end: end + sharedWords[0].length }));
      if (found) return { ...found, end: leadEnd, expansion: text.slice(found.start, leadEnd) };
    }
  }
  // "expansion (ABBR)", "expansion [ABBR]" inside parentheses; the parenthesis may go on ("(ITT; n = 300)"),
  // and a bracket, as journals write it, may hold more ("tumor cells [TC ≥ 50%]").
  if ((text[start - 1] === '(' && /^[)\];,]/.test(text[end] ?? '')) || (text[start - 1] === '[' && text.indexOf(']', end) - end < 40 && text.indexOf(']', end) >= end)) {
    const closes = /[)\]]/.test(text[end]!);
    const found = definedBefore(start - 1, (expansionStart) => (closes ? { start: expansionStart, end: end + 1 } : undefined));
    if (found) return found;
  }
  const joiner = JOINER_BEFORE.exec(text.slice(Math.max(sentence.start, start - 40), start));
  if (joiner) {
    const found = definedBefore(start - joiner[0].length, () => undefined);
    if (found) return found;
  }
  // "ABBR (expansion)", "ABBR, for expansion,", "ABBR = expansion".
  const after = /^(\s*\(\s*|,\s+for\s+|\s*=\s*)([^()\u2029]{2,120}?)\s*(\)|[,;.]|(?=\u2029)|$)/.exec(text.slice(end, end + 140));
  if (after && findLongForm(short, after[2]!) === 0) {
    const expansionStart = end + after[1]!.length;
    const expansionEnd = expansionStart + after[2]!.length;
    const phrase = after[1]!.includes('(') ? { start, end: end + after[0].length } : undefined;
    return { start: expansionStart, end: expansionEnd, expansion: after[2]!, ...(phrase ? { phrase } : {}), listed: false };
  }
  return undefined;
}

// Words an abbreviation's letters skip: "Center for Cancer Research (CCR)", "Food and Drug Administration (FDA)".
const MINOR_WORDS = new Set(['of', 'and', 'for', 'the', 'to', 'in', 'on', 'with', 'by', 'a', 'an', '&']);

/**
 * Where the words whose initials spell the abbreviation begin, minor words skipped ("Center for Cancer
 * Research" for CCR), where Schwartz–Hearst would take the shortest run ("Cancer Research").
 */
function initialsStart(short: string, lead: string): number | undefined {
  const letters = short.replace(/[^\p{L}]/gu, '').toLowerCase();
  let letter = letters.length;
  // Word by word from the end: the lead reaches 400 characters back, and only its last words can be initials.
  for (let wordEnd = lead.length; letter > 0; ) {
    const word = wordBefore(lead, wordEnd);
    if (!word) return undefined;
    wordEnd = word.start;
    const written = lead.slice(word.start, word.end).toLowerCase();
    if (MINOR_WORDS.has(written)) continue;
    if (written[0] !== letters[letter - 1]) return undefined;
    letter--;
    if (letter === 0) return word.start;
  }
  return undefined;
}

const IN_WORD = /[\p{L}\p{N}'\u2019-]/u;
const WORD_START = /[\p{L}\p{N}]/u;

/** The last word of `text` before `end`: letters and digits joined by hyphens and apostrophes, or "&". */
function wordBefore(text: string, end: number): { start: number; end: number } | undefined {
  for (let at = end; at > 0; ) {
    const char = text[at - 1]!;
    if (char === '&') return { start: at - 1, end: at };
    if (!IN_WORD.test(char)) {
      at--;
      continue;
    }
    // A word begins at a letter or digit: hyphens and apostrophes before one are not part of it.
    const runEnd = at;
    while (at > 0 && IN_WORD.test(text[at - 1]!)) at--;
    let start = at;
    while (start < runEnd && !WORD_START.test(text[start]!)) start++;
    if (start < runEnd) return { start, end: runEnd };
  }
  return undefined;
}

// "Abbreviations: CI, confidence interval; HR, hazard ratio." and "ICANS = immune effector cell-associated neurotoxicity syndrome".
const LIST_LEAD = /^\s*(?:abbreviations?(?:\s+used)?|acronyms)\s*[:.]\s*/i;
// What LIST_LEAD opens with, read in place at a block's start.
const OPENS_LIST = /\s*a(?:bbreviation|cronym)/iy;
const LIST_ITEM = /^\s*([^\s,=:;]+)\s*(?:,|=|:|\s[\u2013\u2014-]\s)\s*([^;]+?)\s*\.?\s*$/u;

/**
 * The definitions written as lists, by the prose offset of the abbreviation they define: a legend's
 * or paragraph's "Abbreviations: CI, confidence interval; HR, hazard ratio", and the rows of a
 * glossary (a section headed Abbreviations, or a table whose first column is headed Abbreviation).
 */
function listDefinitions(analysis: Analysis, scopes: readonly Scope[]): Map<number, AbbreviationDefinition> {
  const text = analysis.prose.text;
  const definitions = new Map<number, AbbreviationDefinition>();
  const add = (itemStart: number, item: string) => {
    const parts = LIST_ITEM.exec(item);
    if (!parts) return;
    const abbreviation = parts[1]!;
    const expansionStart = itemStart + item.indexOf(parts[2]!, item.indexOf(abbreviation) + abbreviation.length);
    definitions.set(itemStart + item.indexOf(abbreviation), { start: expansionStart, end: expansionStart + parts[2]!.length, expansion: parts[2]!, listed: true });
  };
  const { blocks } = analysis.prose;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    const scope = scopeAt(scopes, block.start);
    // Outside a glossary, only a paragraph that opens with the lead is a list: the others' text is not sliced.
    if (scope.kind !== 'glossary' && (block.kind !== 'paragraph' || !stickyMatch(OPENS_LIST, text, block.start))) continue;
    const content = text.slice(block.start, block.end);
    const lead = LIST_LEAD.exec(content);
    if (block.kind === 'paragraph' && (lead || scope.kind === 'glossary')) {
      // A glossary's paragraph may hold one item ("ITT: intention to treat") or a lead and many.
      let offset = block.start + (lead?.[0].length ?? 0);
      for (const item of text.slice(offset, block.end).split(/;|\n/)) {
        add(offset, item);
        offset += item.length + 1;
      }
      continue;
    }
    if (block.kind === 'table-cell' && scope.kind === 'glossary') {
      // Cells of one row: the first holds the abbreviation, the next its expansion.
      const next = blocks[index + 1];
      const row = (at: number) => analysis.lines.positionAt(analysis.prose.sourceStart(at)).line;
      if (next?.kind === 'table-cell' && row(block.start) === row(next.start) && (index === 0 || row(blocks[index - 1]!.start) !== row(block.start))) {
        const abbreviation = content.trim();
        const expansion = text.slice(next.start, next.end).trim();
        if (abbreviation && expansion && !abbreviation.includes(BLOCK_BREAK)) {
          const expansionStart = next.start + text.slice(next.start, next.end).indexOf(expansion);
          definitions.set(block.start + content.indexOf(abbreviation), { start: expansionStart, end: expansionStart + expansion.length, expansion, listed: true });
        }
      }
    }
  }
  return definitions;
}

const EXPLAINING = /\b(?:called|known\s+as|named|termed|or|ie|i\.e\.|meaning)\s*,?\s*$/i;

/**
 * Every place an abbreviation's expansion is written out after the document defined it, other than in
 * a definition: one pass of a matcher made from the expansions the document defines (and, for a
 * corpus abbreviation, the corpus's accepted ones).
 */
/** The expansions an abbreviation may be written out as: each as defined (singular) and the corpus's. */
function expansionTexts(definitions: readonly { expansion: string; plural: boolean }[], entry: TermEntry | undefined): Set<string> {
  // "immune-related adverse events (irAEs)" defines the singular, which the matcher also finds plural.
  const expansions = new Set(definitions.map(({ expansion, plural }) => normalizeExpansion(plural ? expansion.replace(/s$/, '') : expansion)));
  for (const expansion of entry?.expansions ?? []) expansions.add(normalizeExpansion(expansion));
  return expansions;
}

/**
 * Where the prose writes out one of the expansions `specs` pair with their payload: not in a heading,
 * a definition, a quotation or an explanation of the term, the longest at a place.
 */
function writtenOut<T>(analysis: Analysis, records: readonly AbbreviationRecord[], specs: { expansions: Set<string>; payload: T }[]): { payload: T; start: number; end: number; plural: boolean }[] {
  const phrases = specs.flatMap(({ expansions, payload }) => [...expansions].map((text) => ({ text, mode: 'loose' as const, caseSensitive: false, plural: true, payload })));
  if (phrases.length === 0) return [];
  const matches: PhraseMatch<T>[] = new PhraseMatcher(phrases).findAll(analysis.tokens);
  const definitionSpans = records
    .flatMap((record) => record.occurrences.flatMap((occurrence) => (occurrence.definition ? [definitionSpan(occurrence)] : [])))
    .sort((a, b) => a.start - b.start);
  const inDefinition = (start: number, end: number) => {
    const at = partitionPoint(definitionSpans.length, (index) => definitionSpans[index]!.end <= start);
    return at < definitionSpans.length && definitionSpans[at]!.start < end;
  };
  const written: { payload: T; start: number; end: number; plural: boolean }[] = [];
  let reach = -1;
  for (const match of matches) {
    if (match.start < reach) continue;
    reach = match.end;
    if (inDefinition(match.start, match.end) || inHeading(analysis, match.start) || inQuotation(analysis, match.start, match.end)) continue;
    // "T cells called tumor-infiltrating lymphocytes": an explanation of the term, which the abbreviation would undo.
    if (EXPLAINING.test(analysis.prose.text.slice(Math.max(0, match.start - 20), match.start))) continue;
    written.push({ payload: match.phrase.payload, start: match.start, end: match.end, plural: match.plural });
  }
  return written;
}

function expansionsWritten(analysis: Analysis, records: readonly AbbreviationRecord[]): AbbreviationIndex['expansionsWritten'] {
  const specs = records.flatMap((record) => {
    const defined = record.occurrences.filter((occurrence) => occurrence.definition && !occurrence.inHeading);
    return defined.length === 0 ? [] : [{ expansions: expansionTexts(defined.map(({ definition, plural }) => ({ expansion: definition!.expansion, plural })), record.entry), payload: record }];
  });
  return writtenOut(analysis, records, specs).map(({ payload, ...written }) => ({ record: payload, ...written }));
}

/** An expansion written out in the body of an abbreviation an earlier file of the document defined for it. */
export interface ExpansionAfterFile {
  short: string;
  entry?: TermEntry;
  elsewhere: DefinitionElsewhere;
  start: number;
  end: number;
  plural: boolean;
}

/**
 * The body's expansions of abbreviations that the files before this one define (`before`, as
 * DocumentParts lists them) and this file does not define in its body. Read per lint, not kept with
 * the index: the other files change without this one.
 */
export function expansionsAfterEarlierFiles(analysis: Analysis, before: DocumentParts['before']): ExpansionAfterFile[] {
  const { records, scopes } = abbreviationIndex(analysis);
  const recordOf = new Map(records.map((record) => [record.short, record]));
  const shorts = new Set(before.flatMap(({ summary }) => summary.defined.map(({ short }) => short)));
  const specs = [...shorts].flatMap((short) => {
    const record = recordOf.get(short);
    if (record?.occurrences.some((occurrence) => occurrence.scope.kind === 'body' && definesInText(occurrence))) return [];
    const elsewhere = definitionIn(before, short)!;
    return [{ expansions: expansionTexts([{ expansion: elsewhere.expansion, plural: elsewhere.plural ?? false }], record?.entry), payload: { short, ...(record?.entry ? { entry: record.entry } : {}), elsewhere } }];
  });
  return writtenOut(analysis, records, specs)
    .filter(({ start }) => scopeAt(scopes, start).kind === 'body')
    .map(({ payload, ...written }) => ({ ...payload, ...written }));
}

/** The span of a defining occurrence's whole definition: its parenthesised phrase, or from the expansion to the abbreviation. */
export function definitionSpan(occurrence: AbbreviationOccurrence): { start: number; end: number } {
  const { definition } = occurrence;
  return definition!.phrase ?? { start: Math.min(occurrence.start, definition!.start), end: Math.max(occurrence.end, definition!.end) };
}

/** Whether a heading's definition serves the occurrence: it opens the occurrence's section. */
export function definedByHeading(analysis: Analysis, record: AbbreviationRecord, occurrence: AbbreviationOccurrence): boolean {
  return record.occurrences.some((other) => other.inHeading && other.definition && inSectionOf(analysis, other.start, occurrence.start));
}

const byScopeOf = new WeakMap<AbbreviationRecord, Map<Scope, AbbreviationOccurrence[]>>();

/** The occurrences of a record by scope, in document order; the body first. Shared by the rules: do not change it. */
export function occurrencesByScope(record: AbbreviationRecord): Map<Scope, AbbreviationOccurrence[]> {
  const cached = byScopeOf.get(record);
  if (cached) return cached;
  const byScope = new Map<Scope, AbbreviationOccurrence[]>([[BODY, []]]);
  for (const occurrence of record.occurrences) {
    const list = byScope.get(occurrence.scope) ?? [];
    list.push(occurrence);
    byScope.set(occurrence.scope, list);
  }
  if (byScope.get(BODY)!.length === 0) byScope.delete(BODY);
  byScopeOf.set(record, byScope);
  return byScope;
}

/** The 1-based source line of a prose offset, as messages name it. */
export function lineOf(analysis: Analysis, offset: number): number {
  return analysis.lines.positionAt(analysis.prose.sourceStart(offset)).line + 1;
}

/** A definition in running text: not in a heading (which serves its section) or a glossary (which serves all). */
export function definesInText(occurrence: AbbreviationOccurrence): boolean {
  return occurrence.definition !== undefined && !occurrence.inHeading && occurrence.scope.kind !== 'glossary';
}

/** The first use of an abbreviation in a scope, which needed a definition and has none before it. */
export interface UndefinedFirstUse {
  occurrence: AbbreviationOccurrence;
  /** The definition later in the same scope: abbreviation-defined-late's, not undefined-abbreviation's. */
  later?: AbbreviationOccurrence;
  /** A definition in another scope (the abstract's, for the body), which AMA style does not carry over. */
  elsewhere?: AbbreviationOccurrence;
  /** The definition in a later file of the document, when this file has none. */
  laterFile?: DefinitionElsewhere;
}

/** Per scope, the first use that needed a definition and has none at or before it. */
export function undefinedFirstUses(analysis: Analysis, record: AbbreviationRecord): UndefinedFirstUse[] {
  if (record.wellKnown || record.glossary) return [];
  // A corpus use that tries a definition (with a wrong expansion) is expansion-mismatch's to report.
  const triesDefinition = (occurrence: AbbreviationOccurrence) => occurrence.definition !== undefined || occurrence.corpusUse?.definition !== undefined;
  const found: UndefinedFirstUse[] = [];
  for (const [scope, occurrences] of occurrencesByScope(record)) {
    const first = occurrences.find((occurrence) => occurrence.needsDefinition);
    if (!first || triesDefinition(first) || definedByHeading(analysis, record, first)) continue;
    // A legend's "Abbreviations:" line, under its table, serves the whole legend.
    if (occurrences.some((occurrence) => definesInText(occurrence) && (occurrence.start < first.start || occurrence.definition!.listed))) continue;
    // An earlier file of the document defined it for the body.
    const parts = analysis.documentParts;
    if (scope.kind === 'body' && parts && definitionIn(parts.before, record.short)) continue;
    const later = occurrences.find((occurrence) => occurrence.start > first.start && definesInText(occurrence));
    const laterFile = !later && scope.kind === 'body' && parts ? definitionIn(parts.after, record.short) : undefined;
    if (laterFile) {
      found.push({ occurrence: first, laterFile });
      continue;
    }
    const elsewhere = later ? undefined : record.occurrences.find((occurrence) => occurrence.scope !== scope && definesInText(occurrence));
    found.push({ occurrence: first, ...(later ? { later } : {}), ...(elsewhere ? { elsewhere } : {}) });
  }
  return found;
}
