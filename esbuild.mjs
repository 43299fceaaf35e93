// Builds medlint: validates terms/ and compiles it into the bundles, then bundles the CLI.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);

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
const { checkTermsDirectory, formatProblem, GRAMMAR_PATH, grammarText } = require('./dist/tools/compileCorpus.cjs');
const { corpus, problems } = checkTermsDirectory('terms');
if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`terms/: ${problems.length} problem(s); the build stops here.`);
  process.exit(1);
}
// The grammar is committed, so the VSIX and a reader of the repository see the same file; CI fails
// when the build changes it (a term edited without rebuilding).
const grammar = grammarText(corpus);
if (!existsSync(GRAMMAR_PATH) || readFileSync(GRAMMAR_PATH, 'utf8') !== grammar) {
  mkdirSync('syntaxes', { recursive: true });
  writeFileSync(GRAMMAR_PATH, grammar);
  console.log(`medlint: regenerated ${GRAMMAR_PATH}`);
}

const builtinCorpus = {
  name: 'builtin-corpus',
  setup(build) {
    build.onResolve({ filter: /^medlint:builtin-corpus$/ }, () => ({ path: 'builtin-corpus', namespace: 'medlint' }));
    build.onLoad({ filter: /.*/, namespace: 'medlint' }, () => ({ contents: JSON.stringify(corpus), loader: 'json' }));
  },
};

// Citation.js can fetch DOIs and URLs; medlint reads bibliography files only, so its fetch modules
// are left out (and nothing in the bundles can reach the network).
const offline = {
  name: 'offline',
  setup(build) {
    build.onResolve({ filter: /^(?:sync-fetch|fetch-ponyfill)$/ }, (args) => ({ path: args.path, namespace: 'offline' }));
    const refuse = 'const refuse = () => { throw new Error("medlint reads bibliography files only; it fetches nothing"); };';
    build.onLoad({ filter: /.*/, namespace: 'offline' }, (args) => ({
      loader: 'js',
      contents: args.path === 'sync-fetch' ? `${refuse} module.exports = Object.assign(refuse, { Headers: class {} });` : `${refuse} module.exports = () => ({ fetch: refuse, Headers: class {} });`,
    }));
  },
};
// The bibliography module (Citation.js, citeproc-js) is a file of its own beside each Node bundle,
// required on first use (src/core/bibliographyModule.ts): a document without one never loads it.
const bibliographyApart = {
  name: 'bibliography-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/bibliography$/ }, (args) => (args.importer.endsWith('bibliographyModule.ts') ? { path: './bibliography.js', external: true } : undefined));
  },
};

// V8 keeps a script's source at one byte a character only when no character is above U+00FF: one
// "’" in a regular expression doubles the memory of a bundle's source, which every start of the CLI
// pays for in page faults. esbuild escapes such characters in strings, not in regular expressions.
// medlint's sources write them as \u escapes; this writes its dependencies' regular expressions so
// (a backslash before one would change its meaning: the build stops there). What remains, in a
// String.raw template say, fails the check after the build.
const ABOVE_LATIN1 = /[^\x00-\xff]/;

/** A dependency's source with its regular expressions' characters above U+00FF as \u escapes; undefined when it has none. */
function escapedRegularExpressions(path) {
  const contents = readFileSync(path, 'utf8');
  if (!ABOVE_LATIN1.test(contents)) return undefined;
  const source = ts.createSourceFile(path, contents, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const literals = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && ABOVE_LATIN1.test(node.text)) literals.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (literals.length === 0) return undefined;
  if (literals.some((literal) => /\\[^\x00-\xff]/.test(literal.text))) return { errors: [{ text: `${path}: an escaped character above U+00FF in a regular expression` }] };
  let escaped = '';
  let at = 0;
  for (const literal of literals) {
    escaped += contents.slice(at, literal.getStart(source)) + literal.text.replace(/[^\x00-\xff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
    at = literal.end;
  }
  return { contents: escaped + contents.slice(at), loader: 'js' };
}

// Each dependency's file is read once, whichever bundles take it.
const oneByteSources = new Map();
const oneByteSource = {
  name: 'one-byte-source',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
      if (!oneByteSources.has(args.path)) oneByteSources.set(args.path, escapedRegularExpressions(args.path));
      return oneByteSources.get(args.path);
    });
  },
};

const bench = process.argv.includes('--bench');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  plugins: [builtinCorpus, offline, bibliographyApart, oneByteSource],
  // jsonc-parser's UMD entry hides its modules from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // Minified: less to parse at every start of the CLI.
  minify: true,
  // esbuild rewrites a /\p{Lu}/u literal as new RegExp("\\p{Lu}", "u") for every Node target, which
  // builds a RegExp object each time the line runs, in the hottest loops; Node 20 reads the literals.
  supported: { 'regexp-unicode-property-escapes': true },
  sourcemap: 'linked',
  logLevel: 'warning',
};
await esbuild.build({ ...node, entryPoints: { 'medlint-cli': 'src/cli/main.ts', bibliography: 'src/core/bibliography.ts', ...(bench ? { bench: 'test/bench/run.ts' } : {}) }, outdir: 'dist' });
await esbuild.build({ ...node, entryPoints: { 'medlint-server': 'src/server/main.ts' }, outdir: 'dist' });
await esbuild.build({ ...node, entryPoints: { cli: 'src/cli/launch.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, sourcemap: false });
chmodSync('dist/cli.js', 0o755);

// The VS Code extension: a Node bundle for desktop and a browser bundle for vscode.dev.
const extension = { ...node, external: ['vscode'], sourcemap: false };
await esbuild.build({ ...extension, entryPoints: { extension: 'src/vscode/extension.ts', lintWorker: 'src/worker/lintWorker.ts' }, outdir: 'dist' });
// VS Code runs web extensions in a web worker, which has no DOM: the `worker` export condition picks
// the builds that do without one (decode-named-character-reference's browser build needs `document`).
await esbuild.build({ ...extension, entryPoints: { extension: 'src/vscode/extension.ts' }, outdir: 'dist/web', platform: 'browser', target: 'es2022', conditions: ['worker'], plugins: [builtinCorpus, offline, oneByteSource] });
// The extension's integration tests, run inside VS Code by test/vscode/run.mjs or test-electron.
await esbuild.build({ ...extension, minify: false, entryPoints: { index: 'test/vscode/suite/index.ts', 'extension.test': 'test/vscode/suite/extension.test.ts' }, outdir: 'dist/test/vscode', external: ['vscode', 'mocha'] });

const twoByteBundles = ['dist', 'dist/web'].flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.js')).map((name) => `${dir}/${name}`)).filter((file) => ABOVE_LATIN1.test(readFileSync(file, 'utf8')));
if (twoByteBundles.length > 0) {
  console.error(`${twoByteBundles.join(', ')}: a character above U+00FF; write it as a \\u escape (see oneByteSource)`);
  process.exit(1);
}

// The code cache: compiled once here, after a representative run, for every later start.
const warm = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples', '--format', 'json'], { env: { ...process.env, MEDLINT_WRITE_CODE_CACHE: '1' }, encoding: 'utf8' });
if (warm.status !== 0 && warm.status !== 1) {
  console.error(warm.stderr);
  process.exit(1);
}

for (const schema of ['medlintrc.schema.json', 'term.schema.json', 'claim.schema.json']) copyFileSync(`src/schemas/${schema}`, `dist/schemas/${schema}`);
console.log(`medlint: built dist/ with ${corpus.terms.length} terms and ${corpus.claims.length} claim files`);
