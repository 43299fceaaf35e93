/**
 * A glob as a RegExp over `/`-separated relative paths: `**` (any folders), `*` and `?` (within one
 * name), `{a,b}` alternatives and `[...]` classes. Enough for ignore lists and CLI arguments, with no
 * Node API, so the CLI and the editor read globs alike.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      const folders = glob[i + 2] === '/';
      pattern += folders ? '(?:[^/]*/)*' : '.*';
      i += folders ? 2 : 1;
    } else if (char === '*') {
      pattern += '[^/]*';
    } else if (char === '?') {
      pattern += '[^/]';
    } else if (char === '{') {
      braces++;
      pattern += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      pattern += ')';
    } else if (char === ',' && braces > 0) {
      pattern += '|';
    } else if (char === '[' && glob.indexOf(']', i + 2) > i) {
      const end = glob.indexOf(']', i + 2);
      pattern += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else {
      pattern += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${pattern}$`);
}
