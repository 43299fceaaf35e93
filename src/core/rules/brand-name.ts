import { blockAt, type Analysis } from '../analysis';
import { anyBefore } from '../context';
import type { Rule } from './rule';
import { capitalizeAtSentenceStart, nonOverlapping, sentenceOf, surface, termMatches, type TermMatch } from './helpers';

const TRADEMARK = /^[\u00ae\u2122]/;
// Words that, just before a brand, say the text names the product: "sold under the brand name Keytruda".
const NAMING_WORDS = new Set(['brand', 'brands', 'trade', 'trademark', 'proprietary', 'marketed', 'sold', 'branded']);
// How many words may stand between a brand and its generic for the two to introduce the product together:
// "KYMRIAH® (pronounced KIM-RYE-AH) (tisagenlecleucel)", "atezolizumab and hyaluronidase-tqjs (Tecentriq Hybreza".
const PAIRING_REACH = 8;

/**
 * The products a document introduces by brand and generic together ("Keytruda (pembrolizumab)",
 * "OPDIVO- nivolumab injection"). A label, Medication Guide or press release then names its product
 * by brand throughout, as regulatory style does: those later uses are not reported. Each by its
 * entry's id, at the brand that introduces it.
 */
function introducedProducts(analysis: Analysis): { fact: string; start: number }[] {
  const brands = nonOverlapping(termMatches(analysis, ['brand']));
  const generics = termMatches(analysis, ['term', 'alias']);
  const introduced: { fact: string; start: number }[] = [];
  let cursor = 0;
  for (const brand of brands) {
    const { entry } = brand.phrase.payload;
    const sentence = sentenceOf(analysis, brand.start);
    while (cursor < generics.length && generics[cursor]!.lastToken < brand.firstToken - PAIRING_REACH) cursor++;
    for (let index = cursor; index < generics.length && generics[index]!.firstToken <= brand.lastToken + PAIRING_REACH; index++) {
      const generic = generics[index]!;
      if (generic.phrase.payload.entry === entry && generic.start >= sentence.start && generic.end <= sentence.end) {
        introduced.push({ fact: entry.id, start: brand.start });
        break;
      }
    }
  }
  return introduced;
}

/** "KEYTRUDA can cause...": labels and promotional pieces write their proprietary name in capitals, naming the product. */
function inCapitals(analysis: Analysis, brand: TermMatch): boolean {
  const written = analysis.prose.text.slice(brand.start, brand.end);
  return written.length > 3 && written === written.toUpperCase() && written !== written.toLowerCase();
}

/** "Keytruda Qlex": a capitalised word right after the brand may make it another product, which no generic fix knows. */
function followedByProductWord(analysis: Analysis, end: number): boolean {
  const after = analysis.prose.text.slice(end, Math.min(end + 40, sentenceOf(analysis, end - 1).end));
  return /^ \p{Lu}[\p{L}\p{N}-]*(?![\p{L}\p{N}])/u.test(after) && !/^ (?:I|A)\b/.test(after);
}

export const brandName: Rule = {
  id: 'brand-name',
  defaultSeverity: 'warning',
  safeFixes: false,
  perChunk: true,
  docs: {
    severity: 'warning: whether a brand is legitimate depends on the kind of document (a label or a promotional piece names its product).',
    summary: 'Use the generic name of a drug, not its brand name, where the brand stands in running prose for the generic.',
    description:
      'Reports a brand name (Keytruda, Opdivo, Yervoy, Herceptin, Kymriah, Yescarta...) used in running prose for the ' +
      'generic, and fixes it to the generic name, including a trademark sign that follows it; a product with its own ' +
      'name (Opdivo Qvantig, Tecentriq Hybreza) is fixed to its own generic wording. Legitimate mentions are not ' +
      'reported: a brand introduced with its generic ("Keytruda (pembrolizumab)", "pembrolizumab (Keytruda)") names ' +
      'that product for the rest of the document, as labels, Medication Guides and press releases do; a brand named as ' +
      'one ("sold under the brand name Keytruda"); a brand in capitals (KEYTRUDA), the way labels and promotional ' +
      'pieces name their product; and a brand in a table cell. A brand followed by a capitalised word ' +
      'the corpus does not know as a product gets no fix.',
    examples: [
      { markdown: 'Patients received pembrolizumab (Keytruda).', expected: [] },
      { markdown: 'KEYTRUDA (pembrolizumab) is a PD-1-blocking antibody. Permanently discontinue KEYTRUDA for severe reactions.', expected: [] },
      { markdown: 'Pembrolizumab is sold under the brand name Keytruda.', expected: [] },
      { markdown: 'Permanently discontinue KEYTRUDA for severe infusion-related reactions.', expected: [] },
      { markdown: '| Product | Use |\n| --- | --- |\n| Kymriah | B-cell ALL |', expected: [] },
      { markdown: 'Patients received Keytruda every 3 weeks.', expected: ['1:19-1:27 "Keytruda" is a brand name: use the generic name "pembrolizumab".'] },
      { markdown: 'Yervoy® was added.', expected: ['1:1-1:8 "Yervoy®" is a brand name: use the generic name "ipilimumab".'] },
      { markdown: 'Opdivo Qvantig is given under the skin.', expected: ['1:1-1:15 "Opdivo Qvantig" is a brand name: use the generic name "nivolumab and hyaluronidase".'] },
    ],
  },
  // A product introduced anywhere in the document is introduced everywhere in it.
  chunkFacts: introducedProducts,
  check(analysis, report) {
    const brands = nonOverlapping(termMatches(analysis, ['brand']));
    if (brands.length === 0) return;
    for (const match of brands) {
      const { entry, replacement } = match.phrase.payload;
      // A product introduced anywhere, here too, drops the report through the chunk facts: the reports
      // a chunk keeps from a run over the whole document must not depend on its other chunks.
      if (inCapitals(analysis, match) || blockAt(analysis.prose, match.start)?.kind === 'table-cell' || anyBefore(analysis, match, NAMING_WORDS, 4)) continue;
      const generic = replacement ?? entry.term;
      const end = TRADEMARK.test(analysis.prose.text.slice(match.end, match.end + 1)) ? match.end + 1 : match.end;
      const written = surface(analysis, { start: match.start, end });
      report({
        start: match.start,
        end,
        message: `"${written}" is a brand name: use the generic name "${generic}".`,
        ...(followedByProductWord(analysis, end) ? {} : { fix: capitalizeAtSentenceStart(analysis, match.start, generic) }),
        entryId: entry.id,
        unlessDocumentSays: entry.id,
      });
    }
  },
};
