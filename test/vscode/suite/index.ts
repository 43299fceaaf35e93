/**
 * The extension test entry (extensionTestsPath): VS Code's extension host requires it and awaits
 * run(). The same contract as @vscode/test-electron, so the same suite runs under either host.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'extension.test.js'));
  const results: { passes: string[]; failures: { title: string; error: string }[] } = { passes: [], failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.MEDLINT_VSCODE_RESULTS;
      if (file) writeFileSync(file, JSON.stringify(results, null, 2));
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passes.push(test.fullTitle()));
    runner.on('fail', (test, error) => results.failures.push({ title: test.fullTitle(), error: String((error as Error)?.stack ?? error) }));
  });
}
