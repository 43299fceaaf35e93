import assert from 'node:assert/strict';
import { analyze, ChunkCache } from '../src/core/analysis';
import { compileCorpus } from '../src/core/corpus/compile';
import { builtinCorpus, findingsOf } from './helpers';

function analysisOf(text: string) {
  return analyze(text, compileCorpus(builtinCorpus()), new ChunkCache(0));
}

/** The citations and cross-references read, as `kind key` with the source text their span covers. */
function referencesOf(text: string): string[] {
  return analysisOf(text).pandocReferences.map(({ kind, key, start, end }) => `${kind} ${key} ${text.slice(start, end)}`);
}

describe("Pandoc's Markdown (Quarto, R Markdown)", () => {
  describe('citations are evidence for unsupported-claim', () => {
    const cited = [
      'Studies have shown a benefit [@smith2020].',
      'Studies have shown a benefit [@smith2020; @lee2021, p. 4].',
      'Studies have shown a benefit [see @smith2020, pp. 33-35; also @lee2021, chap. 1].',
      'As @smith2020 says, studies have shown a benefit.',
      'Studies have shown a benefit, as Smith says [-@smith2020].',
      'Studies have shown a benefit [@doi:10.1056/NEJMoa1501824].',
      'Studies have shown a benefit [@pmid:26028407].',
      'Studies have shown a benefit @smith2020 [p. 33].',
      'Studies have shown a benefit.^[See the review by Smith and colleagues.]',
      'Studies have shown a benefit.^1,2^',
      'Studies have shown a benefit [1].',
      'Studies have shown a benefit [2, 3].',
      'Studies have shown a benefit [4–6].',
      'Studies have shown a benefit.<sup>1</sup>',
    ];
    for (const text of cited) {
      it(`counts ${JSON.stringify(text)}`, () => assert.deepEqual(findingsOf(text, 'unsupported-claim'), []));
    }
    it('still reports the same sentence without a citation, a cross-reference or an e-mail address', () => {
      assert.deepEqual(findingsOf('Studies have shown a benefit (@fig-km).', 'unsupported-claim'), ['1:1-1:19 Cite a source for "Studies have shown" in this sentence.']);
      assert.deepEqual(findingsOf('Studies have shown a benefit; write to info@example.org or <help@example.org>.', 'unsupported-claim'), ['1:1-1:19 Cite a source for "Studies have shown" in this sentence.']);
      assert.deepEqual(findingsOf('Studies have shown a benefit [\\@smith2020].', 'unsupported-claim'), ['1:1-1:19 Cite a source for "Studies have shown" in this sentence.']);
    });
  });

  it('reads each key with its source span, a cross-reference as such', () => {
    const text = 'See [@smith2020; see @lee_2021, p. 4], @doi:10.1056/NEJMoa1501824 and @fig-km.\n';
    assert.deepEqual(referencesOf(text), [
      'citation smith2020 smith2020',
      'citation lee_2021 lee_2021',
      'citation doi:10.1056/NEJMoa1501824 doi:10.1056/NEJMoa1501824',
      'crossref fig-km fig-km',
    ]);
  });

  it('does not take a key\'s closing punctuation, an e-mail address or an escaped @ for a citation', () => {
    assert.deepEqual(referencesOf('As shown by @smith2020. Write to info@example.org or \\@lee2021.'), ['citation smith2020 smith2020']);
  });

  it('reads the labels that elements, code chunk options and chunk headers give', () => {
    const text = [
      '# Methods {#sec-methods}',
      '',
      '![Kaplan-Meier estimates](km.png){#fig-km width=80%}',
      '',
      '```{r}',
      '#| label: tbl-ae',
      'knitr::kable(ae)',
      '```',
      '',
      '```{r fig-forest, fig.cap="Forest plot"}',
      'forest(fit)',
      '```',
      '',
      '::: {#fig-panels layout-ncol=2}',
      'Two panels.',
      ':::',
      '',
    ].join('\n');
    assert.deepEqual(analysisOf(text).crossrefLabels.map(({ label, start, end }) => `${label} ${text.slice(start, end)}`), [
      'sec-methods sec-methods',
      'fig-km fig-km',
      'tbl-ae tbl-ae',
      'fig-forest fig-forest',
      'fig-panels fig-panels',
    ]);
  });

  it('does not read code chunks, shortcodes or attributes as prose, and reads callouts as prose, at exact positions', () => {
    const text = [
      '---',
      'title: "Checkpoint inhibitors"',
      'bibliography: references.bib',
      '---',
      '',
      '## Results {#sec-results}',
      '',
      '```{r}',
      '#| echo: false',
      '# Keytruda cures cancer',
      'summary(fit)',
      '```',
      '',
      '{{< pagebreak >}}',
      '',
      '::: {.callout-note title="Keytruda"}',
      'Keytruda was given every 3 weeks.',
      ':::',
      '',
      'The dose was {{< var dose >}} with Keytruda [@smith2020].',
      '',
    ].join('\n');
    assert.deepEqual(findingsOf(text, 'brand-name'), [
      '17:1-17:9 "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '20:36-20:44 "Keytruda" is a brand name: use the generic name "pembrolizumab".',
    ]);
  });

  it('does not read a citation key, a cross-reference or a shortcode as an abbreviation', () => {
    const text = 'Survival improved [@doi:10.1056/NEJMoa1501824; @KEYNOTE024] (@tbl-OS) {{< var NCT >}}.\n\n: Overall survival {#tbl-OS}\n';
    assert.deepEqual(findingsOf(text, 'undefined-abbreviation'), []);
  });
});
