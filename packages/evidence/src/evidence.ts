import type { Claim, ClaimEvidence, Evidence, Passage, PassageMatch, Registry } from '@citecheck/model';
import MiniSearch from 'minisearch';
import { extractFigures, type Figure } from './figures.js';
import { toPassages } from './passages.js';
import type { SourceTexts } from './source-text.js';
import { memoize } from './memo.js';
import { contentTerms } from './terms.js';
import { type PassageWording, readPassageWording, wordingTerms } from './wording.js';

/** What a claim is about: its content terms, without the words that only say how strongly. */
// Figures are left out too: whether they match is unsupported-number's question, and a wrong
// figure should not make a claim about the right subject look unsupported.
const aboutTerms = memoize((text: string): readonly string[] => [...new Set(contentTerms(text).filter((t) => !wordingTerms.has(t) && !/^\d/.test(t)))], 1_000);

/**
 * Thresholds on the IDF-weighted share of a claim's content terms that a passage covers, tuned
 * on fixtures/gold/tune (see the README's "Claim verification" section for the figures).
 */
export interface Thresholds {
  /** At or above: the cited sources back the claim. */
  support: number;
  /** An uncited source must cover at least this much … */
  alternative: number;
  /** … and this much more than the best cited passage, to be named as a better source. */
  margin: number;
}

export const defaultThresholds: Thresholds = { support: 0.18, alternative: 0.45, margin: 0.35 };

const CANDIDATES = 8;
// Up to this many passages are scored one by one; more go through the index.
const DIRECT_LIMIT = 200;
// The rarest claim terms make a selective query; common ones only slow the search down.
const QUERY_TERMS = 6;

/**
 * Does a passage's term set cover this claim term? Exactly, or as a stem that one extends
 * ("sugar" / "sugari", "regul" / "regulatori"): the stemmer leaves such pairs apart.
 */
function covers(terms: ReadonlySet<string>, term: string): boolean {
  if (terms.has(term)) return true;
  if (term.length < 4) return false;
  for (const t of terms) {
    if (t.length >= 4 && (t.startsWith(term) || term.startsWith(t))) return true;
  }
  return false;
}

/** A registry's source text, split into passages and indexed once, shared by every claim. */
export class EvidenceIndex implements Evidence {
  readonly problems: readonly { refId: string; message: string }[];
  private readonly all: Passage[] = [];
  private readonly byRef = new Map<string, Passage[]>();
  private readonly terms: Set<string>[] = [];
  private readonly df = new Map<string, number>();
  private readonly figureCache = new Map<Passage, Figure[]>();
  private readonly position = new Map<Passage, number>();
  private readonly refFigureCache = new Map<string, { figure: Figure; passage: Passage }[]>();
  private readonly wordingCache = new Map<Passage, PassageWording>();
  private readonly index: MiniSearch<{ id: number; terms: string }>;

  constructor(sources: SourceTexts) {
    this.problems = sources.problems;
    for (const [refId, texts] of sources.texts) {
      const passages = toPassages(refId, texts);
      this.byRef.set(refId, passages);
      // One by one: ~125,000 passages spread into push overflow the stack.
      for (const passage of passages) this.all.push(passage);
    }
    const termLists: string[][] = [];
    for (const passage of this.all) {
      this.position.set(passage, this.terms.length);
      const list = contentTerms(passage.text);
      termLists.push(list);
      const terms = new Set(list);
      this.terms.push(terms);
      for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    // Each passage's terms are already worked out: the index is handed them, not the text again.
    this.index = new MiniSearch({ fields: ['terms'], tokenize: (id) => termLists[Number(id)] ?? [], processTerm: (t) => t });
    this.index.addAll(this.all.map((_, id) => ({ id, terms: String(id) })));
  }

  hasText(refId: string): boolean {
    return (this.byRef.get(refId)?.length ?? 0) > 0;
  }

  passages(refId: string): readonly Passage[] {
    return this.byRef.get(refId) ?? [];
  }

  /** The figures a passage states, extracted once. */
  figures(passage: Passage): Figure[] {
    let figures = this.figureCache.get(passage);
    if (figures === undefined) {
      figures = extractFigures(passage.text);
      this.figureCache.set(passage, figures);
    }
    return figures;
  }

  /** Every figure a reference's text states, with its passage: extracted once per reference. */
  refFigures(refId: string): readonly { figure: Figure; passage: Passage }[] {
    let figures = this.refFigureCache.get(refId);
    if (figures === undefined) {
      figures = this.passages(refId).flatMap((passage) => this.figures(passage).map((figure) => ({ figure, passage })));
      this.refFigureCache.set(refId, figures);
    }
    return figures;
  }

  /** What a passage commits to (shares, cause, proof, scope), read once per passage. */
  wording(passage: Passage): PassageWording {
    let wording = this.wordingCache.get(passage);
    if (wording === undefined) {
      wording = readPassageWording(passage.text);
      this.wordingCache.set(passage, wording);
    }
    return wording;
  }

  private idf(term: string): number {
    return Math.log(1 + this.all.length / (1 + (this.df.get(term) ?? 0)));
  }

  /**
   * Passages of the given references (all when null) that cover the claim best. Candidates come
   * from the BM25 index, so the cost grows with the matches, not with claims × passages.
   */
  /** The IDF-weighted share of the text's content terms that the passages cover together. */
  coverage(text: string, passages: readonly Passage[]): number {
    const claimTerms = aboutTerms(text);
    const total = claimTerms.reduce((sum, t) => sum + this.idf(t), 0);
    if (total === 0) return 0;
    const covered = new Set(passages.flatMap((p) => [...(this.terms[this.position.get(p) ?? -1] ?? [])]));
    return claimTerms.reduce((sum, t) => sum + (covers(covered, t) ? this.idf(t) : 0), 0) / total;
  }

  match(text: string, refIds: ReadonlySet<string> | null, limit = 3): PassageMatch[] {
    const claimTerms = aboutTerms(text);
    const total = claimTerms.reduce((sum, t) => sum + this.idf(t), 0);
    if (total === 0) return [];
    // A claim is matched against its cited sources, each of them, and the rest of the registry:
    // a passage scored for it once is not scored again.
    if (this.scores.text !== text) this.scores = { text, byPassage: new Map() };
    const known = this.scores.byPassage;
    const scored: PassageMatch[] = [];
    for (const id of this.candidates(claimTerms, refIds)) {
      let score = known.get(id);
      if (score === undefined) {
        score = this.score(id, claimTerms, total);
        known.set(id, score);
      }
      scored.push({ passage: this.all[id] as Passage, score });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private scores: { text: string; byPassage: Map<number, number> } = { text: '', byPassage: new Map() };

  private score(id: number, claimTerms: readonly string[], total: number): number {
    const own = this.terms[id] as Set<string>;
    // A claim may paraphrase two adjacent sentences of its source: score the pair as well.
    const next = this.all[id + 1]?.refId === this.all[id]?.refId ? this.terms[id + 1] : undefined;
    const cover = (has: (t: string) => boolean): number => claimTerms.reduce((sum, t) => sum + (has(t) ? this.idf(t) : 0), 0) / total;
    return Math.max(cover((t) => covers(own, t)), next ? 0.95 * cover((t) => covers(own, t) || covers(next, t)) : 0);
  }

  /**
   * Passages worth scoring. The cited sources' passages are few, so all of them; across the
   * whole registry, the BM25 index's best hits for the claim's rarest terms, so the cost grows
   * with the matches, not with claims × passages.
   */
  private candidates(claimTerms: readonly string[], refIds: ReadonlySet<string> | null): number[] {
    if (refIds !== null) {
      const own = [...refIds].flatMap((id) => this.byRef.get(id) ?? []);
      if (own.length <= DIRECT_LIMIT) return own.map((p) => this.position.get(p) ?? -1).filter((i) => i >= 0);
    }
    // Terms in many passages select nothing and cost a pass over all of them each: leave them out.
    const selective = Math.max(50, 0.05 * this.all.length);
    const rarest = claimTerms
      .filter((t) => (this.df.get(t) ?? 0) <= selective)
      .sort((a, b) => this.idf(b) - this.idf(a))
      .slice(0, QUERY_TERMS);
    if (rarest.length === 0) return [];
    const hits = this.index.search(rarest.join(' '), {
      combineWith: 'OR',
      tokenize: (q) => q.split(' '),
      processTerm: (t) => t,
      filter: (hit) => refIds === null || refIds.has(this.all[hit.id as number]?.refId ?? ''),
    });
    return hits.slice(0, CANDIDATES).map((hit) => hit.id as number);
  }
}

export function buildEvidence(sources: SourceTexts): EvidenceIndex | null {
  return sources.texts.size === 0 && sources.problems.length === 0 ? null : new EvidenceIndex(sources);
}

/**
 * Text of a claim without its markers, which are not part of what it says: each marker becomes
 * spaces, so offsets still line up. One pass over the markers in order, however many there are.
 */
export const claimProse = (claim: Claim): string => prose.get(claim) ?? blankMarkers(claim);

const prose = new WeakMap<Claim, string>();

function blankMarkers(claim: Claim): string {
  const base = claim.start.offset;
  const pieces: string[] = [];
  let at = 0;
  for (const marker of [...claim.markers].sort((a, b) => a.start.offset - b.start.offset)) {
    const from = Math.max(at, marker.start.offset - base);
    const to = Math.max(from, marker.end.offset - base);
    pieces.push(claim.text.slice(at, from), ' '.repeat(to - from));
    at = to;
  }
  pieces.push(claim.text.slice(at));
  const text = pieces.join('');
  prose.set(claim, text);
  return text;
}

/** What the sources say about each claim: worked out once, read by every rule and by coverage. */
export function verifyClaims(
  claims: readonly Claim[],
  registry: Registry | null,
  evidence: EvidenceIndex | null,
  thresholds: Thresholds = defaultThresholds,
): Map<number, ClaimEvidence> {
  const out = new Map<number, ClaimEvidence>();
  const known = new Set(registry?.references.map((r) => r.id) ?? []);
  for (const claim of claims) {
    const cited = new Set(claim.citations.map((c) => c.id).filter((id) => known.has(id)));
    if (claim.citations.length === 0) {
      out.set(claim.id, { claimId: claim.id, status: 'uncited', score: 0, best: [], alternative: null, backedBy: [] });
      continue;
    }
    const withText = [...cited].filter((id) => evidence?.hasText(id));
    if (evidence === null || withText.length === 0) {
      out.set(claim.id, { claimId: claim.id, status: 'unverifiable', score: 0, best: [], alternative: null, backedBy: [] });
      continue;
    }
    const prose = claimProse(claim);
    const best = evidence.match(prose, new Set(withText), 5);
    // A claim citing several sources may take a clause from each: score their best passages together.
    // A claim may draw on a few sentences of a source, or a clause from each of several
    // sources: score the best passages of each cited source together too.
    const perSource =
      withText.length === 1 ? best.slice(0, 2).map((m) => m.passage) : withText.flatMap((id) => evidence.match(prose, new Set([id]), 2).map((m) => m.passage));
    const top = Math.max(best[0]?.score ?? 0, 0.9 * evidence.coverage(prose, perSource));
    // Sources without text may hold what the others lack: then the claim is unverifiable, not unsupported.
    const allHaveText = withText.length === cited.size && cited.size === new Set(claim.citations.map((c) => c.id)).size;
    const others = new Set([...known].filter((id) => !cited.has(id) && evidence.hasText(id)));
    const alt = others.size > 0 ? (evidence.match(prose, others, 1)[0] ?? null) : null;
    const alternative = alt !== null && alt.score >= thresholds.alternative && alt.score - top >= thresholds.margin ? alt : null;
    // A claim another source backs far better is taken from that source: the cited one does not back it.
    const status = top >= thresholds.support && alternative === null ? 'supported' : allHaveText ? 'unsupported' : 'unverifiable';
    out.set(claim.id, { claimId: claim.id, status, score: top, best, alternative, backedBy: status === 'supported' ? backers(withText, best, perSource, thresholds) : [] });
  }
  return out;
}

/**
 * The cited sources that back a supported claim: those whose own best passage reaches the
 * support threshold, or, when only their passages together do, every source that contributed one.
 */
function backers(withText: string[], best: PassageMatch[], perSource: Passage[], thresholds: Thresholds): string[] {
  const alone = withText.filter((id) => best.some((m) => m.passage.refId === id && m.score >= thresholds.support));
  if (alone.length > 0) return alone;
  const contributed = new Set([best[0]?.passage.refId, ...perSource.map((p) => p.refId)]);
  return withText.filter((id) => contributed.has(id));
}
