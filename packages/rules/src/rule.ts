import type { Claim, ClaimEvidence, Finding, LintInput, Marker, Position, Reference, Severity } from '@citecheck/model';
import type { EvidenceIndex } from '@citecheck/evidence';

/**
 * A document, or a document with the registry it is checked against (for rules that read
 * source text). Without references, the document's own source list is its registry.
 */
export type RuleExample = string | { document: string; references: { id: string; title?: string; excerpts?: string[]; snapshot?: string }[] };

/** Documentation that doubles as tests: every `ok` document must pass, every `notOk` must not. */
export interface RuleExamples {
  ok: RuleExample[];
  notOk: RuleExample[];
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line, shown in `--help`, SARIF and the README's rule table. */
  description: string;
  examples: RuleExamples;
}

/** What a rule reports; the kernel adds the rule id and the configured severity. */
export type Report = Omit<Finding, 'ruleId' | 'severity'>;

export interface RuleContext extends Omit<LintInput, 'evidence' | 'support'> {
  /** The registry's source text, or null when no reference has any. */
  evidence: EvidenceIndex | null;
  /** Per claim: what its cited sources say (empty without source text). */
  support: ReadonlyMap<number, ClaimEvidence>;
  report(finding: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Text cut at a word boundary near `max` characters, so a quotation reads as the author's words. */
function shorten(text: string, max: number, trimTrailing: boolean): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  const head = text.slice(0, cut > max / 2 ? cut : max - 1);
  return `${trimTrailing ? head.replace(/[\s,;:]+$/, '') : head}…`;
}

/** A short quotation of a claim for messages: enough to find it, not the whole paragraph. */
export function quote(claim: Claim, max = 60): string {
  return `"${shorten(claim.text.replace(/\s+/g, ' ').trim(), max, true)}"`;
}

export function findingForClaim(claim: Claim, message: string): Report {
  return { message, start: claim.start, end: claim.end, claimId: claim.id, ref: null };
}

export function findingForMarker(marker: Marker, claim: Claim | undefined, ref: string | null, message: string): Report {
  return { message, start: marker.start, end: marker.end, claimId: claim?.id ?? null, ref };
}

/**
 * A finding about a registry entry, placed where the entry is written: in the registry file
 * (`file` set, so editors open it), or in the document for its own source list. An entry with
 * no known place (pandoc's inline references) is reported at the document's first claim.
 */
export function findingForReference(ref: Reference, context: Pick<RuleContext, 'registry' | 'claims'>, message: string): Report {
  const origin = ref.origin;
  const registry = context.registry;
  const inDocument = registry?.via === 'document' && origin?.file === registry.file;
  const fallback = context.claims[0]?.start ?? { line: 1, column: 1, offset: 0 };
  const place = origin?.start && origin.end ? { start: origin.start, end: origin.end } : { start: fallback, end: fallback };
  return { message, ...place, claimId: null, ref: ref.id, ...(origin?.start && !inDocument && registry ? { file: registry.file } : {}) };
}

/** "1–11" or "1–5, 7, smith2020": what the registry does have, for messages. */
export function describeIds(references: Reference[]): string {
  const numbers = references.map((r) => r.id).filter((id) => /^\d+$/.test(id)).map(Number).sort((a, b) => a - b);
  const keys = references.map((r) => r.id).filter((id) => !/^\d+$/.test(id));
  const runs: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j++;
    runs.push(i === j ? String(numbers[i]) : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  const all = [...runs, ...keys.slice(0, 8)];
  if (keys.length > 8) all.push('…');
  return all.length === 0 ? 'none' : all.join(', ');
}

/** A passage quoted in a message: short, whole words, in quotation marks. */
export function quotePassage(text: string, max = 110): string {
  return `"${shorten(text, max, false)}"`;
}

/** "[3]" or "[3] [5]": the claim's cited ids as a reader would write them. */
export function citedIds(claim: Claim): string {
  return [...new Set(claim.citations.map((c) => c.id))].map((id) => `[${id}]`).join(' ');
}

/** The position of an offset inside a claim's text (claims may span lines). */
export function positionIn(claim: Claim, offset: number): Position {
  let line = claim.start.line;
  let column = claim.start.column;
  for (let i = 0; i < offset; i++) {
    const c = claim.text[i];
    if (c === '\n' || (c === '\r' && claim.text[i + 1] !== '\n')) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column, offset: claim.start.offset + offset };
}
