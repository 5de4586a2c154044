import { findingForReference, type Rule } from '../rule.js';

export const unreadableSnapshot: Rule = {
  meta: {
    id: 'unreadable-snapshot',
    defaultSeverity: 'error',
    description: 'A registry entry whose snapshot is missing, not a regular file (a folder, a FIFO, a device), larger than citecheck reads, or outside the project, so its claims cannot be checked against it.',
    examples: {
      ok: [{ document: 'Backlogs grew by 40% [1].', references: [{ id: '1', excerpts: ['Court backlogs grew by 40% between 2019 and 2022.'] }] }],
      notOk: [
        { document: 'Backlogs grew by 40% [1].', references: [{ id: '1', snapshot: 'sources/court-backlogs.html' }] },
        { document: 'Backlogs grew by 40% [1].', references: [{ id: '1', snapshot: '../../home/me/.ssh/id_rsa' }] },
      ],
    },
  },
  check(context) {
    const registry = context.registry;
    if (registry === null || context.evidence === null) return;
    const byId = new Map(registry.references.map((r) => [r.id, r]));
    for (const problem of context.evidence.problems) {
      const ref = byId.get(problem.refId);
      if (ref !== undefined) context.report(findingForReference(ref, context, `The ${problem.message}`));
    }
  },
};
