import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const on = { rules: { 'reference-order': 'warning' as const } };
const order = (text: string) => findingsOf(text, 'reference-order', on);

describe('reference-order (numbered references)', () => {
  it('is off by default', () => {
    assert.deepEqual(findingsOf('Survival improved [2].', 'reference-order'), []);
  });

  it('reads superscripts, Pandoc superscripts, links to numbered definitions and ranges', () => {
    assert.deepEqual(order('Survival improved.<sup>1</sup> Toxicity rose.^2,3^ Costs fell [4–6]. Quality of life held [7].\n\n[7]: https://example.org/7\n'), []);
    assert.deepEqual(order('Survival improved.<sup>1</sup> Toxicity rose.^3^\n'), ['1:47-1:48 Reference 3 is first cited before reference 2: number references in the order they are first cited.']);
  });

  it('accepts a reference cited again out of order, and reads citations in the order written', () => {
    assert.deepEqual(order('Survival improved [1]. Toxicity rose [2]. As noted [1], costs fell [3].\n'), []);
    assert.deepEqual(order('Survival improved [1, 3].\n'), ['1:19-1:25 Reference 3 is first cited before reference 2: number references in the order they are first cited.']);
  });

  it('counts the References list as Markdown numbers it, and does not read citations inside it', () => {
    const list = '\n\n## References\n\n1. Smith J. See also [9].\n1. Lee K.\n1. Chen L.\n';
    assert.deepEqual(order(`Survival improved [1–3].${list}`), []);
    assert.deepEqual(order(`Survival improved [1–4].${list}`), ['1:19-1:24 Reference 4 has no entry in the References list, which has 3.']);
  });

  it('does not read a year in brackets as a reference', () => {
    assert.deepEqual(order('Survival improved [1]. The label was updated [2021].\n'), []);
  });
});
