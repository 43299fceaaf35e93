import type { HtmlComment } from './markdown/prose';
import type { LineIndex } from './text/lineIndex';

type Scope = { kind: 'range'; disable: boolean; offset: number } | { kind: 'line'; line: number } | { kind: 'file' };

interface Directive {
  scope: Scope;
  /** Rule ids; empty means every rule. */
  rules: string[];
}

const DIRECTIVE = /^medlint-(disable-file|disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*))?$/;

/**
 * markdownlint-style comments: `<!-- medlint-disable-next-line [rule ...] -->`, `-disable-line`,
 * `-disable` ... `-enable`, `-disable-file`. Without rule ids they apply to every rule.
 */
export class Suppressions {
  private readonly directives: Directive[] = [];

  constructor(comments: HtmlComment[], lines: LineIndex) {
    for (const comment of comments) {
      const match = DIRECTIVE.exec(comment.body);
      if (!match) continue;
      const rules = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
      const kind = match[1];
      const commentLine = lines.positionAt(comment.start).line;
      const scope: Scope =
        kind === 'disable-file' ? { kind: 'file' }
        : kind === 'disable-next-line' ? { kind: 'line', line: lines.positionAt(comment.end).line + 1 }
        : kind === 'disable-line' ? { kind: 'line', line: commentLine }
        : { kind: 'range', disable: kind === 'disable', offset: comment.end };
      this.directives.push({ scope, rules });
    }
  }

  get isEmpty(): boolean {
    return this.directives.length === 0;
  }

  isSuppressed(ruleId: string, offset: number, line: number): boolean {
    let disabled = false;
    for (const { scope, rules } of this.directives) {
      if (rules.length > 0 && !rules.includes(ruleId)) continue;
      if (scope.kind === 'file') return true;
      if (scope.kind === 'line' && scope.line === line) return true;
      if (scope.kind === 'range' && scope.offset <= offset) disabled = scope.disable;
    }
    return disabled;
  }
}
