/**
 * `<!-- citecheck-disable RULE… -->`, `<!-- citecheck-enable RULE… -->`,
 * `<!-- citecheck-disable-next-line RULE… -->` and `<!-- citecheck-disable-line RULE… -->`.
 * No rule named means every rule.
 */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  rules: string[];
  /** The line the comment is on. */
  line: number;
}

const COMMENT = /<!--\s*citecheck-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

export function readDirectives(
  html: { value: string; start: number }[],
  lineOf: (offset: number) => number,
): Directive[] {
  const directives: Directive[] = [];
  for (const node of html) {
    for (const match of node.value.matchAll(COMMENT)) {
      const rules = (match[2] ?? '')
        .split(/[\s,]+/)
        .map((r) => r.trim())
        .filter((r) => r !== '');
      directives.push({
        kind: match[1] as Directive['kind'],
        rules,
        line: lineOf(node.start + (match.index ?? 0)),
      });
    }
  }
  return directives;
}
