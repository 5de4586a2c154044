import { findingForReference, type Rule } from '../rule.js';

export const unusedReference: Rule = {
  meta: {
    id: 'unused-reference',
    defaultSeverity: 'warning',
    description: 'A registry entry no claim cites.',
    examples: {
      ok: ['Attrition is steep [1].\n\n## References\n\n1. [Attrition study](https://example.org/a)'],
      notOk: [
        'Attrition is steep [1].\n\n## References\n\n1. [Attrition study](https://example.org/a)\n2. [Unused survey](https://example.org/b)',
      ],
    },
  },
  check(context) {
    const registry = context.registry;
    if (registry === null) return;
    const cited = new Set(context.claims.flatMap((c) => c.citations.map((x) => x.id)));
    for (const ref of registry.references) {
      if (cited.has(ref.id)) continue;
      const name = ref.title !== undefined ? ` ("${ref.title.length > 60 ? `${ref.title.slice(0, 59)}…` : ref.title}")` : '';
      context.report(findingForReference(ref, context, `Reference ${ref.id}${name} is never cited by a claim: cite it where it supports a claim, or remove it from ${registry.file}`));
    }
  },
};
