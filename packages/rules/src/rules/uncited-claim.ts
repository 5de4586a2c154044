import { findingForClaim, quote, type Rule } from '../rule.js';

export const uncitedClaim: Rule = {
  meta: {
    id: 'uncited-claim',
    defaultSeverity: 'warning',
    description: 'A claim with no citation.',
    examples: {
      ok: [
        'Medical evidence is available in fewer than 5% of cases [1].\n\n[1]: https://example.org/review',
        '## Sources\n\n1. [Review](https://example.org/review)',
        'Why are so few cases prosecuted?',
      ],
      notOk: [
        'Prosecutions for online offences require international cooperation.',
        'Prosecutions require international cooperation [citation needed].',
      ],
    },
  },
  check(context) {
    for (const claim of context.claims) {
      if (claim.citations.length > 0) continue;
      const malformed = claim.markers.some((m) => m.problem !== undefined);
      const why = claim.citationNeeded
        ? 'it is marked [citation needed]'
        : malformed
          ? 'its only marker is malformed'
          : 'no source number backs it';
      context.report(
        findingForClaim(claim, `Uncited claim ${quote(claim)}: ${why}; add the number of the source that supports it, as in "… [n]."`),
      );
    }
  },
};
