import type { Rule } from './rules';

/** A rule's documentation as Markdown: summary, default severity, description and its first reporting example. */
export function ruleDocumentation(rule: Rule): string {
  const example = rule.docs.examples.find((candidate) => candidate.expected.length > 0)!;
  return [
    `### \`${rule.id}\``,
    '',
    `${rule.docs.summary} Default severity: ${rule.docs.severity}`,
    '',
    rule.docs.description,
    '',
    '```markdown',
    example.markdown,
    '```',
    '',
    '```text',
    ...example.expected,
    '```',
    '',
  ].join('\n');
}
