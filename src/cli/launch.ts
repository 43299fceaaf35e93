/**
 * The `medlint` executable: runs the CLI bundle with the V8 code cache the build made for it, so a
 * run does not compile half a megabyte of JavaScript before it starts (Node 20 has no built-in
 * compile cache). A cache that V8 rejects (another Node version) costs nothing but the compile.
 * MEDLINT_WRITE_CODE_CACHE=1 makes the run write the cache at exit; the build does that once. Lint
 * workers (cli/parallel.ts) start through here too, from the same cache.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const bundle = join(__dirname, 'medlint-cli.js');
const cacheFile = join(__dirname, 'medlint-cli.cache');
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
if (process.env.MEDLINT_WRITE_CODE_CACHE === '1' && isMainThread) process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const cli = new Module(bundle, module);
cli.filename = bundle;
script.runInThisContext().call(cli.exports, cli.exports, Module.createRequire(bundle), cli, bundle, __dirname);
