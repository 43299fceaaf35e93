import assert from 'node:assert/strict';
import { applyFixes } from '../src/core/fixes';
import { findingsOf, linter } from './helpers';

/** Applies every fix of one rule and returns the new text. */
function fixed(text: string, ruleId: string): string {
  return applyFixes(text, linter().lint(text).filter((finding) => finding.ruleId === ruleId)).text;
}

describe('undefined-abbreviation', () => {
  const rule = 'undefined-abbreviation';

  it('inserts the expansion, capitalised at the start of a sentence, and the result is clean', () => {
    const text = 'PD-1 is a receptor. Tumours exploit PD-1.';
    assert.equal(fixed(text, rule), 'Programmed cell death protein 1 (PD-1) is a receptor. Tumours exploit PD-1.');
    assert.deepEqual(findingsOf(fixed(text, rule), rule), []);
  });

  it('asks which sense an ambiguous trial abbreviation has unless a statistic settles it, and accepts any of them defined', () => {
    // "95% CI" is the statistic's interval, which AMA and JAMA print unexpanded; "HR for death" is a hazard ratio.
    assert.deepEqual(findingsOf('The HR for death was 0.68 (95% CI, 0.53 to 0.87).', rule), [
      '1:5-1:7 "HR" is not defined and not used again: write "hazard ratio".',
    ]);
    assert.deepEqual(findingsOf('The CI was wide.', rule), [
      '1:5-1:7 "CI" is not defined at first use and has several meanings: write "confidence interval (CI)", "cumulative incidence (CI)", "combination index (CI)" or "cardiac index (CI)".',
    ]);
    assert.deepEqual(findingsOf('The cumulative incidence (CI) of relapse was 20%.', rule), []);
    assert.deepEqual(findingsOf('The hazard ratio (HR) for death was 0.68 (95% confidence interval [CI], 0.53 to 0.87).', rule), []);
    assert.deepEqual(findingsOf('Resting heart rate (HR) was normal; HR rose on exercise.', rule), []);
  });

  it('reports but offers no fix where the abbreviation is joined into a compound', () => {
    for (const text of ['Anti–PD-1 antibodies work.', 'TNF-α rose.', 'PD-1/PD-L1 blockade works.']) {
      const [first] = linter().lint(text).filter((finding) => finding.ruleId === 'undefined-abbreviation');
      assert.ok(first, text);
      assert.equal(first.fix, undefined, text);
    }
    assert.equal(fixed('Patients with high PD-1 expression; PD-1 is on T cells.', rule), 'Patients with high programmed cell death protein 1 (PD-1) expression; PD-1 is on T cells.');
  });

  it('keeps a plural in the fix, also when written as a variant', () => {
    assert.equal(fixed('We saw irAEs in 10% of cases; irAEs were mild.', rule), 'We saw immune-related adverse events (irAEs) in 10% of cases; irAEs were mild.');
    assert.deepEqual(findingsOf("Most irAE's are mild.", 'preferred-term'), [
      '1:6-1:12 Use the preferred form "irAEs", not "irAE\'s", and define it at first use: write "immune-related adverse events (irAEs)".',
    ]);
    assert.deepEqual(findingsOf("Most irAE's are mild.", rule), [], 'one problem, one finding');
    assert.equal(applyFixes("Most irAE's are mild.", linter().lint("Most irAE's are mild.")).text, 'Most immune-related adverse events (irAEs) are mild.');
  });

  it('reports only the first undefined use', () => {
    assert.deepEqual(findingsOf('T cells carry CTLA-4. CTLA-4 limits them. CTLA-4 again.', rule), [
      '1:15-1:21 "CTLA-4" is not defined at first use: write "cytotoxic T-lymphocyte-associated protein 4 (CTLA-4)".',
    ]);
  });

  it('needs no definition in a heading, and takes one there for the heading\'s section only', () => {
    assert.deepEqual(findingsOf('# Programmed cell death protein 1 (PD-1)\n\nPD-1 is a receptor.', rule), []);
    assert.deepEqual(findingsOf('## Programmed cell death protein 1 (PD-1)\n\nText.\n\n## Ligands\n\nPD-1 binds them.', rule), [
      '7:1-7:5 "PD-1" is not defined and not used again: write "programmed cell death protein 1".',
    ]);
    assert.deepEqual(findingsOf('## PD-1\n\nProgrammed cell death protein 1 (PD-1) is a receptor.', rule), []);
  });

  it('compares expansions ignoring case, hyphens and dashes', () => {
    assert.deepEqual(findingsOf('PROGRAMMED CELL DEATH PROTEIN 1 (PD-1) matters.', rule), []);
    assert.deepEqual(findingsOf('Programmed death–1 (PD-1) matters.', rule), []);
    assert.deepEqual(findingsOf('Immune related adverse events (irAEs) occur.', rule), []);
  });

  it('accepts a definition that carries more words in the parenthesis', () => {
    assert.deepEqual(findingsOf('Chimeric antigen receptor T-cell (CAR T) therapy is given once.', rule), []);
    assert.deepEqual(findingsOf('Chimeric antigen receptor (CAR) T-cell therapy is given once. CAR T cells expand.', rule), []);
    assert.deepEqual(findingsOf('Natural killer (NK) cells kill. NK cells also mediate ADCC (antibody-dependent cellular cytotoxicity).', rule), []);
  });

  it('counts a variant as a use, and its fix writes the preferred abbreviation', () => {
    const text = 'PD1 is a receptor.';
    assert.deepEqual(findingsOf(text, 'preferred-term'), [
      '1:1-1:4 Use the preferred form "PD-1", not "PD1", and define it at first use: write "programmed cell death protein 1 (PD-1)".',
    ]);
    assert.equal(applyFixes(text, linter().lint(text)).text, 'Programmed cell death protein 1 (PD-1) is a receptor.');
  });

  it('does not take an unrelated parenthesis for a definition', () => {
    assert.deepEqual(findingsOf('PD-1 (see Figure 2) is a receptor.', rule), [
      '1:1-1:5 "PD-1" is not defined and not used again: write "programmed cell death protein 1".',
    ]);
  });

  it('exempts abbreviations better known than their expansions, and respects case', () => {
    assert.deepEqual(findingsOf('HIV, TP53, CD19 and CD20 are common. A car is not a CAR.', rule), [
      '1:53-1:56 "CAR" is not defined and not used again: write "chimeric antigen receptor".',
    ]);
  });
});

describe('expansion-mismatch', () => {
  const rule = 'expansion-mismatch';

  it('offers the accepted expansion for an unknown one', () => {
    assert.equal(fixed('Antibody-directed cell cytotoxicity (ADCC) kills.', rule), 'Antibody-dependent cellular cytotoxicity (ADCC) kills.');
  });

  it('offers no fix when the expansion belongs to another term', () => {
    const [finding] = linter().lint('PD-1 (programmed death-ligand 1) binds.').filter((f) => f.ruleId === rule);
    assert.equal(finding?.fix, undefined);
  });

  it('accepts the other senses of an ambiguous abbreviation', () => {
    assert.deepEqual(findingsOf('CDC (Centers for Disease Control and Prevention) data were used.', rule), []);
    assert.deepEqual(findingsOf('CDC (Centers for Disease Control and Prevention) data were used.', 'undefined-abbreviation'), []);
  });
});

describe('preferred-term', () => {
  const rule = 'preferred-term';

  it('fixes variants to the preferred form, keeping plurals', () => {
    assert.equal(fixed("Her2, PD1, T-cells and irAE's were discussed.", rule), 'Human epidermal growth factor receptor 2 (HER2), programmed cell death protein 1 (PD-1), T cells and immune-related adverse events (irAEs) were discussed.');
    assert.equal(fixed("HER2 and PD-1 came first. Her2, PD1 and irAE's were discussed.", rule), "HER2 and PD-1 came first. HER2, PD-1 and immune-related adverse events (irAEs) were discussed.");
  });

  it('reports the longest variant once', () => {
    assert.deepEqual(findingsOf('CAR-T-cell therapy is given once.', rule), ['1:1-1:19 Use the preferred form "CAR T-cell therapy", not "CAR-T-cell therapy".']);
  });

  it('leaves the adjective T-cell alone', () => {
    assert.deepEqual(findingsOf('T-cell exhaustion limits T cells.', rule), []);
  });
});

describe('brand-name', () => {
  const rule = 'brand-name';

  it('matches brands in any case and fixes to the generic name', () => {
    assert.equal(fixed('Patients on keytruda or Opdivo improved.', rule), 'Patients on pembrolizumab or nivolumab improved.');
  });

  it('replaces a trademark sign with the brand, and capitalises at sentence start', () => {
    assert.equal(fixed('Herceptin® is given every 3 weeks.', rule), 'Trastuzumab is given every 3 weeks.');
  });

  it('accepts a brand in parentheses after its own generic, but not after another', () => {
    assert.deepEqual(findingsOf('Ipilimumab (Yervoy) was added.', rule), []);
    assert.deepEqual(findingsOf('Nivolumab (Yervoy) was added.', rule), ['1:12-1:18 "Yervoy" is a brand name: use the generic name "ipilimumab".']);
  });

  it('fixes a combination brand to the generic names it stands for', () => {
    assert.deepEqual(findingsOf('Opdualag is given every 4 weeks.', rule), ['1:1-1:9 "Opdualag" is a brand name: use the generic name "nivolumab and relatlimab".']);
    assert.equal(fixed('Opdualag is given every 4 weeks.', rule), 'Nivolumab and relatlimab is given every 4 weeks.');
    assert.deepEqual(findingsOf('Nivolumab and relatlimab (Opdualag) is given every 4 weeks.', rule), []);
  });
});

describe('misnomer', () => {
  const rule = 'misnomer';

  it('fixes each form to its own replacement', () => {
    assert.equal(fixed('Autoimmune therapy and auto-immune therapies differ from autoimmune cancer treatment.', rule), 'Immunotherapy and immunotherapies differ from cancer immunotherapy.');
  });

  it('fixes a phrase hard-wrapped over two lines', () => {
    assert.equal(fixed('This autoimmune\ntherapy works.', rule), 'This immunotherapy works.');
  });

  it('reports a phrase split by emphasis but offers no fix that would break the markup', () => {
    const [finding] = linter().lint('This **autoimmune** therapy works.');
    assert.equal(finding?.ruleId, rule);
    assert.equal(finding?.fix, undefined);
  });

  it('never fires on autoimmune disease, disorder, condition or autoimmunity', () => {
    assert.deepEqual(findingsOf('Autoimmune disease, an autoimmune disorder or condition, and autoimmunity are side effects.', rule), []);
  });
});

describe('contradiction', () => {
  const rule = 'contradiction';

  it('reads a description that comes before the drug', () => {
    assert.deepEqual(findingsOf('The PD-1 inhibitor ipilimumab was given.', rule), [
      '1:5-1:9 "ipilimumab" does not target PD-1: the corpus lists ipilimumab as targeting CTLA-4 (FDA label: YERVOY (ipilimumab)).',
    ]);
  });

  it('reads a negated relation', () => {
    assert.deepEqual(findingsOf('Nivolumab does not bind PD-1.', rule), [
      '1:25-1:29 "Nivolumab" does target PD-1: the corpus lists nivolumab as targeting PD-1 (FDA label: OPDIVO (nivolumab)).',
    ]);
    assert.deepEqual(findingsOf('Ipilimumab does not bind PD-1.', rule), []);
  });

  it('checks every drug of a list against a target group', () => {
    assert.deepEqual(findingsOf('PD-1/PD-L1 inhibitors such as pembrolizumab and atezolizumab are used.', rule), []);
    assert.deepEqual(findingsOf('Anti–PD-1 antibodies such as pembrolizumab and atezolizumab are used.', rule), [
      '1:6-1:10 "atezolizumab" does not target PD-1: the corpus lists atezolizumab as targeting PD-L1 (FDA label: TECENTRIQ (atezolizumab)).',
    ]);
  });

  it('takes a brand name as the drug', () => {
    assert.deepEqual(findingsOf('Keytruda, a CTLA-4 inhibitor, was given.', rule), [
      '1:13-1:19 "Keytruda" does not target CTLA-4: the corpus lists pembrolizumab as targeting PD-1 (FDA label: KEYTRUDA (pembrolizumab)).',
    ]);
  });

  it('keeps populations to their clause and respects negation', () => {
    assert.deepEqual(findingsOf('Unlike trastuzumab, chemotherapy is used for HER2-negative disease.', rule), []);
    assert.deepEqual(findingsOf('Trastuzumab is not used for HER2-negative disease.', rule), []);
    assert.deepEqual(findingsOf('Trastuzumab helps; HER2-negative tumours need other options.', rule), []);
  });

  it('does not confuse trastuzumab with trastuzumab deruxtecan', () => {
    assert.deepEqual(findingsOf('Trastuzumab deruxtecan is approved for HER2-low breast cancer.', rule), []);
  });

  it('reads CAR T-cell products against their antigen', () => {
    assert.deepEqual(findingsOf('Tisagenlecleucel, a CD19-directed CAR T-cell therapy, is used in ALL.', rule), []);
    assert.deepEqual(findingsOf('Axicabtagene ciloleucel, a CD20-directed therapy, is used.', rule), [
      '1:28-1:32 "Axicabtagene ciloleucel" does not target CD20: the corpus lists axicabtagene ciloleucel as targeting CD19 (FDA label: YESCARTA (axicabtagene ciloleucel)).',
    ]);
  });
});

describe('overclaim', () => {
  const rule = 'overclaim';

  it('reports promotional words and spares established terms and negations', () => {
    assert.deepEqual(
      findingsOf('A miracle drug. Breakthrough pain needs care. The cure rate rose. It has not been proven to help. It is not a cure.', rule),
      ['1:3-1:10 Qualify the absolute claim "miracle".'],
    );
  });

  it('reports 100% effective, clinically proven and guaranteed', () => {
    assert.deepEqual(
      findingsOf('It is 100% effective, clinically proven and guaranteed to work.', rule).map((f) => f),
      ['1:7-1:21 Qualify the absolute claim "100% effective".', '1:23-1:40 Qualify the absolute claim "clinically proven".', '1:45-1:55 Qualify the absolute claim "guaranteed".'],
    );
  });
});

describe('unsupported-claim', () => {
  const rule = 'unsupported-claim';
  const cited = [
    'Studies have shown a benefit [1, 2].',
    'Studies have shown a benefit [ref 3].',
    'Studies have shown a benefit.[^note]\n\n[^note]: Smith 2020.',
    'Studies have shown a benefit (2020).',
    'Studies have shown a benefit. [4]',
    'Studies have shown a benefit (Smith and Jones, 2019; Lee, 2021).',
    'Research shows\nthat it is less toxic [5].',
  ];
  for (const text of cited) {
    it(`accepts a citation: ${JSON.stringify(text)}`, () => assert.deepEqual(findingsOf(text, rule), []));
  }

  it('does not borrow a citation from the next sentence', () => {
    assert.deepEqual(findingsOf('Experts agree. This is cited [1].', rule), [
      '1:1-1:14 Cite a source for "Experts agree" in this sentence.',
    ]);
  });

  it('reads a table cell as its own sentence', () => {
    assert.deepEqual(findingsOf('| Benefit | Note |\n|---|---|\n| fewer side effects | see [1] |', rule), [
      '3:3-3:21 Cite a source for "fewer side effects" in this sentence.',
    ]);
  });
});

describe('person-first', () => {
  const rule = 'person-first';

  it('keeps the spelling of the condition and fixes each form', () => {
    assert.equal(
      fixed('NSCLC patients or leukaemia sufferers. Breast cancer patients too.', rule),
      'Patients with NSCLC or leukaemia sufferers. Patients with breast cancer too.',
    );
    // After a coordination the patients may have either condition: the writer words the list.
    assert.equal(
      fixed('Kidney and lung cancer patients and leukaemia sufferers.', rule),
      'Kidney and lung cancer patients and leukaemia sufferers.',
    );
  });
});

describe('the problems real drafts showed (our own wording of them)', () => {
  it('finds "autoimmune therapy", "cancer patients", an uncited "studies have shown" and an unqualified "fewer side effects"', () => {
    const text = 'Autoimmune therapy gives cancer patients new hope. Studies have shown that people with weak immunity develop leukemia more often. Newer drugs cause fewer side effects.';
    assert.deepEqual(
      linter().lint(text).map((finding) => `${finding.ruleId} ${text.slice(finding.start, finding.end)}`),
      ['misnomer Autoimmune therapy', 'person-first cancer patients', 'unsupported-claim Studies have shown', 'unsupported-claim fewer side effects'],
    );
  });
});

describe('attributed quotations', () => {
  const quoted = '"This is a miracle for our patients," said Dr. Jane Lee.\n\nThe website promised "a miracle cure".';
  const severities = (options: Parameters<typeof linter>[0] = {}) => linter(options).lint(quoted).map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${quoted.slice(finding.start, finding.end)}`);

  it('reports inside a named speaker\'s quotation at most as info, and a quoted claim no one is said to have said as the rule does', () => {
    assert.deepEqual(severities(), ['1:12 info miracle', '3:25 warning miracle', '3:33 warning cure']);
  });

  it('follows the quotations setting: off drops them, unchanged keeps the rule\'s severity', () => {
    assert.deepEqual(severities({ quotations: 'off' }), ['3:25 warning miracle', '3:33 warning cure']);
    assert.deepEqual(severities({ quotations: 'unchanged' }), ['1:12 warning miracle', '3:25 warning miracle', '3:33 warning cure']);
  });
});
