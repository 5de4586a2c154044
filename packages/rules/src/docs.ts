import type { RuleDoc } from '@citecheck/model';
import type { RuleExample, RuleMeta } from './rule.js';
import { rules } from './rules/index.js';

const documentOf = (example: RuleExample): string => (typeof example === 'string' ? example : example.document);

/** A rule's one-line description and its first not-ok and ok examples: the help tools show. */
export function ruleDoc(meta: RuleMeta): RuleDoc {
  const notOk = meta.examples.notOk[0];
  const ok = meta.examples.ok[0];
  const text = [meta.description];
  const markdown = [meta.description];
  if (notOk !== undefined) {
    text.push(`Flagged:\n${documentOf(notOk)}`);
    markdown.push(`Flagged:\n\n\`\`\`markdown\n${documentOf(notOk)}\n\`\`\``);
  }
  if (ok !== undefined) {
    text.push(`Passes:\n${documentOf(ok)}`);
    markdown.push(`Passes:\n\n\`\`\`markdown\n${documentOf(ok)}\n\`\`\``);
  }
  return { id: meta.id, defaultSeverity: meta.defaultSeverity, description: meta.description, help: { text: text.join('\n\n'), markdown: markdown.join('\n\n') } };
}

/** Every built-in rule's documentation, in rule order. */
export const ruleDocs = (): RuleDoc[] => rules.map((rule) => ruleDoc(rule.meta));
