import { spanReading, type Analysis, type SpanReadings, type CorpusMatch } from './analysis';
import { sentenceAt } from './text/sentences';
import { tokenIndexAfter, wordAt } from './text/tokens';

/**
 * How a claim word is used, read from the words of its sentence before and around it. A claim file
 * names the contexts that excuse its phrases (`unlessContext`), since "may cure" is still a claim
 * but "helps T cells to be more effective" is not a comparison that needs data.
 */
export type ClaimContext =
  /** "appear to be cured", "apparent cures", "seemingly miraculous": the writer hedges. */
  | 'hedged'
  /** "intended to cure", "develop more effective approaches", "the goal of treatment is cure": an aim, not a result. */
  | 'intent'
  /** "claims to cure", "was marketed as a breakthrough", "scientists thought it would be less toxic": someone else's claim, reported. */
  | 'reported'
  /** "diagnosis, cure, mitigation, treatment, or prevention": one of a list of purposes, as statutes and mission statements write. */
  | 'listed'
  /** "more than 80% of children with ALL are cured": an established, quantified rate. */
  | 'quantified'
  /** "the word 'cure'": the word itself is meant. */
  | 'mentioned'
  /** "helps the transferred T cells to be more effective", "designed to have fewer side effects": how something works. */
  | 'mechanism'
  /** "when clinical trials show that...", "if studies show": a condition, not an appeal to evidence. */
  | 'conditional'
  /** "Miracle Mushroom Blend", "The Breakthrough Prize": part of a capitalised name or title, not a claim. */
  | 'named';

export const CLAIM_CONTEXTS: readonly ClaimContext[] = ['hedged', 'intent', 'reported', 'listed', 'quantified', 'mentioned', 'mechanism', 'conditional', 'named'];

// Each list is looked for among the few words before the phrase; the window says how far.
const HEDGES = new Set(['appear', 'appears', 'appeared', 'apparent', 'apparently', 'seemingly', 'seem', 'seems', 'seemed', 'possible', 'potential', 'considered']);
// Words that give an outcome's share, anywhere in the sentence: "few patients are cured", "rarely cures".
const QUANTIFIERS = new Set(['most', 'many', 'some', 'few', 'rarely', 'seldom', 'minority', 'majority', 'half', 'proportion', 'fraction']);
const INTENT = new Set([
  'intended', 'intend', 'intends', 'intent', 'designed', 'develop', 'develops', 'developing', 'aim', 'aims', 'aimed', 'aiming',
  'goal', 'goals', 'investigating', 'investigate', 'investigates', 'search', 'searching', 'seek', 'seeks', 'seeking', 'quest',
  'hope', 'hopes', 'toward', 'towards', 'attempt', 'attempts', 'attempting', 'effort', 'efforts', 'need', 'needs', 'needed',
  'find', 'finding', 'identify', 'pursue', 'pursuing',
]);
const REPORTING = new Set([
  'claim', 'claims', 'claimed', 'claiming', 'purport', 'purports', 'purported', 'marketed', 'promoted', 'promoting', 'advertised',
  'advertising', 'touted', 'touting', 'described', 'describes', 'describing', 'thought', 'believed',
  'expected', 'portrayed', 'billed', 'labeled', 'labelled', 'alleged', 'alleges', 'called', 'dubbed', 'nicknamed',
]);
// A claim the writer reports in the first person is the writer's own: "we believe it is a breakthrough".
const FIRST_PERSON = new Set(['we', 'our', 'i', 'us', 'my']);
const MECHANISM = new Set(['help', 'helps', 'helped', 'helping', 'allow', 'allows', 'allowing', 'enable', 'enables', 'enabling', 'make', 'makes', 'making', 'designed', 'engineered', 'modified']);
const CONDITIONS = new Set(['when', 'if', 'unless', 'whether', 'until', 'once']);
const PURPOSES = new Set([
  'diagnosis', 'diagnose', 'mitigation', 'mitigate', 'treatment', 'treatments', 'treat', 'treats', 'prevention', 'prevent',
  'prevents', 'causes', 'cause', 'mitigating', 'treating', 'preventing', 'diagnosing',
]);

const WINDOW = { hedged: 3, intent: 12, reported: 10, mechanism: 8, conditional: 2 } as const;

/** Whether one of `words` (lower case) stands among the `window` words before the match, in its sentence. */
export function anyBefore(analysis: Analysis, match: CorpusMatch, words: ReadonlySet<string>, window: number): boolean {
  const sentenceStart = sentenceAt(analysis.sentences, match.start)?.start ?? 0;
  const { tokens } = analysis;
  for (let index = match.firstToken - 1; index >= 0 && index >= match.firstToken - window && tokens.starts[index]! >= sentenceStart; index--) {
    if (words.has(wordAt(tokens, index))) return true;
  }
  return false;
}

/** A list neighbour: the word across a comma, "or" or "and" on either side is a purpose word. */
function listedWithPurposes(analysis: Analysis, match: CorpusMatch): boolean {
  const { tokens, prose } = analysis;
  const sentence = sentenceAt(analysis.sentences, match.start);
  const inSentence = (at: number) => at >= 0 && at < tokens.count && (!sentence || (tokens.starts[at]! >= sentence.start && tokens.starts[at]! < sentence.end));
  const neighbour = (index: number, step: 1 | -1): boolean => {
    let at = index + step;
    if (inSentence(at) && /^(?:or|and)$/.test(wordAt(tokens, at))) at += step;
    if (!inSentence(at)) return false;
    const gap = step === 1 ? prose.text.slice(tokens.ends[index], tokens.starts[at]) : prose.text.slice(tokens.ends[at], tokens.starts[index]);
    return /^[\s,]*$/.test(gap) && gap.length <= 6 && PURPOSES.has(wordAt(tokens, at));
  };
  return neighbour(match.firstToken, -1) || neighbour(match.lastToken, 1);
}

/** What a sentence says of quantities: where its first percentage ends, and whether it has a quantifier word. */
interface SentenceQuantities {
  percentageEnd: number;
  quantifier: boolean;
}

const quantitiesOf: SpanReadings<SentenceQuantities> = new WeakMap();

function sentenceQuantities(analysis: Analysis, sentence: { start: number; end: number }): SentenceQuantities {
  return spanReading(quantitiesOf, analysis, sentence, () => {
    const percentage = /\d\s*(?:%|percent\b)/.exec(analysis.prose.text.slice(sentence.start, sentence.end));
    const { tokens } = analysis;
    let quantifier = false;
    for (let index = tokenIndexAfter(tokens, sentence.start); !quantifier && index < tokens.count && tokens.starts[index]! < sentence.end; index++) quantifier = QUANTIFIERS.has(wordAt(tokens, index));
    return { percentageEnd: percentage ? sentence.start + percentage.index + percentage[0].length : Infinity, quantifier };
  });
}

/** A percentage before the claim in its sentence, or a quantifier word anywhere in it. */
function quantified(analysis: Analysis, match: CorpusMatch): boolean {
  const sentence = sentenceAt(analysis.sentences, match.start) ?? { start: 0, end: analysis.prose.text.length };
  const { percentageEnd, quantifier } = sentenceQuantities(analysis, sentence);
  return percentageEnd <= match.start || quantifier;
}

const OPENING_QUOTES = new Set(['"', "'", '\u201c', '\u2018']);
const CLOSING_QUOTES = new Set(['"', "'", '\u201d', '\u2019']);

function mentioned(analysis: Analysis, match: CorpusMatch): boolean {
  const text = analysis.prose.text;
  return OPENING_QUOTES.has(text[match.start - 1] ?? '') && CLOSING_QUOTES.has(text[match.end] ?? '');
}

/** Capitalised mid-sentence and next to another capitalised word: a product name or a title. */
function named(analysis: Analysis, match: CorpusMatch): boolean {
  const { tokens, prose } = analysis;
  const sentenceStart = sentenceAt(analysis.sentences, match.start)?.start ?? 0;
  const capitalised = (index: number) => index >= 0 && index < tokens.count && /^\p{Lu}/u.test(prose.text[tokens.starts[index]!]!);
  const startsSentence = !/[\p{L}\p{N}]/u.test(prose.text.slice(sentenceStart, match.start));
  if (startsSentence || !capitalised(match.firstToken)) return false;
  const beforeIsName = capitalised(match.firstToken - 1) && tokens.starts[match.firstToken - 1]! >= sentenceStart && /^ $/.test(prose.text.slice(tokens.ends[match.firstToken - 1], match.start));
  const sentenceEnd = sentenceAt(analysis.sentences, match.start)?.end ?? prose.text.length;
  const afterIsName = capitalised(match.lastToken + 1) && tokens.starts[match.lastToken + 1]! < sentenceEnd && /^ $/.test(prose.text.slice(match.end, tokens.starts[match.lastToken + 1]));
  return beforeIsName || afterIsName;
}

/** Whether the match stands in the given context. */
export function inContext(analysis: Analysis, match: CorpusMatch, context: ClaimContext): boolean {
  switch (context) {
    case 'hedged':
      return anyBefore(analysis, match, HEDGES, WINDOW.hedged);
    case 'intent':
      return anyBefore(analysis, match, INTENT, WINDOW.intent);
    case 'reported':
      return anyBefore(analysis, match, REPORTING, WINDOW.reported) && !anyBefore(analysis, match, FIRST_PERSON, WINDOW.reported);
    case 'mechanism':
      return anyBefore(analysis, match, MECHANISM, WINDOW.mechanism);
    case 'conditional':
      return anyBefore(analysis, match, CONDITIONS, WINDOW.conditional);
    case 'named':
      return named(analysis, match);
    case 'listed':
      return listedWithPurposes(analysis, match);
    case 'quantified':
      return quantified(analysis, match);
    case 'mentioned':
      return mentioned(analysis, match);
  }
}
