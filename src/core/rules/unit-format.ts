import { inQuotation, statisticsOf, statisticsStyle } from '../statistics';
import type { Measurement } from '../text/statistics';
import type { Rule } from './rule';

const PLURALS: Record<string, string> = { mgs: 'mg', kgs: 'kg', mcgs: 'mcg', mls: 'mL', mLs: 'mL', hrs: 'h', mins: 'min', Gys: 'Gy', ccs: 'cc' };
const TIME_WORDS: Record<string, string> = { d: 'day', day: 'day', h: 'hour', min: 'minute', wk: 'week', week: 'week' };
// "2L" reads as second line of therapy, "10U" as a code: only spaced L and U are units for sure.
const SPACED_ONLY = new Set(['L', 'U']);

/** A strength in parentheses after a capitalised name, "DHEA (10mg, 25mg)": the product's name as its maker writes it. */
const PRODUCT_STRENGTH = /\p{Lu}[\p{L}\p{N}-]* \([^()]{0,30}$/u;

/** The unit as the house style writes it, and why it differs from the one written. */
function styledUnit(unit: string, options: ReturnType<typeof statisticsStyle>): { unit: string; fault?: string } {
  const ama = options.style === 'ama';
  const ismp = options.units === 'ismp';
  const singular = PLURALS[unit];
  if (singular) {
    const styled = styledUnit(singular, options).unit;
    return { unit: styled, fault: `"${styled}" takes no plural` };
  }
  if (unit === 'hr') return { unit: 'h', fault: 'the symbol for hour is "h"' };
  if (unit === 'cc') return { unit: 'mL', fault: '"cc" is read as "u" or "00"; the unit is mL' };
  if (ama && unit === 'ml') return { unit: 'mL', fault: 'AMA style writes liter as L' };
  if (ama && unit === 'dl') return { unit: 'dL', fault: 'AMA style writes liter as L' };
  if (ismp && /^(?:µg|\u03bcg|ug)$/.test(unit)) return { unit: 'mcg', fault: 'ISMP: µg is misread as mg' };
  if (!ismp && (unit === 'mcg' || unit === 'ug')) return { unit: 'µg', fault: 'the SI symbol for microgram is µg' };
  if (ismp && unit === 'U') return { unit: 'units', fault: 'ISMP: "U" is misread as 0, 4 or cc' };
  if (ismp && unit === 'IU') return { unit: 'units', fault: 'ISMP: "IU" is misread as IV or 10' };
  return { unit };
}

function styledPer(per: string, ama: boolean): { per: string; faults: string[] } {
  const faults: string[] = [];
  let styled = per.replace(/\/m2(?=\/|$)/, () => {
    faults.push('m² with a superscript 2');
    return '/m²';
  });
  if (ama && /\/(?:d|m)?l(?=\/|$)/.test(styled)) {
    styled = styled.replace(/\/(d|m)?l(?=\/|$)/g, '/$1L');
    faults.push('AMA style writes liter as L');
  }
  const parts = styled.split('/').slice(1);
  const last = parts.at(-1);
  if (parts.length >= 2 && last && TIME_WORDS[last]) {
    styled = `/${parts.slice(0, -1).join('/')} per ${TIME_WORDS[last]}`;
    faults.push('"per" rather than a second slash');
  }
  return { per: styled, faults };
}

function rewrite(measurement: Measurement, text: string, options: ReturnType<typeof statisticsStyle>): { written: string; faults: string[] } | undefined {
  if (SPACED_ONLY.has(measurement.unit) && measurement.space === '') return undefined;
  const faults: string[] = [];
  let number = text.slice(measurement.number.start, measurement.number.end);
  // A naked decimal point is missed and ".5 mg" read as 5 mg (AMA, SI and ISMP alike).
  if (/^[.·]/.test(number)) {
    number = `0${number}`;
    faults.push('a zero before the decimal point');
  }
  // ISMP: a trailing zero is missed and "5.0 mg" read as 50 mg.
  if (options.units === 'ismp' && /[.·]0+$/.test(number)) {
    number = number.replace(/[.·]0+$/, '');
    faults.push('ISMP: no trailing zero after the decimal point');
  }
  const unit = styledUnit(measurement.unit, options);
  if (unit.fault) faults.push(unit.fault);
  let space = measurement.space;
  if (space === '') {
    space = ' ';
    faults.push('a space between the number and the unit');
  }
  const per = styledPer(measurement.per, options.style === 'ama');
  faults.push(...per.faults);
  if (faults.length === 0) return undefined;
  return { written: number + space + unit.unit + per.per, faults: [...new Set(faults)] };
}

export const unitFormat: Rule = {
  id: 'unit-format',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: a house style (AMA and SI by default, ISMP for medication orders); the quantity is not in doubt.',
    summary: 'Write units as SI and the house style do: "10 mg", "mL", "µg", "mg/kg per day", "mg/m²".',
    description:
      'Reports, after a number: no space before the unit ("10mg", write "10 mg"; "2L" and "10U" are left alone, as they ' +
      'often mean a line of therapy or a code); a plural unit ("mgs", "mls", "hrs"); "hr" (write "h"); "cc" (write "mL"); ' +
      '"mcg" and "ug" (write "µg", the SI symbol); a second slash ("mg/kg/d", write "mg/kg per day"); "m2" in a per-area ' +
      'unit ("mg/m2", write "mg/m²"); a naked decimal point (".5 mg", write "0.5 mg"). AMA style also asks for a capital L ("ml", "dl": write "mL", "dL"); Vancouver ' +
      'style (`statistics.style: "vancouver"`) accepts both, as SI does. `statistics.units: "ismp"` follows the ISMP list ' +
      'of error-prone abbreviations, for medication orders and labels: "mcg", not "µg" (misread as mg), "units", not ' +
      '"U" or "IU", and no trailing zero ("5.0 mg", write "5 mg"). A number inside a name (PD-1, CD8, IL-6, HER2, COVID-19) is not a quantity and is never read as one.',
    examples: [
      { markdown: 'Patients received pembrolizumab 200 mg every 3 weeks and 2 mg/kg of the second drug.', expected: [] },
      { markdown: 'The dose was 10mg.', expected: ['1:14-1:18 Write "10 mg": a space between the number and the unit.'] },
      { markdown: 'The dose was 10 mgs.', expected: ['1:14-1:20 Write "10 mg": "mg" takes no plural.'] },
      { markdown: 'Vitamin B12 100 mcg was given daily.', expected: ['1:13-1:20 Write "100 µg": the SI symbol for microgram is µg.'] },
      { markdown: 'Vitamin B12 100 mcg was given daily.', expected: [], options: { statistics: { units: 'ismp' } } },
      { markdown: 'Vitamin B12 100 µg was given daily.', expected: ['1:13-1:19 Write "100 mcg": ISMP: µg is misread as mg.'], options: { statistics: { units: 'ismp' } } },
      { markdown: 'Carboplatin was dosed at 75 mg/m2 and ribavirin at 15 mg/kg/d.', expected: ['1:26-1:34 Write "75 mg/m²": m² with a superscript 2.', '1:52-1:62 Write "15 mg/kg per day": "per" rather than a second slash.'] },
      { markdown: 'Each vial holds 10 ml.', expected: [], options: { statistics: { style: 'vancouver' } } },
      { markdown: 'Colchicine .5 mg was given, then 5.0 mg of the other drug.', expected: ['1:12-1:17 Write "0.5 mg": a zero before the decimal point.'] },
      { markdown: 'Give warfarin 5.0 mg daily.', expected: ['1:15-1:21 Write "5 mg": ISMP: no trailing zero after the decimal point.'], options: { statistics: { units: 'ismp' } } },
    ],
  },
  check(analysis, report) {
    const options = statisticsStyle(analysis);
    const text = analysis.prose.text;
    for (const measurement of statisticsOf(analysis).measurements) {
      if (inQuotation(analysis, measurement.start) || PRODUCT_STRENGTH.test(text.slice(Math.max(0, measurement.start - 60), measurement.start))) continue;
      const fixed = rewrite(measurement, text, options);
      if (fixed) report({ start: measurement.start, end: measurement.end, message: `Write "${fixed.written}": ${fixed.faults.join(', ')}.`, fix: fixed.written });
    }
  },
};
