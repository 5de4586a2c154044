import { citedIds, findingForClaim, quote, quotePassage, type Rule } from '../rule.js';

export const unsupportedClaim: Rule = {
  meta: {
    id: 'unsupported-claim',
    defaultSeverity: 'warning',
    description: "A cited claim that none of its cited sources' texts supports.",
    examples: {
      ok: [
        {
          document: 'Medical evidence is available in fewer than 5% of reported abuse cases [1].',
          references: [{ id: '1', excerpts: ['Medical evidence is available in fewer than 5% of reported child sexual abuse cases.'] }],
        },
        'Medical evidence is rare in abuse cases [1].\n\n[1]: https://example.org/no-text',
      ],
      notOk: [
        {
          document: 'Most offenders are relatives of the victim [1].',
          references: [{ id: '1', excerpts: ['Court backlogs grew by 40% between 2019 and 2022.', 'Judges cite staffing shortages.'] }],
        },
      ],
    },
  },
  check(context) {
    for (const claim of context.claims) {
      const support = context.support.get(claim.id);
      if (support?.status !== 'unsupported') continue;
      const best = support.best[0];
      const closest = best
        ? `; the closest passage covers ${Math.round(100 * best.score)}% of what the claim says: ${quotePassage(best.passage.text)}`
        : '';
      context.report(
        findingForClaim(
          claim,
          `Claim ${quote(claim)} is not supported by the text of ${citedIds(claim)}${closest}. Check what the source says, or cite one that says this`,
        ),
      );
    }
  },
};
