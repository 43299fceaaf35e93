// npm run test:vscode (fourth part): the browser bundle (package.json `browser`) in VS Code's web
// worker extension host, as on vscode.dev. medlint.vsix installed in code-server, the workbench told to
// run it as a web extension (`remote.extensionKind` ["web"], `extensions.webWorker`); then a writer's
// smoke test on an in-memory document: a new untitled Markdown buffer gets a diagnostic and a hover card.
import fs from 'node:fs';
import path from 'node:path';
import { smokeTest } from './host.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

await smokeTest(
  {
    name: 'web',
    port: process.env.MEDLINT_VSCODE_WEB_PORT || '18097',
    settings: { 'extensions.webWorker': true, 'remote.extensionKind': { [extensionId]: ['web'] }, 'workbench.startupEditor': 'none' },
  },
  async ({ page, log, screenshot, seen }) => {
    // An activation error (as when the bundle needed the DOM) reaches the workbench's console.
    seen.console = [];
    page.on('console', (message) => seen.console.push(message.text()));
    seen.workerFrame = page.frames().some((frame) => frame.url().includes('webWorkerExtensionHostIframe'));

    // A command by its full palette label: "New Untitled Text File" alone also matches "Compare New
    // Untitled Text Files".
    const command = async (label) => {
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type(label);
      await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first().click({ timeout: 15_000 });
    };
    await command('File: New Untitled Text File');
    await page.locator('.monaco-editor textarea').first().waitFor({ timeout: 15_000 });
    // The picker lists the languages known when it opens: on a loaded machine the built-in extensions
    // that contribute Markdown may still be registering, so an empty list is opened again.
    for (let attempt = 0; ; attempt++) {
      await command('Change Language Mode');
      // The language picker replaces the palette: type only once it is there, or the name goes nowhere.
      await page.locator('.quick-input-box input[placeholder*="Language Mode"]').first().waitFor({ timeout: 15_000 });
      await page.keyboard.type('Markdown');
      const markdown = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^Markdown$/ }) }).first();
      try {
        await markdown.click({ timeout: attempt < 2 ? 10_000 : 15_000 });
        break;
      } catch (error) {
        if (attempt === 2) throw error;
        log('no Markdown in the language picker yet, again');
        await page.keyboard.press('Escape');
      }
    }
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.type('Keytruda is an autoimmune therapy that blocks PD-1.');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30_000 });
    seen.squiggle = true;
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'misnomer' }).first();
    await row.waitFor({ timeout: 30_000 });
    seen.problem = (await row.innerText()).replace(/\s+/g, ' ');

    // Hover: the caret on "PD-1", then Show Hover (Ctrl+K Ctrl+I). "more…" is the compact card's own:
    // the diagnostic shown in the same hover also names the expansion.
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const card = page.locator('.monaco-hover:visible', { hasText: 'more…' }).first();
    await card.waitFor({ timeout: 15_000 });
    seen.hover = (await card.innerText()).replace(/\s+/g, ' ');
    await screenshot('1-web-worker-host.png');
    log('problem:', seen.problem);
    log('hover:', seen.hover.slice(0, 100));
  },
  (seen, dir) => {
    const logs = path.join(dir, 'user-data', 'logs');
    const remoteHostLog = fs
      .readdirSync(logs, { recursive: true })
      .filter((file) => String(file).endsWith('remoteexthost.log'))
      .map((file) => fs.readFileSync(path.join(logs, String(file)), 'utf8'))
      .join('\n');
    for (const line of (seen.console ?? []).filter((text) => text.includes(extensionId))) console.log(`  console: ${line}`);
    return [
      ['the workbench runs a web worker extension host', Boolean(seen.workerFrame)],
      // The remote host lists every installed extension when it starts; activating one logs this line.
      ['medlint is not activated in the remote (Node) extension host', !remoteHostLog.includes(`_doActivateExtension ${extensionId},`)],
      ['a diagnostic on an untitled Markdown document', Boolean(seen.squiggle) && /autoimmune therapy/.test(seen.problem ?? '')],
      ['a hover card on a term', /PD-1 · programmed cell death protein 1/.test(seen.hover ?? '') && /more…/.test(seen.hover ?? '')],
    ];
  },
);
