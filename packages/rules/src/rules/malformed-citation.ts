import { findingForMarker, type Rule } from '../rule.js';

export const malformedCitation: Rule = {
  meta: {
    id: 'malformed-citation',
    defaultSeverity: 'error',
    description: 'A marker that does not parse.',
    examples: {
      ok: ['Attrition is steep [1-3].', 'The series covers [2019-2024] in full.'],
      notOk: ['Attrition is steep [3-1].', 'Attrition is steep [0].', 'Attrition is steep [1,,2].'],
    },
  },
  check(context) {
    const claimAt = new Map<number, (typeof context.claims)[number]>();
    for (const claim of context.claims) for (const m of claim.markers) claimAt.set(m.start.offset, claim);
    for (const marker of context.markers) {
      if (marker.problem === undefined) continue;
      context.report(
        findingForMarker(marker, claimAt.get(marker.start.offset), null, `Malformed citation ${marker.raw}: ${marker.problem}`),
      );
    }
  },
};
