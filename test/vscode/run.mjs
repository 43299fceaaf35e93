// npm run test:vscode (first part): the mocha suite in test/vscode/suite, inside a real VS Code
// extension host, against medlint installed from the packaged medlint.vsix (so a file the package
// lacks fails a test). The test entry reaches the workbench through its `payload` URL parameter
// (extensionDevelopmentPath, extensionTestsPath): the contract of test-electron's runTests(). VS Code
// runs tests only for a development extension, so the development path is an empty harness.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { assertInstalled, copyWorkspace, installExtension, launchChromium, startCodeServer, stop } from './host.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const port = process.env.MEDLINT_VSCODE_PORT || '18090';
const started = Date.now();
const log = (...args) => console.log(`[vscode ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);

assertInstalled();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medlint-vscode-'));
const workspace = copyWorkspace(path.join(root, 'test', 'vscode', 'workspace'), path.join(dir, 'workspace'));
const results = path.join(dir, 'results.json');
let server;
let browser;
let exitCode = 2;
try {
  log('installed', installExtension(dir, path.join(root, 'medlint.vsix')));
  server = await startCodeServer({ port, dir, env: { MEDLINT_VSCODE_RESULTS: results } });
  const authority = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${path.join(root, 'test', 'vscode', 'harness')}`],
    ['extensionTestsPath', `vscode-remote://${authority}${path.join(root, 'dist', 'test', 'vscode', 'index.js')}`],
  ];
  browser = await launchChromium(dir);
  const page = browser.pages()[0] ?? (await browser.newPage());
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => console.log(`[extension host ${type}]`, format(...(args ?? []))));
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('pageerror', (error) => log('page error:', error.message));
  await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  log('workbench loaded; running the suite');
  exitCode = await Promise.race([finished, new Promise((resolve) => setTimeout(() => resolve('timeout'), 240_000))]);
  if (exitCode === 'timeout') {
    await page.screenshot({ path: path.join(dir, 'timeout.png') });
    log('TIMEOUT; screenshot in', dir);
    exitCode = 3;
  }
} catch (error) {
  log('ERROR', error);
  exitCode = 4;
} finally {
  await browser?.close().catch(() => {});
  await stop(server?.child);
}
if (fs.existsSync(results)) {
  const { passes, failures } = JSON.parse(fs.readFileSync(results, 'utf8'));
  for (const title of passes) console.log(`  ✔ ${title}`);
  for (const failure of failures) console.log(`  ✖ ${failure.title}\n${failure.error}`);
  console.log(`${passes.length} passed, ${failures.length} failed`);
} else {
  console.log(`no results from the extension host; logs in ${dir}`);
}
log(`exit code ${exitCode}`);
process.exit(exitCode);
