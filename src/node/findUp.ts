import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest file of one of `names` at or above `dir` (the first name first in each folder), if any. */
export function findFileUp(dir: string, names: readonly string[]): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    for (const name of names) {
      const candidate = join(current, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    if (dirname(current) === current) return undefined;
  }
}
