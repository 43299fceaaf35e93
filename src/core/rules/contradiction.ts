import type { Analysis, CorpusMatch } from '../analysis';
import { entriesOf, type CompiledCorpus } from '../corpus/compile';
import type { TermEntry } from '../corpus/types';
import type { Sentence } from '../text/sentences';
import { tokenIndexAfter, wordAt } from '../text/tokens';
import type { ProseReport, Rule } from './rule';
import { displayName, isTermMatch, surface, type TermMatch } from './helpers';

interface Mention {
  first: number;
  last: number;
  start: number;
  end: number;
  entry: TermEntry;
  /** A combination brand's active drugs (Opdualag: nivolumab and relatlimab); otherwise the entry alone. */
  drugs: TermEntry[];
}

const RELATION_VERBS = new Set([
  'block', 'blocks', 'blocked', 'blocking', 'target', 'targets', 'targeted', 'targeting', 'bind', 'binds', 'bound', 'binding',
  'inhibit', 'inhibits', 'inhibited', 'inhibiting', 'antagonize', 'antagonizes', 'antagonise', 'antagonises', 'recognize',
  'recognizes', 'recognise', 'recognises', 'directed', 'acts',
]);
// Words after a target that make "X inhibitor", "X-directed", "X-blocking antibody" a statement of target.
const TARGET_CLASS_WORDS = new Set([
  'inhibitor', 'inhibitors', 'blocker', 'blockers', 'antibody', 'antibodies', 'antagonist', 'antagonists', 'targeted', 'directed',
  'targeting', 'blocking', 'specific',
]);
// Words that may stand between a drug and a description of it: "pembrolizumab, a humanized anti-PD-1 ...".
const LINKING_WORDS = new Set([
  'a', 'an', 'the', 'is', 'was', 'are', 'were', 'also', 'both', 'each', 'which', 'that', 'humanized', 'humanised', 'human',
  'fully', 'monoclonal', 'recombinant', 'chimeric', 'igg1', 'igg2', 'igg4', 'selective', 'selectively', 'specifically', 'directly',
  'designed', 'to', 'can', 'may', 'primarily', 'mainly', 'only', 'potent', 'potently', 'not', 'does', 'do', 'did', 'doesn', 'don',
  'didn', 'isn', 'aren', 't', 'never', 'first', 'another',
]);
// Words that may stand between a description and the drug it introduces: "the PD-1 inhibitor antibody nivolumab".
const INTRODUCING_WORDS = new Set([
  'antibody', 'antibodies', 'monoclonal', 'drug', 'drugs', 'agent', 'agents', 'therapy', 'therapies', 'such', 'as', 'like',
  'including', 'e', 'g', 'medicine', 'medicines', 'inhibitor', 'inhibitors', 'blocker', 'blockers',
]);
// Words between a relation verb and its targets: "binds to both PD-1 and PD-L1".
const TARGET_LEAD_WORDS = new Set(['to', 'against', 'on', 'the', 'both', 'its', 'receptor', 'ligand', 'protein', 'and', 'or']);
const NEGATING_WORDS = new Set(['not', 'never', 't']);
const POPULATION_DENIALS = new Set([
  'not', 'never', 't', 'no', 'without', 'omitted', 'omit', 'excluded', 'exclude', 'excluding', 'ineffective', 'failed', 'fails',
  'unlike', 'contraindicated', 'instead', 'rather', 'except', 'neither', 'nor', 'only', 'trials', 'trial', 'studied', 'investigational',
]);
const APPOSITIVE_WORDS = new Set(['a', 'an', 'the', 'is', 'was', 'are', 'were', 'which', 'that', 'also', 'another', 'first', 'not', 'never']);
const LISTING_WORDS = new Set(['such', 'like', 'including', 'e']);
const LIST_WORDS = new Set(['and', 'or']);
const CLAUSE_WORDS = new Set(['but', 'whereas', 'while', 'although', 'though', 'however', 'unlike', 'instead']);
// A sentence opening with one of these ("Unlike trastuzumab, ...") has a first clause that ends at its first comma.
const OPENING_CLAUSE_WORDS = new Set(['unlike', 'although', 'though', 'while', 'whereas', 'despite']);

/** Separators a clause continues across: spaces, commas, brackets, slashes, hyphens and dashes. */
const CLAUSE_GAP = /^[\s,()\/\-\u2010-\u2014]*$/;

/** The tokens of one sentence, with the mentions in it indexed by their first and last token. */
class SentenceView {
  readonly drugsByFirst: Map<number, Mention>;
  readonly drugsByLast: Map<number, Mention>;
  /** First token after the comma that closes an opening clause, if the sentence has one. */
  private readonly openingClauseEnd: number;

  constructor(
    readonly analysis: Analysis,
    readonly first: number,
    readonly last: number,
    drugs: Mention[],
  ) {
    this.drugsByFirst = new Map(drugs.map((drug) => [drug.first, drug]));
    this.drugsByLast = new Map(drugs.map((drug) => [drug.last, drug]));
    let end = -1;
    if (first <= last && OPENING_CLAUSE_WORDS.has(this.word(first))) {
      for (let index = first + 1; index <= last && end < 0; index++) if (this.gapBefore(index).includes(',')) end = index;
    }
    this.openingClauseEnd = end;
  }

  word(index: number): string {
    return wordAt(this.analysis.tokens, index);
  }

  /** Text between token `index - 1` and token `index`. */
  gapBefore(index: number): string {
    const { tokens } = this.analysis;
    return tokens.text.slice(tokens.ends[index - 1], tokens.starts[index]);
  }

  inside(index: number): boolean {
    return index >= this.first && index <= this.last;
  }

  /** Whether tokens `from` and `to` (from < to) stand in one clause. */
  sameClause(from: number, to: number): boolean {
    if (from < this.openingClauseEnd && to >= this.openingClauseEnd) return false;
    for (let index = from + 1; index <= to; index++) {
      if (/[;:]/.test(this.gapBefore(index)) || CLAUSE_WORDS.has(this.word(index))) return false;
    }
    return true;
  }

  /** A drug list ending at token `end`, read backwards: "pembrolizumab and nivolumab". */
  drugsEndingAt(end: number): Mention[] {
    const group: Mention[] = [];
    for (let drug = this.drugsByLast.get(end); drug; ) {
      group.unshift(drug);
      let before = drug.first - 1;
      if (!this.inside(before)) break;
      if (LIST_WORDS.has(this.word(before)) && CLAUSE_GAP.test(this.gapBefore(drug.first))) before--;
      else if (!/^\s*,\s*$/.test(this.gapBefore(drug.first))) break;
      drug = this.inside(before) ? this.drugsByLast.get(before) : undefined;
    }
    return group;
  }

  /** A drug list starting at token `start`. */
  drugsStartingAt(start: number): Mention[] {
    const group: Mention[] = [];
    for (let drug = this.drugsByFirst.get(start); drug; ) {
      group.push(drug);
      let after = drug.last + 1;
      if (!this.inside(after)) break;
      if (LIST_WORDS.has(this.word(after))) after++;
      else if (!/^\s*,\s*$/.test(this.gapBefore(after))) break;
      drug = this.inside(after) ? this.drugsByFirst.get(after) : undefined;
    }
    return group;
  }
}

interface Attribution {
  drugs: Mention[];
  negated: boolean;
}

/** The drugs a description spanning tokens first..last is said of: before it (appositive, "is a"), or after it. */
function describedDrugs(view: SentenceView, first: number, last: number): Attribution {
  let negated = false;
  // Across a comma, a description is an appositive only with its article or verb ("pembrolizumab, a
  // CTLA-4 inhibitor"); a bare one is the next item of a list ("ipilimumab, CAR T-cell therapy, and vaccines").
  let appositive = false;
  for (let index = first - 1, steps = 0; steps < 6 && view.inside(index) && CLAUSE_GAP.test(view.gapBefore(index + 1)); index--, steps++) {
    if (view.gapBefore(index + 1).includes(',') && !appositive) break;
    if (view.drugsByLast.has(index)) return { drugs: view.drugsEndingAt(index), negated };
    const word = view.word(index);
    if (!LINKING_WORDS.has(word)) break;
    if (APPOSITIVE_WORDS.has(word)) appositive = true;
    if (NEGATING_WORDS.has(word)) negated = true;
  }
  for (let index = last + 1, steps = 0; steps < 5 && view.inside(index) && CLAUSE_GAP.test(view.gapBefore(index)); index++, steps++) {
    // After a comma only an introduction leads on to the drugs: "checkpoint inhibitors, such as nivolumab".
    if (view.gapBefore(index).includes(',') && !LISTING_WORDS.has(view.word(index))) break;
    if (view.drugsByFirst.has(index)) return { drugs: view.drugsStartingAt(index), negated: false };
    if (!INTRODUCING_WORDS.has(view.word(index))) break;
  }
  return { drugs: [], negated: false };
}

/** The drugs that a relation verb before the targets makes their subject: "ipilimumab blocks PD-1". */
function subjectDrugs(view: SentenceView, targetsFirst: number): Attribution {
  let index = targetsFirst - 1;
  while (view.inside(index) && TARGET_LEAD_WORDS.has(view.word(index))) index--;
  if (!view.inside(index) || !RELATION_VERBS.has(view.word(index))) return { drugs: [], negated: false };
  let negated = false;
  for (index--; view.inside(index) && CLAUSE_GAP.test(view.gapBefore(index + 1)); index--) {
    if (view.drugsByLast.has(index)) return { drugs: view.drugsEndingAt(index), negated };
    const word = view.word(index);
    if (!LINKING_WORDS.has(word)) break;
    if (NEGATING_WORDS.has(word)) negated = true;
  }
  return { drugs: [], negated: false };
}

/** Targets written as one group: "PD-1/PD-L1", "PD-1 and PD-L1", "PD-1, PD-L1 or CTLA-4". */
function groupTargets(analysis: Analysis, targets: Mention[]): Mention[][] {
  const groups: Mention[][] = [];
  for (const target of targets) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    if (group && previous && /^\s*(?:\/|,|,?\s*(?:and|or))\s*$/i.test(analysis.prose.text.slice(previous.end, target.start))) group.push(target);
    else groups.push([target]);
  }
  return groups;
}

/** "anti-X", "X inhibitor", "X-blocking": the tokens of the class phrase around a target group, if any. */
function targetClassPhrase(view: SentenceView, group: Mention[]): { first: number; last: number } | undefined {
  const first = group[0]!.first;
  const last = group.at(-1)!.last;
  const anti = view.inside(first - 1) && view.word(first - 1) === 'anti' && /^[-\u2010-\u2014]?$/.test(view.gapBefore(first));
  const classWord = view.inside(last + 1) && TARGET_CLASS_WORDS.has(view.word(last + 1)) && /^[\s\-\u2010-\u2014]$/.test(view.gapBefore(last + 1));
  if (!anti && !classWord) return undefined;
  return { first: anti ? first - 1 : first, last: classWord ? last + 1 : last };
}

function listNames(entries: TermEntry[]): string {
  const names = entries.map(displayName);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function withArticle(text: string): string {
  return `${/^[aeiou]/i.test(text) ? 'an' : 'a'} ${text}`;
}

function profile(compiled: CompiledCorpus, drug: TermEntry): string {
  const classes = entriesOf(compiled, drug.classes).map((entry) => entry.term);
  const targets = listNames(entriesOf(compiled, drug.targets));
  return `${classes.length ? withArticle(classes.join(' and ')) : 'a drug'} targeting ${targets}`;
}

function checkTargets(view: SentenceView, targets: Mention[], report: (finding: ProseReport) => void): void {
  const { analysis } = view;
  for (const group of groupTargets(analysis, targets)) {
    const phrase = targetClassPhrase(view, group);
    const attribution = phrase ? describedDrugs(view, phrase.first, phrase.last) : subjectDrugs(view, group[0]!.first);
    const start = group[0]!.start;
    const end = group.at(-1)!.end;
    const named = listNames(group.map((target) => target.entry));
    for (const drug of attribution.drugs) {
      const targetIds = drug.drugs.flatMap((component) => component.targets ?? []);
      const hits = group.some((target) => targetIds.includes(target.entry.id));
      if (hits === !attribution.negated) continue;
      const fact = `the corpus lists ${describe(drug)} as targeting ${listNames(entriesOf(analysis.compiled, targetIds))} (${drug.entry.sources[0]!.name})`;
      const message = attribution.negated ? `"${surface(analysis, drug)}" does target ${named}: ${fact}.` : `"${surface(analysis, drug)}" does not target ${named}: ${fact}.`;
      report({ start, end, message, entryId: drug.entry.id });
    }
  }
}

function checkClasses(view: SentenceView, classes: Mention[], report: (finding: ProseReport) => void): void {
  const { analysis } = view;
  for (const mention of classes) {
    const attribution = describedDrugs(view, mention.first, mention.last);
    for (const drug of attribution.drugs) {
      const { compiled } = analysis;
      if (drug.drugs.some((component) => compiled.possibleClassesOfDrug.get(component.id)?.has(mention.entry.id))) continue;
      const member = drug.drugs.some((component) => compiled.classesOfDrug.get(component.id)?.has(mention.entry.id));
      if (member === !attribution.negated) continue;
      const fact = `the corpus lists ${describe(drug)} as ${drug.drugs.map((component) => profile(compiled, component)).join(' and ')} (${drug.entry.sources[0]!.name})`;
      const claim = attribution.negated ? `is ${withArticle(mention.entry.term)}` : `is not ${withArticle(mention.entry.term)}`;
      report({ start: mention.start, end: mention.end, message: `"${surface(analysis, drug)}" ${claim}: ${fact}.`, entryId: drug.entry.id });
    }
  }
}

function checkPopulations(view: SentenceView, drugs: Mention[], populations: CorpusMatch[], report: (finding: ProseReport) => void): void {
  const { analysis } = view;
  for (const population of populations) {
    if (population.phrase.payload.kind !== 'population') continue;
    const { drug: entry, constraint } = population.phrase.payload;
    const drug = drugs.find((mention) => mention.entry === entry && view.sameClause(Math.min(mention.last, population.firstToken), Math.max(mention.first, population.lastToken)));
    if (!drug) continue;
    // At error severity the sentence must say plainly that the drug is for that disease: any negation or
    // exclusion in it ("not indicated", "without trastuzumab", "excluded", "failed to") leaves it unsaid.
    let denied = false;
    for (let index = view.first; index <= view.last && !denied; index++) denied = POPULATION_DENIALS.has(view.word(index));
    if (denied) continue;
    report({
      start: population.start,
      end: population.end,
      message: `"${surface(analysis, drug)}" is not for ${surface(analysis, population)} disease: ${constraint.note.replace(/\.$/, '')} (${entry.sources[0]!.name}).`,
      entryId: entry.id,
    });
  }
}

function describe(drug: Mention): string {
  return drug.drugs.length > 1 ? `${listNames(drug.drugs)} together` : drug.entry.term;
}

/** The drugs a brand stands for: a combination brand's `use` names each ("nivolumab and relatlimab"). */
function activeDrugs(compiled: CompiledCorpus, match: TermMatch): TermEntry[] {
  const { entry, form, replacement } = match.phrase.payload;
  if (form !== 'brand' || !replacement) return [entry];
  const named = replacement.split(/,\s*|\s+and\s+/).map((name) => compiled.lookup.get(name.toLowerCase())).filter((found): found is TermEntry => found?.category === 'drug');
  return named.length ? [...new Set(named)] : [entry];
}

/** Adds a match to a list of mentions unless it overlaps the last one: leftmost-longest, as matches arrive. */
function addMention(mentions: Mention[], match: TermMatch, drugs: TermEntry[] = [match.phrase.payload.entry]): void {
  const last = mentions.at(-1);
  if (last && match.start < last.end) return;
  mentions.push({ first: match.firstToken, last: match.lastToken, start: match.start, end: match.end, entry: match.phrase.payload.entry, drugs });
}

/** Checks the sentence whose matches are `matches[from..to)`. */
function checkSentence(analysis: Analysis, sentence: Sentence, from: number, to: number, report: (finding: ProseReport) => void): void {
  const { compiled, tokens, matches } = analysis;
  const drugs: Mention[] = [];
  const targets: Mention[] = [];
  const classes: Mention[] = [];
  const populations: CorpusMatch[] = [];
  for (let index = from; index < to; index++) {
    const match = matches[index]!;
    if (match.phrase.payload.kind === 'population') populations.push(match);
    if (!isTermMatch(match)) continue;
    const { entry } = match.phrase.payload;
    if (entry.category === 'drug') addMention(drugs, match, activeDrugs(compiled, match));
    else if (entry.category === 'drug-class' || entry.category === 'therapy') addMention(classes, match);
    if (compiled.drugsByTarget.has(entry.id)) addMention(targets, match);
  }
  // "a CTLA-4 inhibitor" is one statement of target: the target check reports it, with the target named.
  const classesWithoutTarget = classes.filter((mention) => !targets.some((target) => target.start >= mention.start && target.end <= mention.end));
  if (drugs.length === 0 || targets.length + classesWithoutTarget.length + populations.length === 0) return;
  const view = new SentenceView(analysis, tokenIndexAfter(tokens, sentence.start), tokenIndexAfter(tokens, sentence.end) - 1, drugs);
  checkTargets(view, targets, report);
  checkClasses(view, classesWithoutTarget, report);
  checkPopulations(view, drugs, populations, report);
}

export const contradiction: Rule = {
  id: 'contradiction',
  defaultSeverity: 'error',
  safeFixes: false,
  perChunk: true,
  docs: {
    severity: 'error: a drug given a target, class or population the corpus contradicts is wrong wherever it is said; the rule reports only statements it can tie to the drug within one clause.',
    summary: 'Do not attribute to a drug a target, class or population the corpus contradicts.',
    description:
      'A drug belongs to its classes and to every broader class above them (a PD-1 inhibitor is an immune checkpoint ' +
      'inhibitor and so an immunotherapy); a class that only some members of the drug\'s class belong to (monoclonal ' +
      'antibodies and immunotherapy) is never a contradiction. So the misnomers writers make are caught: a checkpoint ' +
      'inhibitor called chemotherapy, a kinase inhibitor called an immunotherapy. Within a clause, a drug is tied to what the text says of it: an appositive ("pembrolizumab, a CTLA-4 inhibitor"), ' +
      'a description before it ("the PD-1 inhibitor ipilimumab"), anti-X or X inhibitor, or a verb (blocks, targets, ' +
      'binds, inhibits), negated or not. The rule reports a target, class or population that the corpus contradicts and ' +
      'cites the corpus fact. A sentence listing several correct pairs reports nothing.',
    examples: [
      { markdown: 'Pembrolizumab and nivolumab bind PD-1, ipilimumab binds CTLA-4.', expected: [] },
      { markdown: 'Atezolizumab, an anti–PD-L1 antibody, was approved.', expected: [] },
      { markdown: 'Trastuzumab is used in HER2-positive breast cancer.', expected: [] },
      { markdown: 'In HER2-negative disease, trastuzumab is not indicated.', expected: [] },
      { markdown: 'Opdualag, a PD-1 inhibitor combination, was approved for melanoma.', expected: [] },
      { markdown: 'Patients with HER2-negative disease received chemotherapy without trastuzumab.', expected: [] },
      { markdown: 'HER2-low tumours were excluded from trastuzumab trials.', expected: [] },
      { markdown: 'Nivolumab is an immunotherapy, and tisagenlecleucel is an adoptive cell therapy.', expected: [] },
      { markdown: 'Rituximab, a monoclonal antibody, is sometimes called an immunotherapy.', expected: [] },
      { markdown: 'Options include ipilimumab, CAR T-cell therapy, and cancer vaccines.', expected: [] },
      { markdown: 'Cancer vaccines, nivolumab and adoptive cell transfer are studied.', expected: [] },
      { markdown: 'Pembrolizumab plus chemotherapy is a first-line option; imatinib is a targeted therapy.', expected: [] },
      {
        markdown: 'Imatinib is an immunotherapy.',
        expected: ['1:16-1:29 "Imatinib" is not an immunotherapy: the corpus lists imatinib as a tyrosine kinase inhibitor targeting BCR-ABL (FDA label: GLEEVEC (imatinib mesylate)).'],
      },
      {
        markdown: 'Nivolumab is a chemotherapy drug.',
        expected: ['1:16-1:28 "Nivolumab" is not a chemotherapy: the corpus lists nivolumab as a PD-1 inhibitor and monoclonal antibody targeting PD-1 (FDA label: OPDIVO (nivolumab)).'],
      },
      {
        markdown: 'Pembrolizumab, a CTLA-4 inhibitor, was given.',
        expected: ['1:18-1:24 "Pembrolizumab" does not target CTLA-4: the corpus lists pembrolizumab as targeting PD-1 (FDA label: KEYTRUDA (pembrolizumab)).'],
      },
      {
        markdown: 'Ipilimumab blocks PD-1 on T cells.',
        expected: ['1:19-1:23 "Ipilimumab" does not target PD-1: the corpus lists ipilimumab as targeting CTLA-4 (FDA label: YERVOY (ipilimumab)).'],
      },
      {
        markdown: 'Trastuzumab is an option for HER2-negative breast cancer.',
        expected: ['1:30-1:43 "Trastuzumab" is not for HER2-negative disease: Trastuzumab is approved only for HER2-overexpressing (HER2-positive) cancers (FDA label: HERCEPTIN (trastuzumab)).'],
      },
      {
        markdown: 'Rituximab, an immune checkpoint inhibitor, depletes B cells.',
        expected: ['1:15-1:42 "Rituximab" is not an immune checkpoint inhibitor: the corpus lists rituximab as a monoclonal antibody targeting CD20 (FDA label: RITUXAN (rituximab)).'],
      },
    ],
  },
  check(analysis, report) {
    // Matches and sentences are both in document order: walk them together.
    let cursor = 0;
    const { matches } = analysis;
    for (const sentence of analysis.sentences) {
      while (cursor < matches.length && matches[cursor]!.start < sentence.start) cursor++;
      let end = cursor;
      while (end < matches.length && matches[end]!.start < sentence.end) end++;
      if (end > cursor) checkSentence(analysis, sentence, cursor, end, report);
      cursor = end;
    }
  },
};
