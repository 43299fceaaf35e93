/**
 * In-process measurements, each run in a child process of its own so that its peak RSS is its own.
 * Prints one JSON line: { runs: ms[], medianMs, maxRssKb, extra? }.
 */
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { chunkDefinitions, chunkProse, documentLabels, mayDefine, opensDocument, splitChunks } from '../../src/core/markdown/document';
import { parseMarkdown } from '../../src/core/markdown/parse';
import { createLinter } from '../../src/core/linter';
import { rules, type Rule } from '../../src/core/rules';
import { builtinCorpus } from '../../src/node/builtinCorpus';
import { bibliographyModule } from '../../src/core/bibliographyModule';
import { BibliographyFiles } from '../../src/node/bibliography';

export type WorkerTask =
  | 'read'
  | 'remark-parse'
  | 'remark-plugins'
  | 'micromark-events'
  | 'remark-per-chunk'
  | 'medlint-prose'
  | 'medlint-lint' | 'medlint-incremental' | 'medlint-hover'
  | 'bibliography-load' | 'bibliography-cached' | 'no-bibliography';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times `run` `count` times after `warmups` untimed runs. A cold measurement collects garbage before
 * each run, so one run's garbage is not charged to the next; a steady-state one (an editor typing)
 * does not, as no editor collects before each keystroke.
 */
function timed(count: number, warmups: number, run: (index: number) => void, steady = false): number[] {
  for (let i = 0; i < warmups; i++) run(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!steady) collect();
    const start = performance.now();
    run(i);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * A keystroke's re-lint, `count` times after `warmups`, by a linter running the rules `runs` keeps.
 * One character typed at a different place each run, into the text the last run linted, as a writer
 * edits: each lint differs from the last by one keystroke. (Typing each into the original text, as
 * this bench did before 0.2.0, made each lint differ from the last at two places.)
 */
function keystrokes(text: string, count: number, warmups: number, runs: (rule: Rule) => boolean): number[] {
  const linter = createLinter({ corpus: builtinCorpus, rules: Object.fromEntries(rules.filter((rule) => !runs(rule)).map((rule) => [rule.id, 'off'])) });
  let typed = text;
  linter.lint(typed);
  return timed(
    count,
    warmups,
    (index) => {
      const at = Math.floor(typed.length * ((Math.abs(index) * 0.37) % 1));
      typed = `${typed.slice(0, at)}x${typed.slice(at)}`;
      linter.lint(typed);
    },
    true,
  );
}

const ABBREVIATION_RULES = new Set(['undefined-abbreviation', 'abbreviation-defined-late', 'abbreviation-redefined', 'expanded-after-definition', 'abbreviation-rarely-used', 'expansion-mismatch']);

/** The parts of a keystroke the bench times apart: the rules each runs. */
const KEYSTROKE_PARTS: Record<string, (rule: Rule) => boolean> = {
  analysisAloneMs: () => false,
  perChunkRulesMs: (rule) => rule.perChunk === true,
  abbreviationRulesMs: (rule) => ABBREVIATION_RULES.has(rule.id),
  otherDocumentRulesMs: (rule) => !rule.perChunk && !ABBREVIATION_RULES.has(rule.id),
};

export function runWorker(task: WorkerTask, file: string, count: number, warmups: number): void {
  const corpus = builtinCorpus;
  let runs: number[];
  let extra: Record<string, number> | undefined;
  switch (task) {
    case 'read':
      runs = timed(count, warmups, () => readFileSync(file, 'utf8'));
      break;
    case 'remark-parse': {
      const text = readFileSync(file, 'utf8');
      const processor = unified().use(remarkParse);
      runs = timed(count, warmups, () => processor.parse(text));
      break;
    }
    case 'remark-plugins': {
      const text = readFileSync(file, 'utf8');
      const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
      runs = timed(count, warmups, () => processor.parse(text));
      break;
    }
    // The alternatives for getting at the prose, from the whole tree to medlint's own extraction.
    case 'micromark-events': {
      const text = readFileSync(file, 'utf8');
      const extensions = [gfm(), frontmatter(['yaml', 'toml'])];
      runs = timed(count, warmups, () => postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true))));
      break;
    }
    case 'remark-per-chunk': {
      const text = readFileSync(file, 'utf8');
      runs = timed(count, warmups, () => {
        for (const chunk of splitChunks(text)) parseMarkdown(chunk.text, opensDocument(text, chunk));
      });
      break;
    }
    case 'medlint-prose': {
      const text = readFileSync(file, 'utf8');
      runs = timed(count, warmups, () => {
        const chunks = splitChunks(text);
        const labels = documentLabels(chunks.map((chunk) => (mayDefine(chunk.text) ? chunkDefinitions(chunk.text, opensDocument(text, chunk)) : undefined)));
        for (const chunk of chunks) chunkProse(chunk.text, labels, opensDocument(text, chunk));
      });
      break;
    }
    case 'medlint-lint': {
      const text = readFileSync(file, 'utf8');
      // A new linter each run: no chunk is in the cache, as for a file opened for the first time.
      runs = timed(count, warmups, () => createLinter({ corpus }).lint(text));
      break;
    }
    case 'medlint-incremental': {
      const text = readFileSync(file, 'utf8');
      runs = keystrokes(text, count, warmups, () => true);
      // Where a keystroke goes: the same keystrokes with some rules only (each with the analysis).
      extra = Object.fromEntries(Object.entries(KEYSTROKE_PARTS).map(([part, runs]) => [part, median(keystrokes(text, count, warmups, runs))]));
      break;
    }
    case 'medlint-hover': {
      const text = readFileSync(file, 'utf8');
      const linter = createLinter({ corpus });
      linter.lint(text);
      const offsets = Array.from({ length: 200 }, (_, k) => Math.floor((text.length * k) / 200));
      let found = 0;
      runs = timed(
        count,
        warmups,
        () => {
          for (const offset of offsets) if (linter.hover(text, offset)) found++;
        },
        true,
      ).map((ms) => ms / offsets.length);
      extra = { lookupsPerRun: offsets.length, cardsFound: found };
      break;
    }
    // `file` is a .bib here: its first parse and index in a fresh process (after loading the
    // module, timed apart), then the same again, warm.
    case 'bibliography-load': {
      const text = readFileSync(file, 'utf8');
      const moduleStart = performance.now();
      const { Bibliography, parseBibliography } = bibliographyModule();
      const moduleLoadMs = performance.now() - moduleStart;
      let entries = 0;
      // CPU time too: on a machine shared with other work, wall time says more about the others.
      let firstLoadCpuMs = 0;
      runs = timed(count, warmups, (index) => {
        const cpu = process.cpuUsage();
        entries = new Bibliography([parseBibliography(text, 'biblatex', file)]).keys().length;
        if (index === 0) firstLoadCpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
      });
      extra = { moduleLoadMs, firstLoadMs: runs[0]!, firstLoadCpuMs, entries };
      break;
    }
    // A document citing the .bib `file`, linted again: the bibliography comes from the cache.
    case 'bibliography-cached': {
      const files = new BibliographyFiles();
      const document = file.replace(/[^/\\]+$/, 'draft.qmd');
      const text = `---\nbibliography: ${file.replace(/^.*[/\\]/, '')}\n---\n`;
      files.forDocument(document, text);
      runs = timed(count, warmups, () => files.forDocument(document, text), true);
      break;
    }
    // A document without a bibliography (`file` is a Markdown draft): what finding that out costs.
    case 'no-bibliography': {
      const text = readFileSync(file, 'utf8');
      const files = new BibliographyFiles();
      runs = timed(count, warmups, () => files.forDocument(file, text), true);
      extra = { bibliographyModuleLoaded: Object.keys(require.cache).some((path) => path.endsWith('bibliography.js')) ? 1 : 0 };
      break;
    }
  }
  const result = { runs, medianMs: median(runs), maxRssKb: process.resourceUsage().maxRSS, ...(extra ? { extra } : {}) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
