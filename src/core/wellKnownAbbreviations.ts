/**
 * Abbreviations a reader of medical writing knows better than their expansions, which
 * undefined-abbreviation lets stand: the clinical and technical terms that AMA style and the
 * journals following it print without expansion (DNA, HIV, CT, MRI), the country and agency names
 * US text uses bare (US, FDA), and abbreviations that are not terms at all (academic degrees,
 * company forms, units). A team trims the list with `abbreviations.expand` and extends it with
 * `abbreviations.ignore`. The README lists it; test/abbreviation-rules.test.ts holds it to that.
 */
export const WELL_KNOWN_ABBREVIATIONS: readonly string[] = [
  // Clinical and technical terms.
  'AIDS', 'DNA', 'cDNA', 'mRNA', 'tRNA', 'RNA', 'HIV', 'CT', 'MRI', 'PET', 'ECG', 'IQ',
  // Countries, unions and the US regulator, in US text.
  'US', 'USA', 'UK', 'EU', 'FDA',
  // Degrees and credentials.
  'MD', 'PhD', 'MPH', 'MBA', 'JD', 'RN', 'MSc', 'BSc', 'PharmD', 'DPhil',
  // Company forms, documents and the web.
  'LLC', 'LLP', 'INC', 'CEO', 'PDF', 'URL', 'DOI', 'FAQ', 'ISBN', 'ISSN', 'TV',
  // Units with a capital prefix or symbol.
  'MBq', 'GBq', 'kBq', 'MHz', 'GHz', 'kHz', 'MeV', 'keV', 'MV', 'kV', 'IU', 'mIU',
];

/** CD antigens (CD4, CD8+, CD19), which AMA style prints without "cluster of differentiation". */
export const isClusterOfDifferentiation = (short: string) => /^CD\d+[a-z]?[+-]?$/.test(short);

// Two-letter US state codes, bare only in an address ("Seattle, WA 98109").
const STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR'.split(' '),
);

/** A state code after a city: "Bethesda, MD", "Silver Spring, MD 20993". */
export function isStateInAddress(text: string, start: number, short: string): boolean {
  return STATES.has(short) && /\p{Lu}\p{Ll}+,\s$/u.test(text.slice(Math.max(0, start - 20), start));
}

const ELEMENTS = new Set(
  ('H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Mo Ru Rh Pd Ag Cd ' +
    'In Sn Sb Te I Xe Cs Ba La Ce Gd Pt Au Hg Tl Pb Bi Ra Rn U Pu Tc Lu').split(' '),
);

/** A chemical formula: element symbols with counts or a two-letter symbol (CO2, H2O, NaCl, MgSO4), not letters that happen to be symbols (HIV). */
export function isChemicalFormula(short: string): boolean {
  const symbols = short.match(/\p{Lu}\p{Ll}?\d*/gu);
  if (!symbols || symbols.join('') !== short.replace(/[+-]$/, '')) return false;
  if (!symbols.every((symbol) => ELEMENTS.has(symbol.replace(/\d+$/, '')))) return false;
  return /\d/.test(short) || symbols.some((symbol) => /\p{Ll}/u.test(symbol));
}
