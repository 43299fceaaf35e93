// Builds medlint: validates terms/ and compiles it into the bundles, then bundles the CLI.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/schemas', { recursive: true });

// The corpus is validated by the same loader medlint uses at run time for a team's own terms.
await esbuild.build({
  entryPoints: ['src/tools/compileCorpus.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: 'dist/tools/compileCorpus.cjs',
  logLevel: 'warning',
});
const { checkTermsDirectory, formatProblem } = require('./dist/tools/compileCorpus.cjs');
const { corpus, problems } = checkTermsDirectory('terms');
if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`terms/: ${problems.length} problem(s); the build stops here.`);
  process.exit(1);
}

const builtinCorpus = {
  name: 'builtin-corpus',
  setup(build) {
    build.onResolve({ filter: /^medlint:builtin-corpus$/ }, () => ({ path: 'builtin-corpus', namespace: 'medlint' }));
    build.onLoad({ filter: /.*/, namespace: 'medlint' }, () => ({ contents: JSON.stringify(corpus), loader: 'json' }));
  },
};

await esbuild.build({
  entryPoints: { cli: 'src/cli/main.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
  plugins: [builtinCorpus],
  // jsonc-parser's UMD entry hides its modules from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
});

for (const schema of ['medlintrc.schema.json', 'term.schema.json', 'claim.schema.json']) copyFileSync(`src/schemas/${schema}`, `dist/schemas/${schema}`);
console.log(`medlint: built dist/ with ${corpus.terms.length} terms and ${corpus.claims.length} claim files`);
