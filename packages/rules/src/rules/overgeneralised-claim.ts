import { claimProse, type EvidenceIndex, readClaimWording, scopeOf, speaksAt, type StrongWord } from '@citecheck/evidence';
import type { PassageMatch } from '@citecheck/model';
import { citedIds, positionIn, quote, quotePassage, type Rule } from '../rule.js';

/** A quantifier this much broader than the source's own is over-generalised ("most" vs 33%). */
const QUANTIFIER_MARGIN = 0.1;

interface Verdict {
  word: StrongWord;
  instead: string;
}

/** What the passages that match a claim well, together, commit to. */
interface SourceReading {
  /** The share stated by the best-matching passage that states one, or null. */
  strength: number | null;
  strengthPhrase: string | null;
  /** A causal claim is licensed: the source states a cause outright, or is not cautious at all. */
  causeLicensed: boolean;
  /** The source words a cause, but cautiously ("may have driven"). */
  causeHedged: boolean;
  proves: boolean;
  certain: boolean;
  scopes: string[];
  singlesOut: boolean;
}

function sourceWording(best: readonly PassageMatch[], evidence: EvidenceIndex): { reading: SourceReading; passage: PassageMatch | undefined } {
  const top = best[0]?.score ?? 0;
  const relevant = best.filter((m) => m.score >= 0.6 * top);
  const readings = relevant.map((m) => ({ m, w: evidence.wording(m.passage) }));
  // The share stated by the passage that matches the claim best, not the broadest anywhere: a
  // source saying "64% of households" about the claim and "all residents" about something else
  // does not back "every household".
  const strongest = readings.find((r) => r.w.strength !== null);
  return {
    reading: {
      strength: strongest?.w.strength ?? null,
      strengthPhrase: strongest?.w.strengthPhrase ?? null,
      // Causal wording overstates a cautious source (association, "may"); where the source says
      // nothing either way, the link may be plain fact.
      causeLicensed: readings.some((r) => r.w.causal && !r.w.hedged) || !readings.some((r) => r.w.hedged),
      causeHedged: readings.some((r) => r.w.causal),
      proves: readings.some((r) => r.w.proves),
      certain: readings.some((r) => r.w.certain),
      scopes: readings.flatMap((r) => r.w.scopes),
      singlesOut: readings.some((r) => r.w.singlesOut),
    },
    passage: strongest?.m ?? best[0],
  };
}

/** "across the WHO European Region" is borne out by a source on "the Region's 53 Member States". */
const mentions = (lowerText: string, place: string): boolean => lowerText.includes(place.toLowerCase().split(/\s+/).pop() ?? place);

/** The capitalised place names a passage mentions after "in" ("in Great Britain", "in Wales"). */
function placesIn(passage: string): string | null {
  const m = /\bin\s+((?:\p{Lu}[\p{L}'-]*)(?:\s+\p{Lu}[\p{L}'-]*){0,2})/u.exec(passage);
  return m ? m[1] ?? null : null;
}

/** What a claim is checked against: its sources' reading, and the text it was read from. */
interface Against {
  reading: SourceReading;
  /** The passage quoted in messages. */
  passage: string;
  /** How the cited sources are named in messages ("[2] [5]"). */
  cited: string;
  /** What the passages matching the claim say, lower-cased: where the source looked. */
  nearText: string;
  /** Whether the cited sources, anywhere in their text or titles, speak at a reach ("global"). */
  reaches: (family: string) => boolean;
}

function againstSource(word: StrongWord, { reading: source, passage, cited, nearText, reaches }: Against): Verdict | null {
  const says = `${cited} says ${quotePassage(passage)}`;
  switch (word.kind) {
    case 'quantifier':
      if (source.strength === null) {
        return word.strength >= 0.85 ? { word, instead: `${says}, which states no such share; narrow it to what the source shows` } : null;
      }
      // A universal ("all", "always", "eliminates") needs a universal: 92% is not everyone.
      if (word.strength >= 1 ? source.strength >= 0.99 : word.strength <= source.strength + QUANTIFIER_MARGIN) return null;
      return { word, instead: `${says}; say "${source.strengthPhrase}" instead` };
    case 'booster':
      // "will inevitably" needs a source that is itself sure of the future, not one that showed the past.
      if (word.forecast) return source.certain ? null : { word, instead: `${says}, which makes no such promise; say "could" or "is expected to"` };
      return source.proves ? null : { word, instead: `${says}, which does not claim proof; say "suggests" or "indicates"` };
    case 'scope': {
      if (word.place !== undefined) {
        // "across Europe" against a source about Great Britain.
        return mentions(nearText, word.place) ? null : { word, instead: `${says}, which covers ${placesIn(passage) ?? 'a narrower area'}; name where it was found` };
      }
      // "worldwide" is borne out by a global report even where the matching passage names no place.
      if (word.family !== undefined ? reaches(word.family) : source.scopes.length > 0) return null;
      const scope = scopeOf(passage);
      return { word, instead: `${says}${scope ? `; say "${scope}"` : '; name where it was found'}` };
    }
    case 'causal':
      if (source.causeLicensed) return null;
      return {
        word,
        instead: source.causeHedged ? `${says}, which only suggests a cause; say "may contribute to" or "is linked to"` : `${says}, which reports an association, not a cause; say "is associated with" or "is linked to"`,
      };
    case 'primacy':
      return source.singlesOut ? null : { word, instead: `${says}, which does not single it out; say "a cause" or "one factor"` };
  }
}

function withoutSource(word: StrongWord): Verdict | null {
  switch (word.kind) {
    case 'quantifier':
      return word.strength >= 0.85 ? { word, instead: 'no cited source text shows that; narrow it (e.g. "many", "most") or cite a source that says so' } : null;
    case 'booster':
      return { word, instead: 'no cited source text shows that; say "suggests" or "indicates", or cite the proof' };
    case 'scope':
      return { word, instead: 'no cited source text shows that reach; say where it was found' };
    case 'causal':
      return null;
    case 'primacy':
      return { word, instead: 'no cited source text singles it out; say "a cause" or "one factor"' };
  }
}

export const overgeneralisedClaim: Rule = {
  meta: {
    id: 'overgeneralised-claim',
    defaultSeverity: 'warning',
    description:
      'A claim stated more broadly than the evidence: universal quantifiers, certainty boosters, sweeping scope, or (against source text) a quantifier, certainty, scope or causal wording stronger than the source.',
    examples: {
      ok: [
        'Advocates argue that all offenders escape justice.',
        'Not all offenders escape justice.',
        'Some offenders may escape justice.',
        {
          document: 'Most users turned the feature off [1].',
          references: [{ id: '1', excerpts: ['68% of users turned the feature off within a week.'] }],
        },
        {
          document: 'About a fifth of food available to consumers worldwide is wasted [1].',
          references: [{ id: '1', title: 'Global food waste index', excerpts: ['Almost one-fifth of all food available to consumers was wasted in 2022.'] }],
        },
        {
          document: 'Smoking is the leading cause of lung cancer [1].',
          references: [{ id: '1', excerpts: ['Smoking remains the leading cause of lung cancer, linked to most cases.'] }],
        },
      ],
      notOk: [
        'Every offender escapes justice.',
        'The data undeniably prove the policy failed.',
        {
          document: 'Most incidents reach the police [1].',
          references: [{ id: '1', excerpts: ['Only about one-third of incidents come to the attention of the police.'] }],
        },
        {
          document: 'Refusing to expand Medicaid is the root cause of rural hospital closures [1].',
          references: [{ id: '1', excerpts: ['Hospitals in states that did not expand Medicaid were more likely to close, one of several factors associated with closure.'] }],
        },
        {
          document: 'Scale will inevitably bring tidal power below that price [1].',
          references: [{ id: '1', excerpts: ['The sector has demonstrated that its technology works; costs could fall below that price with scale.'] }],
        },
        {
          document: 'Screen time causes anxiety in teenagers [1].',
          references: [{ id: '1', excerpts: ['Heavy screen time is associated with higher anxiety scores among teenagers.'] }],
        },
      ],
    },
  },
  check(context) {
    // A long snapshot is read for a reach once per set of cited sources, not once per claim.
    const reach = new Map<string, boolean>();
    for (const claim of context.claims) {
      const { strong, hedged } = readClaimWording(claimProse(claim));
      if (hedged || strong.length === 0) continue;
      const support = context.support.get(claim.id);
      const verdicts: Verdict[] = [];
      if (support?.status === 'supported' && context.evidence) {
        const { reading, passage } = sourceWording(support.best, context.evidence);
        const refs = new Set(claim.citations.map((c) => c.id));
        const titles = (context.registry?.references ?? []).filter((r) => refs.has(r.id)).map((r) => r.title ?? '');
        const against: Against = {
          reading,
          passage: passage?.passage.text ?? '',
          cited: citedIds(claim),
          nearText: support.best.map((m) => m.passage.text).join(' ').toLowerCase(),
          reaches: (family) => {
            const key = `${family} ${[...refs].sort().join(' ')}`;
            let answer = reach.get(key);
            if (answer === undefined) {
              answer = speaksAt(family, [...titles, ...[...refs].flatMap((id) => context.evidence?.passages(id).map((p) => p.text) ?? [])].join(' '));
              reach.set(key, answer);
            }
            return answer;
          },
        };
        for (const word of strong) {
          const verdict = againstSource(word, against);
          if (verdict) verdicts.push(verdict);
        }
      } else {
        // A claim citing the wrong source may still word what the right one says ("every
        // library authority has a duty"): that is a mis-citation, not an over-generalisation.
        const alternative = support?.status === 'unsupported' ? support.alternative : null;
        const text = alternative?.passage.text ?? '';
        const elsewhere: Against | null =
          alternative && context.evidence ? { reading: sourceWording([alternative], context.evidence).reading, passage: text, cited: '', nearText: text.toLowerCase(), reaches: (family) => speaksAt(family, text) } : null;
        for (const word of strong) {
          if (elsewhere && againstSource(word, elsewhere) === null) continue;
          const verdict = withoutSource(word);
          if (verdict) verdicts.push(verdict);
        }
      }
      if (verdicts.length === 0) continue;
      const first = verdicts[0] as Verdict;
      const words = [...new Set(verdicts.map((v) => `"${v.word.phrase}"`))].join(', ');
      context.report({
        message: `Over-generalised: ${words} in ${quote(claim)} — ${first.instead}`,
        start: positionIn(claim, first.word.start),
        end: positionIn(claim, (verdicts[verdicts.length - 1] as Verdict).word.end),
        claimId: claim.id,
        ref: claim.citations[0]?.id ?? null,
      });
    }
  },
};
