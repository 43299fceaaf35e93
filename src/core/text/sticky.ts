/** The match of a sticky (`y`) pattern starting exactly at `at` in `text`, or null. */
export function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}
