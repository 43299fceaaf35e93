// npm run test:vscode (fourth part): the browser bundle (package.json `browser`) in VS Code's web
// worker extension host, as on vscode.dev. medlint.vsix installed in code-server, the workbench told to
// run it as a web extension (`remote.extensionKind` ["web"], `extensions.webWorker`); then a writer's
// smoke test on an in-memory document: a new untitled Markdown buffer gets a diagnostic and a hover card.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertInstalled, copyWorkspace, installExtension, launchChromium, startCodeServer, stop } from './host.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const shots = path.join(root, 'test-output', 'vscode');
const port = process.env.MEDLINT_VSCODE_WEB_PORT || '18097';
const started = Date.now();
const log = (...args) => console.log(`[web ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

assertInstalled();
fs.mkdirSync(shots, { recursive: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medlint-web-'));
const workspace = copyWorkspace(path.join(root, 'test', 'vscode', 'workspace'), path.join(dir, 'workspace'));
installExtension(dir, path.join(root, 'medlint.vsix'));
fs.mkdirSync(path.join(dir, 'user-data', 'User'), { recursive: true });
fs.writeFileSync(
  path.join(dir, 'user-data', 'User', 'settings.json'),
  JSON.stringify({ 'extensions.webWorker': true, 'remote.extensionKind': { [extensionId]: ['web'] }, 'workbench.startupEditor': 'none' }),
);

const seen = { consoleLines: [] };
let server;
let browser;
try {
  server = await startCodeServer({ port, dir });
  browser = await launchChromium(dir);
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (message) => seen.consoleLines.push(message.text()));
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  seen.workerFrame = page.frames().some((frame) => frame.url().includes('webWorkerExtensionHostIframe'));

  // A command by its full palette label: "New Untitled Text File" alone also matches "Compare New
  // Untitled Text Files".
  const command = async (label) => {
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type(label);
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
    await row.click({ timeout: 15_000 });
  };
  await command('File: New Untitled Text File');
  await page.locator('.monaco-editor textarea').first().waitFor({ timeout: 15_000 });
  await command('Change Language Mode');
  await page.keyboard.type('Markdown');
  await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^Markdown$/ }) }).first().click({ timeout: 15_000 });
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.type('Keytruda is an autoimmune therapy that blocks PD-1.');
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30_000 });
  seen.squiggle = true;
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'misnomer' }).first();
  await row.waitFor({ timeout: 30_000 });
  seen.problem = (await row.innerText()).replace(/\s+/g, ' ');

  // Hover: the caret on "PD-1", then Show Hover (Ctrl+K Ctrl+I).
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  // "more…" is the compact card's own: the diagnostic shown in the same hover also names the expansion.
  const card = page.locator('.monaco-hover:visible', { hasText: 'more…' }).first();
  await card.waitFor({ timeout: 15_000 });
  seen.hover = (await card.innerText()).replace(/\s+/g, ' ');
  await page.screenshot({ path: path.join(shots, '6-web-worker-host.png') });
  log('problem:', seen.problem);
  log('hover:', seen.hover.slice(0, 100));
} catch (error) {
  log('ERROR', error.message);
  await browser?.pages()[0]?.screenshot({ path: path.join(shots, 'web-error.png') }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  await stop(server?.child);
}

const remoteHostLog = fs
  .readdirSync(path.join(dir, 'user-data', 'logs'), { recursive: true })
  .filter((file) => String(file).endsWith('remoteexthost.log'))
  .map((file) => fs.readFileSync(path.join(dir, 'user-data', 'logs', String(file)), 'utf8'))
  .join('\n');
const checks = [
  ['the workbench runs a web worker extension host', Boolean(seen.workerFrame)],
  ['medlint is not activated in the remote (Node) extension host', !remoteHostLog.includes(extensionId)],
  ['a diagnostic on an untitled Markdown document', Boolean(seen.squiggle) && /autoimmune therapy/.test(seen.problem ?? '')],
  ['a hover card on a term', /PD-1 · programmed cell death protein 1/.test(seen.hover ?? '') && /more…/.test(seen.hover ?? '')],
];
for (const [what, ok] of checks) console.log(`  ${ok ? '✔' : '✖'} ${what}`);
const failed = checks.filter(([, ok]) => !ok).length;
// An activation error (as when the bundle needed the DOM) reaches the workbench's console.
if (failed) for (const text of seen.consoleLines.filter((line) => line.includes(extensionId))) console.log(`  console: ${text}`);
console.log(`${checks.length - failed} passed, ${failed} failed`);
log(`screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
