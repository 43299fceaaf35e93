import { numberedReferences } from '../numberedReferences';
import type { Rule } from './rule';

export const referenceOrder: Rule = {
  id: 'reference-order',
  defaultSeverity: 'off',
  safeFixes: false,
  docs: {
    severity: 'off: only a manuscript with numbered references (Vancouver, AMA) orders them by first citation; other documents number otherwise or not at all. Turn it on as a warning for manuscripts.',
    summary: 'Number references in the order they are first cited, each with an entry in the References list.',
    description:
      'In a manuscript that cites by number (`[1]`, `[2, 3]`, `[4–6]`, `<sup>1</sup>`, `^1^`), each reference cited for the ' +
      'first time must take the next number, as AMA and Vancouver style require: a citation that skips ahead is reported. ' +
      'When the document has a References section (a heading such as "References" over a numbered list), a cited number ' +
      'with no entry there is reported too. Citations inside the References section are not read.',
    examples: [
      {
        markdown: 'Checkpoint inhibitors improve survival [1, 2]. Toxicity is common [3].\n\n## References\n\n1. Smith J.\n2. Lee K.\n3. Chen L.',
        expected: [],
      },
      {
        markdown: 'Checkpoint inhibitors improve survival [1]. Toxicity is common [3]. Costs rise [2].\n\n## References\n\n1. Smith J.\n2. Lee K.\n3. Chen L.',
        expected: ['1:64-1:67 Reference 3 is first cited before reference 2: number references in the order they are first cited.'],
      },
      {
        markdown: 'Checkpoint inhibitors improve survival [1–3].\n\n## References\n\n1. Smith J.\n2. Lee K.',
        expected: ['1:40-1:45 Reference 3 has no entry in the References list, which has 2.'],
      },
    ],
  },
  check(analysis, report) {
    const { citations, entries } = numberedReferences(analysis);
    if (citations.length === 0) return;
    const listed = entries && new Set(entries);
    const cited = new Set<number>();
    let highest = 0;
    for (const { numbers, start, end } of citations) {
      let skipped: number | undefined;
      for (const number of numbers) {
        if (skipped === undefined && !cited.has(number) && number > highest + 1) skipped = number;
        cited.add(number);
        highest = Math.max(highest, number);
      }
      if (skipped !== undefined) {
        let next = 1;
        while (cited.has(next)) next++;
        report({ start, end, message: `Reference ${skipped} is first cited before reference ${next}: number references in the order they are first cited.` });
        continue;
      }
      const missing = listed ? numbers.find((number) => !listed.has(number)) : undefined;
      if (missing !== undefined) report({ start, end, message: `Reference ${missing} has no entry in the References list, which has ${entries!.length}.` });
    }
  },
};
