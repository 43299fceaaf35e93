// Renders the extension icon (src/vscode/media/icon.svg) to the 128×128 PNG the marketplace needs,
// in the Debian chromium the VS Code host tests use. Run after editing the SVG: node src/tools/renderIcon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const media = path.resolve(import.meta.dirname, '..', 'vscode', 'media');
const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: path.join(media, 'icon.png'), omitBackground: true });
await browser.close();
