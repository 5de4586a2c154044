import { describeIds, findingForMarker, type Rule } from '../rule.js';

export const unknownReference: Rule = {
  meta: {
    id: 'unknown-reference',
    defaultSeverity: 'error',
    description: 'A cited id the registry does not have.',
    examples: {
      ok: ['Attrition is steep [1].\n\n## References\n\n1. [Attrition study](https://example.org/a)'],
      notOk: ['Attrition is steep [2].\n\n## References\n\n1. [Attrition study](https://example.org/a)'],
    },
  },
  check(context) {
    const registry = context.registry;
    if (registry === null) return;
    const known = new Set(registry.references.map((r) => r.id));
    for (const claim of context.claims) {
      for (const citation of claim.citations) {
        if (known.has(citation.id)) continue;
        context.report(
          findingForMarker(
            citation.marker,
            claim,
            citation.id,
            `${citation.marker.raw} cites reference ${citation.id}, which ${registry.file} does not have (it has ${describeIds(registry.references)})`,
          ),
        );
      }
    }
  },
};
