import { closestName, type Reference } from '@citecheck/model';
import { describeIds, findingForMarker, type Rule } from '../rule.js';

// A near miss is worth naming for the first few unknown ids; past that the registry is simply
// the wrong one, and edit distances over every entry would cost more than they tell.
const MAX_SUGGESTED = 100;

export const unknownReference: Rule = {
  meta: {
    id: 'unknown-reference',
    defaultSeverity: 'error',
    description: 'A cited id the registry does not have.',
    examples: {
      ok: [
        'Attrition is steep [1].\n\n## References\n\n1. [Attrition study](https://example.org/a)',
        { document: 'Attrition is steep [@smith2021].', references: [{ id: 'smith2021', title: 'Attrition study' }] },
      ],
      notOk: [
        'Attrition is steep [2].\n\n## References\n\n1. [Attrition study](https://example.org/a)',
        { document: 'Attrition is steep [@smith2012].', references: [{ id: 'smith2021', title: 'Attrition study' }] },
      ],
    },
  },
  check(context) {
    const registry = context.registry;
    if (registry === null) return;
    const known = new Set(registry.references.map((r) => r.id));
    const hints = new Map<string, string>();
    const hintFor = (id: string): string => {
      let hint = hints.get(id);
      if (hint === undefined) {
        hint = (hints.size < MAX_SUGGESTED ? suggestion(id, registry.references) : undefined) ?? ` (it has ${describeIds(registry.references)})`;
        hints.set(id, hint);
      }
      return hint;
    };
    for (const claim of context.claims) {
      for (const citation of claim.citations) {
        if (known.has(citation.id)) continue;
        context.report(
          findingForMarker(
            citation.marker,
            claim,
            citation.id,
            `${citation.marker.raw} cites reference ${citation.id}, which ${registry.file} does not have${hintFor(citation.id)}`,
          ),
        );
      }
    }
  },
};

/** What the author probably meant, when the registry says; undefined to list what it has. */
function suggestion(id: string, references: readonly Reference[]): string | undefined {
  const keys = references.map((r) => r.id).filter((key) => !/^\d+$/.test(key));
  const near = /^\d+$/.test(id) ? undefined : closestName(id, keys);
  if (near !== undefined) return `; did you mean ${near}?`;
  // Zotero's own CSL-JSON export identifies items by URI, which no `[@key]` can match.
  if (keys.length > 0 && keys.every((key) => /^https?:\/\/zotero\.org\/.*\/items\//.test(key))) {
    return ': its ids are Zotero item addresses, not citation keys; export with Better BibTeX, or give each item a "Citation Key" in Zotero';
  }
  return undefined;
}
