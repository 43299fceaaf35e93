import { tokenize, wordAt } from '../text/tokens';
import type { Rule } from './rule';
import { capitalizeAtSentenceStart, claimApplies, claimMatches, nonOverlapping, sentenceOf, surface } from './helpers';

export const personFirst: Rule = {
  id: 'person-first',
  defaultSeverity: 'warning',
  safeFixes: false,
  perChunk: true,
  docs: {
    severity: 'warning: a style convention, which some quoted or historical text may not follow.',
    summary: 'Put the person before the condition.',
    description:
      'Reports "cancer patients", "leukemia patients", "melanoma patients" and similar, and fixes them to "patients with cancer" ' +
      'and so on. After a coordination ("kidney and lung cancer patients") no fix is offered: the patients have either ' +
      'condition, and the writer words the list ("patients with kidney or lung cancer").',
    examples: [
      { markdown: 'Patients with cancer were enrolled.', expected: [] },
      {
        markdown: 'Cancer patients were enrolled.',
        expected: ['1:1-1:16 Use "patients with cancer", not "Cancer patients".'],
      },
      {
        markdown: 'Kidney and lung cancer patients were enrolled.',
        expected: ['1:12-1:32 Use "patients with ..." for each condition listed, not "lung cancer patients".'],
      },
      {
        markdown: 'We enrolled 40 breast cancer patients.',
        expected: ['1:16-1:38 Use "patients with breast cancer", not "breast cancer patients".'],
      },
    ],
  },
  check(analysis, report) {
    for (const match of nonOverlapping(claimMatches(analysis, 'person-first'))) {
      const { claim, phrase, condition } = match.phrase.payload;
      if (!condition || !phrase.use || !claimApplies(analysis, match)) continue;
      // Keep the writer's spelling of the condition, but not a capital that only marks the sentence start.
      const conditionEnd = analysis.tokens.ends[match.firstToken + tokenize(condition).count - 1]!;
      let written = analysis.prose.text.slice(match.start, conditionEnd);
      if (condition.charAt(0) === condition.charAt(0).toLowerCase()) written = written.charAt(0).toLowerCase() + written.slice(1);
      const suggestion = phrase.use.replace('{condition}', written);
      // "kidney and lung cancer patients": the patients have either condition, so replacing the last
      // two words alone would change the meaning ("kidney and patients with lung cancer").
      const coordinated = match.firstToken >= 2 && analysis.tokens.starts[match.firstToken - 1]! >= sentenceOf(analysis, match.start).start && /^(?:and|or)$/.test(wordAt(analysis.tokens, match.firstToken - 1));
      // "cancer patients' partners": the possessive has no place in "patients with cancer".
      const possessive = /^['\u2019]/.test(analysis.prose.text.slice(match.end, match.end + 1));
      report({
        start: match.start,
        end: match.end,
        message: coordinated
          ? `Use "patients with ..." for each condition listed, not "${surface(analysis, match)}".`
          : `Use "${suggestion}", not "${surface(analysis, match)}".`,
        explanation: `Person-first language: ${claim.explanation.charAt(0).toLowerCase()}${claim.explanation.slice(1)}`,
        ...(coordinated || possessive ? {} : { fix: capitalizeAtSentenceStart(analysis, match.start, suggestion) }),
        entryId: claim.id,
      });
    }
  },
};
