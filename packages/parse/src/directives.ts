import type { Directive } from '@citecheck/model';

const COMMENT = /<!--\s*citecheck-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

/**
 * Reads `<!-- citecheck-… -->` comments. `disable-next-line` is resolved here to the next line
 * that has text, because only the parser still has the text: a blank line between the comment
 * and the paragraph it silences should not defeat it.
 */
export function readDirectives(
  html: { value: string; start: number; end: number }[],
  text: string,
  lineOf: (offset: number) => number,
): Directive[] {
  const directives: Directive[] = [];
  for (const node of html) {
    for (const match of node.value.matchAll(COMMENT)) {
      const kind = match[1] as Directive['kind'];
      const rules = (match[2] ?? '').split(/[\s,]+/).filter((r) => r !== '');
      let line = lineOf(node.start + (match.index ?? 0));
      if (kind === 'disable-next-line') {
        let at = text.indexOf('\n', node.start + (match.index ?? 0) + match[0].length);
        while (at !== -1 && at + 1 < text.length && /^[ \t]*\r?(\n|$)/.test(text.slice(at + 1, at + 200))) {
          at = text.indexOf('\n', at + 1);
        }
        line = at === -1 ? line + 1 : lineOf(Math.min(at + 1, text.length - 1));
      }
      directives.push({ kind, rules, line });
    }
  }
  return directives;
}
