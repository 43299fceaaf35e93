/**
 * Abbreviations a reader of medical writing knows better than their expansions, which
 * undefined-abbreviation lets stand: the clinical and technical terms that AMA style and the
 * journals following it print without expansion (DNA, HIV, CT, MRI), the country and agency names
 * US text uses bare (US, FDA), and abbreviations that are not terms at all (academic degrees,
 * company forms, units). A team trims the list with `abbreviations.expand` and extends it with
 * `abbreviations.ignore`. The README lists it; test/abbreviation-rules.test.ts holds it to that.
 */
export const WELL_KNOWN_ABBREVIATIONS: Readonly<Record<string, string>> = {
  // Clinical and technical terms.
  AIDS: 'acquired immunodeficiency syndrome',
  DNA: 'deoxyribonucleic acid',
  cDNA: 'complementary DNA',
  mRNA: 'messenger RNA',
  tRNA: 'transfer RNA',
  RNA: 'ribonucleic acid',
  HIV: 'human immunodeficiency virus',
  CT: 'computed tomography',
  MRI: 'magnetic resonance imaging',
  PET: 'positron emission tomography',
  ECG: 'electrocardiogram',
  IQ: 'intelligence quotient',
  // Countries, unions and the US regulator, in US text.
  US: 'United States',
  USA: 'United States of America',
  UK: 'United Kingdom',
  EU: 'European Union',
  FDA: 'US Food and Drug Administration',
  // Degrees and credentials.
  MD: 'Doctor of Medicine',
  PhD: 'Doctor of Philosophy',
  MPH: 'Master of Public Health',
  MBA: 'Master of Business Administration',
  JD: 'Juris Doctor',
  RN: 'registered nurse',
  MSc: 'Master of Science',
  BSc: 'Bachelor of Science',
  PharmD: 'Doctor of Pharmacy',
  DPhil: 'Doctor of Philosophy',
  // Company forms, documents and the web.
  LLC: 'limited liability company',
  LLP: 'limited liability partnership',
  INC: 'incorporated',
  CEO: 'chief executive officer',
  PDF: 'Portable Document Format',
  URL: 'uniform resource locator',
  DOI: 'digital object identifier',
  FAQ: 'frequently asked questions',
  ISBN: 'International Standard Book Number',
  ISSN: 'International Standard Serial Number',
  TV: 'television',
  // Units with a capital prefix or symbol.
  MBq: 'megabecquerel',
  GBq: 'gigabecquerel',
  kBq: 'kilobecquerel',
  MHz: 'megahertz',
  GHz: 'gigahertz',
  kHz: 'kilohertz',
  MeV: 'megaelectronvolt',
  keV: 'kiloelectronvolt',
  MV: 'megavolt',
  kV: 'kilovolt',
  IU: 'international unit',
  mIU: 'milli-international unit',
};

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
