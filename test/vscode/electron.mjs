// npm run test:electron: the same suite under @vscode/test-electron, which downloads VS Code: for
// developers with internet access (CI here uses code-server, see run.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(import.meta.dirname, '..', '..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'medlint-electron-'));
fs.cpSync(path.join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'dist', 'test', 'vscode', 'index.js'),
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
});
