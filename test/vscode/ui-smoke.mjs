// npm run test:vscode (second part): what a writer sees. medlint installed in code-server from the
// packaged medlint.vsix, the workbench in headless chromium: a squiggle and a Problems panel row for a
// finding, the compact hover card on a term, the rule's documentation rendered from the diagnostic's
// code link, and a Glossary search for a brand opening the rendered card; screenshots in the run's
// temporary folder.
import { smokeTest } from './host.mjs';

/** The frame of the webview showing medlint's rendered page, once it contains `text`. */
async function webviewFrame(page, text, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const frame of page.frames()) {
      const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (body.includes(text)) return { frame, body };
    }
    await page.waitForTimeout(250);
  }
  return undefined;
}
const webviewText = async (page, text) => (await webviewFrame(page, text))?.body;

await smokeTest(
  { name: 'ui', port: process.env.MEDLINT_VSCODE_UI_PORT || '18095' },
  async ({ page, log, screenshot, seen }) => {
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
    await screenshot('1-diagnostics-and-problems.png');
    log('problems panel:', seen.problem);

    // Plain text renders as one span per line: aim inside "PD-1" by its place in the span (monospace).
    await page.locator('.monaco-editor .view-lines').first().click();
    const token = page.locator('.monaco-editor .view-line span span', { hasText: 'PD-1' }).first();
    const box = await token.boundingBox();
    const text = await token.innerText();
    const x = box.x + (box.width / text.length) * (text.indexOf('PD-1') + 1.5);
    const y = box.y + box.height / 2;
    // "more…" is the compact card's own: the diagnostic shown in the same hover also names the expansion.
    const card = page.locator('.monaco-hover:visible', { hasText: 'more…' }).first();
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
    await screenshot('2-compact-hover.png');
    log('hover:', seen.hover);

    // The diagnostic's code link in the same hover: the rule's documentation, rendered beside the draft.
    const codeLink = page.locator('.monaco-hover:visible a.code-link', { hasText: 'undefined-abbreviation' }).first();
    await codeLink.click({ timeout: 10_000 });
    seen.ruleDocs = await webviewText(page, 'Default severity');
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');
    seen.ruleTab = await page.locator('.tabs-container .tab', { hasText: 'medlint: undefined-abbreviation' }).first().innerText({ timeout: 10_000 }).catch(() => undefined);
    await screenshot('3-rule-docs.png');
    log('rule docs:', seen.ruleDocs?.replace(/\s+/g, ' ').slice(0, 120));

    // "more…" in the compact card opens the full card; a drug it names opens that drug's card.
    for (let attempt = 0; attempt < 3 && !seen.more; attempt++) {
      await page.mouse.move(x - 40, y + 40);
      await page.mouse.move(x + attempt, y, { steps: 8 });
      try {
        await page.locator('.monaco-hover:visible a', { hasText: 'more…' }).first().click({ timeout: 4000 });
        seen.more = await webviewFrame(page, 'Drugs that act on it');
      } catch {
        log('no hover to click yet, again');
      }
    }
    await seen.more?.frame.locator('a', { hasText: /^nivolumab$/ }).first().click({ timeout: 10_000 }).catch((error) => log('no nivolumab link:', error.message));
    seen.linked = await webviewText(page, 'nivolumab (drug)');
    await screenshot('4-linked-card.png');
    log('full card:', seen.more?.body.replace(/\s+/g, ' ').slice(0, 100), '| linked card:', seen.linked?.replace(/\s+/g, ' ').slice(0, 60));

    // The Glossary view: search for a brand, and its generic's card opens rendered.
    // From the Command Palette: the command shows the view (collapsed below the Explorer) itself.
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('medlint: Search glossary');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Search glossary' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder*="Keytruda finds pembrolizumab"]').waitFor({ timeout: 10_000 });
    await page.keyboard.type('keytruda');
    // The view filters at each letter typed: its message names the whole query once it has settled.
    await page.getByText('"keytruda": 1 term').waitFor({ timeout: 15_000 });
    const found = page.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^pembrolizumab$/ }) }).first();
    await found.waitFor({ timeout: 15_000 });
    seen.search = (await found.innerText()).replace(/\s+/g, ' ');
    await screenshot('5-glossary-search.png');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    for (let attempt = 0; attempt < 3 && !seen.glossary; attempt++) {
      await found.click({ timeout: 15_000 });
      seen.glossary = (await webviewFrame(page, 'pembrolizumab (drug)', 8000))?.body;
      if (!seen.glossary) log('no glossary card yet, again');
    }
    await screenshot('6-glossary-card.png');
    log('glossary search:', seen.search, '| card:', seen.glossary?.replace(/\s+/g, ' ').slice(0, 120));

    // Show term definition's picker finds a drug by its brand too. The draft's caret is on no term
    // (the end of the document), so the command asks which term.
    await page.locator('.monaco-editor .view-lines', { hasText: 'Keytruda' }).first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('medlint: Show term definition');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show term definition' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder*="Term to define"]').waitFor({ timeout: 10_000 });
    await page.keyboard.type('keytruda');
    const firstPick = page.locator('.quick-input-list .monaco-list-row').first();
    await firstPick.locator('.label-name', { hasText: /^pembrolizumab$/ }).waitFor({ timeout: 10_000 });
    seen.pick = (await firstPick.innerText()).replace(/\s+/g, ' ');
    await screenshot('7-define-by-brand.png');
    await page.keyboard.press('Escape');
    log('show term definition picker:', seen.pick.slice(0, 120));

    // The status bar item counts the findings; a click lints the workspace.
    const status = page.locator('.statusbar-item', { hasText: 'medlint:' }).first();
    seen.status = (await status.innerText({ timeout: 10_000 })).trim();
    await status.click();
    const toast = page.locator('.notification-toast', { hasText: /medlint: \d+ problems? in 2 Markdown files\./ }).first();
    seen.lintedWorkspace = (await toast.innerText({ timeout: 20_000 }).catch(() => '')).replace(/\s+/g, ' ');
    // The toast can come before the status bar has counted the other file's findings: it is read until it changes.
    await page.locator('.statusbar-item', { hasText: /medlint: (?!4 findings)\d+ findings?/ }).first().waitFor({ timeout: 10_000 }).catch(() => {});
    seen.statusAfter = (await status.innerText()).trim();
    await screenshot('8-status-bar-lint-workspace.png');
    log('status bar:', seen.status, '→', seen.statusAfter, '|', seen.lintedWorkspace);
  },
  (seen) => [
    ['squiggle under a finding', Boolean(seen.squiggle)],
    ['Problems panel row with the message', /"Keytruda" is a brand name: use the generic name "pembrolizumab"/.test(seen.problem ?? '')],
    ['compact hover card: expansion, first sentence, more…, no full card', /PD-1 · programmed cell death protein 1/.test(seen.hover ?? '') && /A checkpoint receptor on the surface of T cells and other immune cells\. more…/.test(seen.hover ?? '') && !/Sources:/.test(seen.hover ?? '')],
    ['rule documentation rendered from the code link, at the rule', /^undefined-abbreviation\b/.test(seen.ruleDocs ?? '') && /Default severity/.test(seen.ruleDocs ?? '') && !/brand-name/.test(seen.ruleDocs ?? '') && Boolean(seen.ruleTab)],
    ['"more…" opens the full card, whose drug links open their cards', /^PD-1 · programmed cell death protein 1 \(receptor\)/.test(seen.more?.body ?? '') && /^nivolumab \(drug\)/.test(seen.linked ?? '')],
    ['Glossary search finds a drug by its brand', /^pembrolizumab\s*Keytruda · drug$/.test(seen.search ?? '')],
    ['Show term definition finds a drug by its brand', /^pembrolizumab\s*Keytruda\b/.test(seen.pick ?? '')],
    ['Glossary opens the rendered card', /^pembrolizumab \(drug\)/.test(seen.glossary ?? '') && /Targets: PD-1/.test(seen.glossary ?? '')],
    ['status bar counts the findings; a click lints the workspace', seen.status === 'medlint: 4 findings' && /medlint: 5 problems in 2 Markdown files\./.test(seen.lintedWorkspace ?? '') && seen.statusAfter === 'medlint: 5 findings'],
  ],
);
