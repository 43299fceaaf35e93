// A real VS Code host for tests: code-server (VS Code's server and web workbench) and headless
// Debian chromium driven by playwright-core. Installed by install-host.sh; nothing is downloaded here.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const HOST = process.env.MEDLINT_VSCODE_HOST || path.join(os.homedir(), '.cache', 'medlint', 'vscode-host');
const CODE_SERVER = path.join(HOST, 'cs', 'node_modules', '.bin', 'code-server');

export function assertInstalled() {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`no code-server in ${HOST}: run test/vscode/install-host.sh first`);
}

/** A fresh copy of a fixture workspace, so tests may write to it. */
export function copyWorkspace(fixture, into) {
  fs.cpSync(fixture, into, { recursive: true });
  return into;
}

/** The folders and environment one code-server host uses, whether serving or installing. */
function hostSetup(dir) {
  const home = path.join(dir, 'home');
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  return {
    folders: ['--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions')],
    env: { ...process.env, HOME: home, TMPDIR: tmp, XDG_CONFIG_HOME: `${home}/.config`, XDG_DATA_HOME: `${home}/.local/share` },
  };
}

/**
 * Installs a VSIX into the host's extensions folder as a user would (Extensions view → Install from
 * VSIX), so the tests see exactly the files the package carries. Returns the installed folder.
 */
export function installExtension(dir, vsix) {
  const { folders, env } = hostSetup(dir);
  const run = spawnSync(CODE_SERVER, [...folders, '--install-extension', vsix], { env, encoding: 'utf8' });
  if (run.status !== 0 || !/successfully installed/i.test(run.stdout)) throw new Error(`code-server --install-extension ${vsix} failed:\n${run.stdout}${run.stderr}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
  return path.join(dir, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`);
}

export async function startCodeServer({ port, dir, env = {} }) {
  const setup = hostSetup(dir);
  const logFile = path.join(dir, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(
    CODE_SERVER,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened', ...setup.folders],
    { detached: true, stdio: ['ignore', out, out], env: { ...setup.env, ...env } },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (fs.readFileSync(logFile, 'utf8').includes('HTTP server listening')) return { child, logFile };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not start; see ${logFile}`);
}

export async function stop(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {}
}

export function launchChromium(dir) {
  process.env.TMPDIR ||= path.join(dir, 'tmp');
  return chromium.launchPersistentContext(path.join(dir, 'chromium'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    // Without the background-networking flags chromium keeps dialling out on a closed network.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A smoke test of what a user sees, against medlint installed from medlint.vsix: a fresh host folder
 * with a copy of the workspace fixture, code-server with `settings` as the user's settings, and the
 * workbench open on the workspace in headless chromium. `steps({ page, log, screenshot, workspace })`
 * drives it and fills `seen`; after the host stops, `checks(seen, dir)` lists [what, ok] pairs. Prints
 * one line a check and the screenshots, and exits 1 when a check fails.
 */
export async function smokeTest({ name, port, settings = {} }, steps, checks) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const started = Date.now();
  const log = (...args) => console.log(`[${name} ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);
  assertInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `medlint-${name}-`));
  const shots = path.join(dir, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const workspace = copyWorkspace(path.join(root, 'test', 'vscode', 'workspace'), path.join(dir, 'workspace'));
  installExtension(dir, path.join(root, 'medlint.vsix'));
  fs.mkdirSync(path.join(dir, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings));

  const seen = {};
  let server;
  let browser;
  let page;
  const screenshot = async (file) => {
    await page.screenshot({ path: path.join(shots, file) });
    log('screenshot', path.join(shots, file));
  };
  try {
    server = await startCodeServer({ port, dir });
    browser = await launchChromium(dir);
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await steps({ page, log, screenshot, workspace, seen });
  } catch (error) {
    log('ERROR', error.message);
    if (page) await screenshot('error.png').catch(() => {});
  } finally {
    await browser?.close().catch(() => {});
    await stop(server?.child);
  }
  const results = checks(seen, dir);
  for (const [what, ok] of results) console.log(`  ${ok ? '✔' : '✖'} ${what}`);
  const failed = results.filter(([, ok]) => !ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  for (const file of fs.readdirSync(shots).sort()) console.log(`  ${path.join(shots, file)}`);
  process.exit(failed ? 1 : 0);
}
