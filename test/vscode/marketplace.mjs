// npm run test:vscode (third part): the page a user sees before installing. medlint.vsix installed in
// code-server, its entry in the Extensions view opened: name, icon, description and categories in the
// header, the README rendered as the Details tab (headings, and no link left relative, which would be
// broken outside the repository), and the CHANGELOG tab. Screenshots in test-output/vscode/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertInstalled, copyWorkspace, installExtension, launchChromium, startCodeServer, stop } from './host.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const shots = path.join(root, 'test-output', 'vscode');
const port = process.env.MEDLINT_VSCODE_MARKET_PORT || '18096';
const started = Date.now();
const log = (...args) => console.log(`[marketplace ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

assertInstalled();
fs.mkdirSync(shots, { recursive: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medlint-marketplace-'));
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
  await page.keyboard.press('Control+Shift+X');
  const search = page.locator('.extensions-viewlet .suggest-input-container textarea, .extensions-viewlet .monaco-inputbox textarea').first();
  await search.waitFor({ timeout: 30_000 });
  await search.fill(`@installed ${manifest.displayName}`);
  const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: manifest.description.slice(0, 40) }).first();
  await entry.waitFor({ timeout: 30_000 });
  await entry.click();

  const editor = page.locator('.extension-editor').first();
  await editor.waitFor({ timeout: 30_000 });
  const header = editor.locator('.header').first();
  await header.locator('.name', { hasText: manifest.displayName }).first().waitFor({ timeout: 15_000 });
  seen.header = (await header.innerText()).replace(/\s+/g, ' ');
  seen.iconWidth = await header.locator('img.icon').first().evaluate((img) => (img.complete ? img.naturalWidth : 0));
  await editor.locator('.categories', { hasText: manifest.categories[0] }).first().waitFor({ timeout: 15_000 });
  seen.categories = (await editor.locator('.categories').first().innerText()).replace(/\s+/g, ' ');

  // The README renders in a webview, which the workbench lays over the editor from outside it: an
  // iframe holding the active frame with the document.
  const readme = page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
  await readme.locator('h1', { hasText: 'medlint' }).first().waitFor({ timeout: 30_000 });
  seen.headings = await readme.locator('h2').allInnerTexts();
  seen.relativeLinks = await readme.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')).filter((href) => !/^(https?:|mailto:|#)/.test(href)));
  await page.screenshot({ path: path.join(shots, '4-marketplace-details.png') });
  log('details:', seen.header);

  await editor.locator('.extension-editor-tabs, .navbar').locator('text=Changelog').first().click({ timeout: 15_000 });
  const changelog = page.frameLocator('iframe.webview').last().frameLocator('#active-frame');
  await changelog.locator('h1', { hasText: 'Changelog' }).first().waitFor({ timeout: 30_000 });
  seen.changelog = await changelog.locator('h2').first().innerText();
  await page.screenshot({ path: path.join(shots, '5-marketplace-changelog.png') });
  log('changelog:', seen.changelog);
} catch (error) {
  log('ERROR', error.message);
  await browser?.pages()[0]?.screenshot({ path: path.join(shots, 'marketplace-error.png') }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  await stop(server?.child);
}

const changelogTop = /^## (\[[^\]]+\].*)$/m.exec(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'))?.[1];
const checks = [
  ['header shows name, publisher and description', (seen.header ?? '').includes(manifest.displayName) && (seen.header ?? '').includes(manifest.description.slice(0, 40))],
  ['icon is the packaged 128 px image', seen.iconWidth === 128],
  ['categories listed', manifest.categories.every((category) => (seen.categories ?? '').includes(category))],
  ['README rendered with its sections', ['Quick start', 'In VS Code', 'What is checked'].every((heading) => (seen.headings ?? []).includes(heading))],
  ['no relative link in the README', Array.isArray(seen.relativeLinks) && seen.relativeLinks.length === 0],
  // A heading "[Unreleased]" renders as a link or as bracketed text, depending on a link definition.
  ['CHANGELOG tab shows the latest entry', seen.changelog?.replace(/[[\]]/g, '').trim() === changelogTop.replace(/[[\]]/g, '').trim()],
];
for (const [what, ok] of checks) console.log(`  ${ok ? '✔' : '✖'} ${what}`);
if (seen.relativeLinks?.length) console.log('  relative links:', seen.relativeLinks.join(', '));
const failed = checks.filter(([, ok]) => !ok).length;
console.log(`${checks.length - failed} passed, ${failed} failed`);
log(`screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
