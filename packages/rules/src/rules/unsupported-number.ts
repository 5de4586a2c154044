import { changeBetween, changeOf, claimProse, derivableFrom, extractFigures, figureFamily as family, sameFigure } from '@citecheck/evidence';
import { citedIds, positionIn, quotePassage, type Rule } from '../rule.js';


export const unsupportedNumber: Rule = {
  meta: {
    id: 'unsupported-number',
    defaultSeverity: 'warning',
    description: "A figure in a claim that none of the cited sources' texts contains in any equivalent form.",
    examples: {
      ok: [
        {
          document: 'Only about a third of incidents reach the police [1].',
          references: [{ id: '1', excerpts: ['An estimated 33% of incidents come to the attention of the police.'] }],
        },
        {
          document: 'Medical evidence exists in fewer than 5% of cases [1].',
          references: [{ id: '1', excerpts: ['Medical evidence is present in less than 5 percent of reported cases.'] }],
        },
      ],
      notOk: [
        {
          document: 'Only 37% of incidents reach the police [1].',
          references: [{ id: '1', excerpts: ['An estimated 27% of incidents come to the attention of the police.'] }],
        },
      ],
    },
  },
  check(context) {
    const { evidence } = context;
    if (evidence === null) return;
    for (const claim of context.claims) {
      const support = context.support.get(claim.id);
      if (support === undefined || (support.status !== 'supported' && support.status !== 'unsupported')) continue;
      const prose = claimProse(claim);
      const figures = extractFigures(prose).filter((f) => !f.derived);
      if (figures.length === 0) continue;
      const cited = [...new Set(claim.citations.map((c) => c.id))];
      const stated = cited.flatMap((id) => evidence.refFigures(id));
      // A reference's date and title state figures too (the year of a report, "2023 survey").
      for (const ref of context.registry?.references ?? []) {
        if (!cited.includes(ref.id)) continue;
        for (const figure of extractFigures(`${ref.title ?? ''} ${ref.date?.slice(0, 4) ?? ''}`)) stated.push({ figure, passage: { refId: ref.id, text: ref.title ?? ref.date ?? '', ordinal: -1 } });
      }
      // A bound or an approximation ("more than a quarter", "some 480 million") is read against
      // the passages that match the claim: anywhere in a long source, some figure satisfies it.
      const relevant = new Set(support.best.map((m) => m.passage));
      const near = stated.filter((s) => relevant.has(s.passage) || s.passage.ordinal === -1);
      for (const figure of figures) {
        const pool = figure.comparator === '=' ? stated : near;
        if (pool.some((s) => sameFigure(figure, s.figure))) continue;
        // An approximation the source states almost exactly ("about a third" for 34%) counts
        // wherever the source states it.
        if (figure.comparator === '~' && stated.some((s) => sameFigure({ ...figure, comparator: '=' }, s.figure))) continue;
        if ((figure.kind === 'ratio' || figure.kind === 'count' || figure.kind === 'money') && derivableFrom(figure, near.map((s) => s.figure))) continue;
        // A change worked out from two counts ("fell by almost 40%" from 31 to 19), only from the
        // passage that matches the claim best: any two counts give some percentage.
        const change = changeOf(prose, figure);
        if (change !== null && changeBetween(figure, stated.filter((s) => s.passage === support.best[0]?.passage).map((s) => s.figure), change)) continue;
        const sameKind = stated.filter((s) => family(s.figure) === family(figure));
        // A year dates a claim rather than stating a quantity; editors do not count a year the
        // source leaves out as an unsupported figure (fixtures/gold labels never do).
        if (figure.kind === 'year') continue;
        const nearest = sameKind.sort((a, b) => Math.abs(a.figure.value - figure.value) - Math.abs(b.figure.value - figure.value))[0];
        const instead = nearest
          ? `; the closest figure there is "${nearest.figure.raw}": ${quotePassage(nearest.passage.text)}`
          : stated.length > 0
            ? `; the figures there are ${[...new Set(stated.map((s) => `"${s.figure.raw}"`))].slice(0, 4).join(', ')}`
            : '; the source states no figures';
        context.report({
          message: `"${figure.raw}" is not in the text of ${citedIds(claim)} in any equivalent form${instead}`,
          start: positionIn(claim, figure.start),
          end: positionIn(claim, figure.end),
          claimId: claim.id,
          ref: cited[0] ?? null,
        });
      }
    }
  },
};
