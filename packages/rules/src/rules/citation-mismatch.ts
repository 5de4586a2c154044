import { citedIds, findingForClaim, quote, quotePassage, type Rule } from '../rule.js';

export const citationMismatch: Rule = {
  meta: {
    id: 'citation-mismatch',
    defaultSeverity: 'info',
    description: 'Another registry source supports the claim far better than the ones cited.',
    examples: {
      ok: [
        {
          document: 'Court backlogs grew by 40% between 2019 and 2022 [1].',
          references: [
            { id: '1', excerpts: ['Court backlogs grew by 40% between 2019 and 2022.'] },
            { id: '2', excerpts: ['Most perpetrators are known to the child.'] },
          ],
        },
      ],
      notOk: [
        {
          document: 'Most perpetrators are known to the child [1].',
          references: [
            { id: '1', excerpts: ['Court backlogs grew by 40% between 2019 and 2022.'] },
            { id: '2', excerpts: ['Most perpetrators are known to the child, often relatives or family friends.'] },
          ],
        },
      ],
    },
  },
  check(context) {
    for (const claim of context.claims) {
      const alternative = context.support.get(claim.id)?.alternative;
      if (!alternative) continue;
      const refId = alternative.passage.refId;
      const title = context.registry?.references.find((r) => r.id === refId)?.title;
      context.report({
        ...findingForClaim(
          claim,
          `Reference ${refId}${title ? ` ("${title}")` : ''} supports ${quote(claim)} far better than ${citedIds(claim)}: ${quotePassage(alternative.passage.text)}. Did you mean to cite [${refId}]?`,
        ),
        ref: refId,
      });
    }
  },
};
