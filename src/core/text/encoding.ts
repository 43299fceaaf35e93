/** LSP position encodings: how a column counts the characters of its line. */
export type PositionEncoding = 'utf-16' | 'utf-8' | 'utf-32';

function unitsOf(codePoint: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-32') return 1;
  if (encoding === 'utf-16') return codePoint > 0xffff ? 2 : 1;
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** A UTF-16 column of `line` as a column in `encoding`. */
export function fromUtf16(line: string, character: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return character;
  let column = 0;
  for (let i = 0; i < Math.min(character, line.length); ) {
    const codePoint = line.codePointAt(i)!;
    column += unitsOf(codePoint, encoding);
    i += codePoint > 0xffff ? 2 : 1;
  }
  return column;
}

/** A column in `encoding` of `line` as a UTF-16 column (clamped to the line). */
export function toUtf16(line: string, column: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return Math.min(column, line.length);
  let counted = 0;
  let i = 0;
  while (i < line.length && counted < column) {
    const codePoint = line.codePointAt(i)!;
    counted += unitsOf(codePoint, encoding);
    i += codePoint > 0xffff ? 2 : 1;
  }
  return i;
}
