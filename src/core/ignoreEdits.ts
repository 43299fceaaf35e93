import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree } from 'jsonc-parser';
import { isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { medlintFrontMatterEdit, rewrittenFrontMatter } from './frontMatterEdit';
import { ignoreEntriesOf, normalizeIgnored, type IgnoreEntry } from './ignore';

/**
 * The edits that accept a finding or write down what the team knows, as plain data for the code
 * actions of every adapter (kept out of the linter's bundle path).
 */

/** A replacement in a text, by UTF-16 offsets: what an adapter turns into its editor's edit. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

const yamlEntry = (entry: IgnoreEntry) => `{ text: ${JSON.stringify(entry.text)}${entry.rule ? `, rule: ${entry.rule}` : ''} }`;

/**
 * The edit that adds an entry to a document's front matter, keeping the YAML valid: a new front
 * matter block, a `medlint:` key at the end of one, or an item in its `medlint.ignore` list.
 * Undefined when the front matter is not valid YAML (the writer repairs it first).
 */
export function documentIgnoreEdit(text: string, entry: IgnoreEntry): TextEdit | undefined {
  return medlintFrontMatterEdit(text, ['ignore:', `  - ${yamlEntry(entry)}`], (mapping) => {
    const ignore = mapping.medlint.get('ignore', true);
    const item = new YAMLMap();
    item.flow = true;
    item.set('text', entry.text);
    if (entry.rule) item.set('rule', entry.rule);
    if (ignore === undefined) {
      const list = new YAMLSeq();
      list.items.push(item);
      mapping.medlint.set('ignore', list);
    } else if (isSeq(ignore)) {
      ignore.items.push(item);
    } else {
      return undefined;
    }
    return rewrittenFrontMatter(mapping);
  });
}

/** A change to a workspace config: the text of a new `.medlintrc.json`, or edits to the one there is. */
export type ConfigChange = { newText: string } | { edits: TextEdit[] };

/**
 * Adds `item` to the array at `path` of a config (`["abbreviations", "ignore"]`), creating what is
 * missing, the file included, and keeping comments and layout (jsonc-parser edits). Undefined when an
 * item `isSame` is there already, or when the config or a value on the path is not what the schema
 * says (the writer repairs it first).
 */
export function appendToConfigArray(configText: string | undefined, path: readonly string[], item: unknown, isSame: (existing: unknown) => boolean): ConfigChange | undefined {
  if (configText === undefined) {
    const config = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), [item]);
    return { newText: `${JSON.stringify(config, null, 2)}\n` };
  }
  const tree = parseTree(configText, [], { allowTrailingComma: true });
  if (!tree || tree.type !== 'object') return undefined;
  for (let depth = 1; depth < path.length; depth++) {
    const parent = findNodeAtLocation(tree, path.slice(0, depth));
    if (parent && parent.type !== 'object') return undefined;
  }
  const existing = findNodeAtLocation(tree, [...path]);
  if (existing && existing.type !== 'array') return undefined;
  if (existing && (getNodeValue(existing) as unknown[]).some(isSame)) return undefined;
  const eol = /\r\n|\n|\r/.exec(configText)?.[0] ?? '\n';
  const indent = /^[ \t]+(?=")/m.exec(configText)?.[0] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol };
  const edits = existing ? modify(configText, [...path, -1], item, { isArrayInsertion: true, formattingOptions }) : modify(configText, [...path], [item], { formattingOptions });
  return { edits: edits.map((edit) => ({ start: edit.offset, end: edit.offset + edit.length, newText: edit.content })) };
}

/** Accepts a finding in the workspace: an entry in the config's `ignore`, unless one accepts it already. */
export function configIgnoreChange(configText: string | undefined, entry: IgnoreEntry): ConfigChange | undefined {
  return appendToConfigArray(configText, ['ignore'], entry, (existing) =>
    ignoreEntriesOf([existing]).some((other) => other.rule === entry.rule && normalizeIgnored(other.text) === normalizeIgnored(entry.text)),
  );
}

/** An abbreviation the team's readers know: an item of the config's `abbreviations.ignore`, written as the entry names it. */
export function abbreviationIgnoreChange(configText: string | undefined, abbreviation: string): ConfigChange | undefined {
  return appendToConfigArray(configText, ['abbreviations', 'ignore'], abbreviation, (existing) => existing === abbreviation);
}

/** Applies offset edits to a text (for tests and for adapters that write a file themselves). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(
    text,
    edits.map((edit) => ({ offset: edit.start, length: edit.end - edit.start, content: edit.newText })),
  );
}
