// npm run test:vscode (third part): the page a user sees before installing. medlint.vsix installed in
// code-server, its entry in the Extensions view opened: name, icon, description and categories in the
// header, the README rendered as the Details tab (headings, and no link left relative, which would be
// broken outside the repository), and the CHANGELOG tab.
import fs from 'node:fs';
import path from 'node:path';
import { smokeTest } from './host.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const changelogTop = /^## (\[[^\]]+\].*)$/m.exec(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'))?.[1];
// The README and CHANGELOG render in a webview, which the workbench lays over the editor from outside
// it: an iframe holding the active frame with the document.
const webview = (page) => page.frameLocator('iframe.webview').last().frameLocator('#active-frame');

await smokeTest(
  { name: 'marketplace', port: process.env.MEDLINT_VSCODE_MARKET_PORT || '18096' },
  async ({ page, log, screenshot, seen }) => {
    await page.keyboard.press('Control+Shift+X');
    const search = page.locator('.extensions-viewlet .suggest-input-container textarea, .extensions-viewlet .monaco-inputbox textarea').first();
    await search.waitFor({ timeout: 30_000 });
    await search.fill(`@installed ${manifest.displayName}`);
    await page.locator('.extensions-viewlet .monaco-list-row', { hasText: manifest.description.slice(0, 40) }).first().click({ timeout: 30_000 });

    const editor = page.locator('.extension-editor').first();
    const header = editor.locator('.header').first();
    await header.locator('.name', { hasText: manifest.displayName }).first().waitFor({ timeout: 30_000 });
    seen.header = (await header.innerText()).replace(/\s+/g, ' ');
    seen.iconWidth = await header.locator('img.icon').first().evaluate((img) => (img.complete ? img.naturalWidth : 0));
    await editor.locator('.categories', { hasText: manifest.categories[0] }).first().waitFor({ timeout: 15_000 });
    seen.categories = (await editor.locator('.categories').first().innerText()).replace(/\s+/g, ' ');

    const readme = webview(page);
    await readme.locator('h1', { hasText: 'medlint' }).first().waitFor({ timeout: 30_000 });
    seen.headings = await readme.locator('h2').allInnerTexts();
    seen.relativeLinks = await readme.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')).filter((href) => !/^(https?:|mailto:|#)/.test(href)));
    await screenshot('1-marketplace-details.png');
    log('details:', seen.header);

    await editor.locator('.extension-editor-tabs, .navbar').locator('text=Changelog').first().click({ timeout: 15_000 });
    const changelog = webview(page);
    await changelog.locator('h1', { hasText: 'Changelog' }).first().waitFor({ timeout: 30_000 });
    seen.changelog = await changelog.locator('h2').first().innerText();
    await screenshot('2-marketplace-changelog.png');
    log('changelog:', seen.changelog);
  },
  (seen) => [
    ['header shows name, publisher and description', (seen.header ?? '').includes(manifest.displayName) && (seen.header ?? '').includes(manifest.description.slice(0, 40))],
    ['icon is the packaged 128 px image', seen.iconWidth === 128],
    ['categories listed', manifest.categories.every((category) => (seen.categories ?? '').includes(category))],
    ['README rendered with its sections', ['Quick start', 'In VS Code', 'What is checked'].every((heading) => (seen.headings ?? []).includes(heading))],
    ['no relative link in the README', Array.isArray(seen.relativeLinks) && seen.relativeLinks.length === 0],
    // A heading "[Unreleased]" renders as a link or as bracketed text, depending on a link definition.
    ['CHANGELOG tab shows the latest entry', seen.changelog?.replace(/[[\]]/g, '').trim() === changelogTop.replace(/[[\]]/g, '').trim()],
  ],
);
