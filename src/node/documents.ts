import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { MedlintConfig } from '../core/config';
import { quartoChapters } from '../core/documentParts';

/** The nearest `_quarto.yml` at or above `dir`. */
function findQuartoProject(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, '_quarto.yml');
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The files, in order, of the document `file` belongs to: the config's `documents`, or else the
 * chapters (and appendices) of the Quarto book around the file. Absolute paths; undefined when the
 * file stands alone.
 */
export function documentFiles(file: string, config: MedlintConfig, configFile: string | undefined): string[] | undefined {
  const target = resolve(file);
  if (config.documents && configFile) {
    const files = config.documents.map((name) => resolve(dirname(configFile), name));
    return files.includes(target) ? files : undefined;
  }
  const quarto = findQuartoProject(dirname(target));
  if (!quarto) return undefined;
  const files = quartoChapters(readFileSync(quarto, 'utf8')).map((name) => resolve(dirname(quarto), name));
  return files.includes(target) ? files : undefined;
}
