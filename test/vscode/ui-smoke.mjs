// npm run test:vscode (second part): what a writer sees. medlint installed in code-server from the
// packaged medlint.vsix, the workbench in headless chromium: a squiggle and a Problems panel row for a
// finding, a hover card on a term, and the Glossary view opening a card; screenshots in
// test-output/vscode/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertInstalled, copyWorkspace, installExtension, launchChromium, startCodeServer, stop } from './host.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const shots = path.join(root, 'test-output', 'vscode');
const port = process.env.MEDLINT_VSCODE_UI_PORT || '18095';
const started = Date.now();
const log = (...args) => console.log(`[ui ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);

assertInstalled();
fs.mkdirSync(shots, { recursive: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medlint-ui-'));
const workspace = copyWorkspace(path.join(root, 'test', 'vscode', 'workspace'), path.join(dir, 'workspace'));
installExtension(dir, path.join(root, 'medlint.vsix'));

const seen = {};
let server;
let browser;
try {
  server = await startCodeServer({ port, dir });
  browser = await launchChromium(dir);
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sample.md' });
  await file.waitFor({ timeout: 60_000 });
  await file.click();
  await page.locator('.monaco-editor .view-lines', { hasText: 'Keytruda' }).first().waitFor({ timeout: 30_000 });
  log('sample.md open');

  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 30_000 });
  seen.squiggle = true;
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: '"Keytruda" is a brand name' }).first();
  await row.waitFor({ timeout: 30_000 });
  seen.problem = (await row.innerText()).replace(/\s+/g, ' ');
  await page.screenshot({ path: path.join(shots, '1-diagnostics-and-problems.png') });
  log('problems panel:', seen.problem);

  // Plain text renders as one span per line: aim inside "PD-1" by its place in the span (monospace).
  await page.locator('.monaco-editor .view-lines').first().click();
  const token = page.locator('.monaco-editor .view-line span span', { hasText: 'PD-1' }).first();
  const box = await token.boundingBox();
  const text = await token.innerText();
  const x = box.x + (box.width / text.length) * (text.indexOf('PD-1') + 1.5);
  const y = box.y + box.height / 2;
  // "Sources:" is the card's own: the diagnostic shown in the same hover also names the expansion.
  const card = page.locator('.monaco-hover:visible', { hasText: 'Sources:' }).first();
  for (let attempt = 0; attempt < 3 && !seen.hover; attempt++) {
    await page.mouse.move(x - 40, y + 40);
    await page.mouse.move(x + attempt, y, { steps: 8 });
    try {
      await card.waitFor({ timeout: 4000 });
      seen.hover = (await card.innerText()).replace(/\s+/g, ' ');
    } catch {
      log('no hover yet, again');
    }
  }
  if (!seen.hover) {
    // Keyboard fallback: caret on the term, then Show Hover (Ctrl+K Ctrl+I).
    await page.mouse.click(x, y);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await card.waitFor({ timeout: 5000 }).then(async () => (seen.hover = (await card.innerText()).replace(/\s+/g, ' '))).catch(() => {});
  }
  await page.screenshot({ path: path.join(shots, '2-hover-card.png') });
  log('hover:', seen.hover);

  // The Glossary view: expand a category, click an entry, and its card opens beside the draft.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Focus on Glossary View');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Glossary' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const glossaryRow = (text) => page.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${text}$`) }) }).first();
  await glossaryRow('Drugs').click({ timeout: 15_000 });
  // The first drug: the list is virtual, so a row further down may not be rendered until scrolled to.
  await glossaryRow('ado-trastuzumab emtansine').click({ timeout: 15_000 });
  const cardTab = page.locator('.tabs-container .tab', { hasText: 'ado-trastuzumab-emtansine.md' }).first();
  await cardTab.waitFor({ timeout: 15_000 });
  seen.glossary = await page.locator('.monaco-editor .view-lines', { hasText: 'Approved uses' }).first().innerText({ timeout: 15_000 });
  await page.screenshot({ path: path.join(shots, '3-glossary.png') });
  log('glossary card:', seen.glossary.replace(/\s+/g, ' ').slice(0, 120));
} catch (error) {
  log('ERROR', error.message);
} finally {
  await browser?.close().catch(() => {});
  await stop(server?.child);
}
const checks = [
  ['squiggle under a finding', Boolean(seen.squiggle)],
  ['Problems panel row with the message', /"Keytruda" is a brand name: use the generic name "pembrolizumab"/.test(seen.problem ?? '')],
  ['hover card with the definition and sources', /PD-1 · programmed cell death protein 1/.test(seen.hover ?? '') && /Sources:/.test(seen.hover ?? '')],
  // The editor renders spaces as no-break spaces: \s matches both.
  ['Glossary view opens the card of a clicked entry', /\*\*ado-trastuzumab\s+emtansine\*\*/.test(seen.glossary ?? '')],
];
for (const [what, ok] of checks) console.log(`  ${ok ? '✔' : '✖'} ${what}`);
const failed = checks.filter(([, ok]) => !ok).length;
console.log(`${checks.length - failed} passed, ${failed} failed`);
log(`screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
