import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { MedlintConfig } from '../core/config';
import { quartoChapters } from '../core/documentParts';
import { findFileUp } from './findUp';

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
  const quarto = findFileUp(dirname(target), ['_quarto.yml']);
  if (!quarto) return undefined;
  const files = quartoChapters(readFileSync(quarto, 'utf8')).map((name) => resolve(dirname(quarto), name));
  return files.includes(target) ? files : undefined;
}
