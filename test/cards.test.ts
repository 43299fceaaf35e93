import assert from 'node:assert/strict';
import { searchGlossary } from '../src/core/glossary';
import { builtinCorpus, linter } from './helpers';

const link = (entry: { id: string }) => `command:open?${entry.id}`;

describe('cards for editors', () => {
  it('gives a compact card: the heading, the first sentence of the definition and a "more…" link', () => {
    const medlint = linter();
    assert.equal(
      medlint.compactCard(medlint.define('PD-1')!, 'command:more'),
      '**PD-1** · programmed cell death protein 1 *(receptor)*\n\nA checkpoint receptor on the surface of T cells and other immune cells. [more…](command:more)',
    );
  });

  it('links the entries a full card names to their cards, and names them plainly without a link function', () => {
    const medlint = linter();
    const pembrolizumab = medlint.define('pembrolizumab')!;
    const linked = medlint.card(pembrolizumab, link).split('\n');
    assert.ok(linked.includes('- Targets: [PD-1](command:open?pd-1)'), linked.join('\n'));
    assert.ok(linked.includes('- Related: [PD-1](command:open?pd-1), [nivolumab](command:open?nivolumab), [cemiplimab](command:open?cemiplimab)'), linked.join('\n'));
    assert.ok(linked.some((line) => line.startsWith('- Class: [PD-1 inhibitor](command:open?pd-1-inhibitor), [monoclonal antibody](command:open?monoclonal-antibody)')), linked.join('\n'));
    const plain = medlint.card(pembrolizumab).split('\n');
    assert.ok(plain.includes('- Targets: PD-1'));
    assert.ok(!plain.some((line) => line.includes('command:')));
  });
});

describe('glossary search', () => {
  const terms = () => builtinCorpus().terms;

  it('finds a drug by its brand, in any case', () => {
    assert.deepEqual(searchGlossary(terms(), 'keytruda').map(({ entry, name }) => `${entry.id} ${name}`), ['pembrolizumab Keytruda']);
  });

  it('ranks an exact name before names that start with the query, and those before names containing it', () => {
    const found = searchGlossary(terms(), 'pd-1').map(({ entry, name }) => `${entry.id} ${name}`);
    assert.equal(found[0], 'pd-1 PD-1');
    const ranks = found.map((line) => {
      const name = line.slice(line.indexOf(' ') + 1).toLowerCase();
      return name === 'pd-1' ? 0 : name.startsWith('pd-1') ? 1 : 2;
    });
    assert.deepEqual(ranks, [...ranks].sort());
    assert.ok(found.includes('pd-1-inhibitor PD-1 inhibitor'), found.join('\n'));
  });

  it('finds nothing for a blank query or an unknown word', () => {
    assert.deepEqual(searchGlossary(terms(), '  '), []);
    assert.deepEqual(searchGlossary(terms(), 'zzzqx'), []);
  });
});
