/**
 * The one model every citecheck stage shares. Parsing produces Claims and
 * Citations, the registry produces References, rules produce Findings; nothing
 * downstream re-derives what an earlier stage computed.
 */

/** A place in a file as an editor shows it: 1-based line and column, 0-based offset. */
export interface Position {
  line: number;
  column: number;
  /** UTF-16 code units from the start of the text (after a UTF-8 BOM, which editors hide). */
  offset: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** How a marker was written; kept so messages can quote the author's own form. */
export type MarkerForm =
  | 'bracket' // [1], [1, 3], [2-4]
  | 'linked' // [[3]](https://…)
  | 'footnote' // [^3]
  | 'pandoc' // [@key; @other]
  | 'reference' // [1] with a [1]: https://… definition
  | 'superscript' // ¹²
  | 'glued' // "…points.1" (a plain digit glued after the period, as Gemini exports)
  | 'token'; // a private-use citation token of a chat export (U+E200 cite U+E202 turn9view0 U+E201)

/**
 * The highest number a bracket marker reads as a citation: `[1000]` and up are years or data.
 * A registry id above it can only be cited as a footnote (`[^1000]`).
 */
export const MAX_NUMBERED_ID = 999;

/** One marker as written in the text, which may cite several ids. */
export interface Marker extends Span {
  raw: string;
  form: MarkerForm;
  /** Reference ids in the order written; empty when the marker is malformed. */
  ids: string[];
  /** The URL a linked marker or a defined reference points to: evidence of what the id is. */
  url?: string;
  /** Set when the marker does not parse; says what is wrong with it. */
  problem?: string;
}

/** One reference id cited by a claim, with the marker that cites it. */
export interface Citation {
  id: string;
  marker: Marker;
}

export interface Claim extends Span {
  id: number;
  /** The claim as written, markers included: exactly the file's text between start and end. */
  text: string;
  /** The nearest title above the claim (Markdown heading or dialect title line). */
  section: string | null;
  citations: Citation[];
  /** Every marker inside the claim, including malformed ones. */
  markers: Marker[];
  /** The author wrote `[citation needed]` (or similar) on this claim. */
  citationNeeded: boolean;
}

/** A title line: Markdown heading, or a dialect title/label line. */
export interface Title extends Span {
  text: string;
  depth: number;
}

export type ReferenceKind =
  | 'peer-reviewed'
  | 'government'
  | 'news'
  | 'advocacy'
  | 'dataset'
  | 'report'
  | 'other';

export interface Reference {
  id: string;
  title?: string;
  url?: string;
  publisher?: string;
  date?: string;
  kind?: ReferenceKind;
  excerpts?: string[];
  snapshot?: string;
  /** Where the entry is defined, so findings about it can point there. */
  origin?: { file: string } & Partial<Span>;
}

export interface Registry {
  /** The file the registry came from, or the document itself for an in-document list. */
  file: string;
  /** How the registry was found, in the SPEC's discovery order. */
  via: 'option' | 'front-matter' | 'sibling' | 'folder' | 'document';
  references: Reference[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Set on every finding about a claim. */
  claimId: number | null;
  /** Set on every finding about a registry entry or a cited id. */
  ref: string | null;
  /** The file the span points into, when it is not the linted document (a registry entry). */
  file?: string;
}

export interface Coverage {
  claims: number;
  cited: number;
  supported: number;
  unverifiable: number;
}

/** Everything citecheck knows about one linted file. */
export interface FileResult {
  path: string;
  registry: string | null;
  claims: Claim[];
  findings: Finding[];
  coverage: Coverage;
  /** Per claim, in claim order: what its sources say. */
  support: ClaimEvidence[];
  /** The registry's entries, for the source table (entries nothing cites included). */
  references: ReportReference[];
  /** Problems that are not findings (no registry found, etc.): said once, never fatal. */
  notices: string[];
  /**
   * Every file besides the briefing that the result depends on: the registry, its snapshots,
   * and registry files looked for and absent (creating one would change the result).
   */
  inputs: string[];
}

/**
 * A problem that stops citecheck (bad arguments, config or registry): exit code 2.
 * Carries the file and place so the CLI can print them without a stack trace.
 */
export class CitecheckError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, where: { file?: string; line?: number; column?: number } = {}) {
    super(message);
    this.name = 'CitecheckError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  /** `file:line:col: message`, the form editors and terminals make clickable. */
  format(): string {
    if (this.file === undefined) return this.message;
    const place = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    return `${place}: ${this.message}`;
  }
}

/**
 * An in-document switch, `<!-- citecheck-disable RULE -->` and friends. No rule named means
 * every rule. For `disable-next-line` the parser has already resolved `line` to the next line
 * that has text; for the others it is the comment's own line.
 */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  rules: string[];
  line: number;
}

/** A sentence-sized piece of a source's text: what claims are checked against. */
export interface Passage {
  refId: string;
  text: string;
  /** Position among the reference's passages, for quoting neighbours. */
  ordinal: number;
}

export interface PassageMatch {
  passage: Passage;
  /** How much of the claim's content the passage covers, 0 to 1 (IDF-weighted). */
  score: number;
}

/**
 * What the sources say about one claim, worked out once (stage "evidence") and read by every
 * rule and by coverage.
 */
export interface ClaimEvidence {
  claimId: number;
  /**
   * `supported`: a cited source's text backs the claim; `unsupported`: cited sources have text
   * but none backs it; `unverifiable`: no cited source has text; `uncited`: nothing to check.
   */
  status: 'supported' | 'unsupported' | 'unverifiable' | 'uncited';
  /** How much of the claim its cited sources' text covers, 0 to 1 (0 when unchecked). */
  score: number;
  /** Best passages of the cited sources, best first. */
  best: PassageMatch[];
  /** The best passage of a source the claim does not cite, when it beats the cited ones. */
  alternative: PassageMatch | null;
  /** Cited ids whose text backs the claim (empty unless `supported`): the source table's "backs". */
  backedBy: string[];
}

/** The registry's source text, split into passages and indexed once per registry. */
export interface Evidence {
  hasText(refId: string): boolean;
  passages(refId: string): readonly Passage[];
  /** Reference ids whose text could not be read, with why (shown once, not per claim). */
  problems: readonly { refId: string; message: string }[];
}

/** Everything the rules read about one document: no file access, no parsing left to do. */
export interface LintInput {
  path: string;
  claims: Claim[];
  /** Every marker in the prose, also those outside claims. */
  markers: Marker[];
  registry: Registry | null;
  directives: Directive[];
  /** Source text, when any reference has excerpts or a snapshot. */
  evidence?: Evidence | null;
  /** Per claim id: what its sources say. Absent when there is no source text. */
  support?: ReadonlyMap<number, ClaimEvidence>;
}

/**
 * The SPEC's JSON report, the form results travel in between runs: what `--format json`
 * writes, what shards are merged from, what `--baseline` and `--cache` read back, and what
 * every formatter renders. Fields may be added, never renamed or removed.
 */
export interface Report {
  tool: { name: string; version: string };
  files: ReportFile[];
  summary: Summary;
}

export interface ReportFile {
  path: string;
  registry: string | null;
  claims: ReportClaim[];
  findings: Finding[];
  coverage: Coverage;
  /** The registry's entries as the source table lists them. */
  references: ReportReference[];
}

export interface ReportClaim extends Span {
  id: number;
  text: string;
  section: string | null;
  citations: string[];
  /** What the cited sources' text says about the claim (see ClaimEvidence). */
  support: ClaimEvidence['status'];
  /** Cited ids whose text backs the claim. */
  backedBy: string[];
}

export interface ReportReference {
  id: string;
  title: string | null;
  url: string | null;
  /** The entry has text (excerpts or a readable snapshot) that claims can be checked against. */
  hasText: boolean;
}

export interface Summary {
  files: number;
  claims: number;
  cited: number;
  supported: number;
  findings: Record<Severity, number>;
}

/** What a formatter says about a rule (SARIF's rule descriptors, JUnit's test names). */
export interface RuleDoc {
  id: string;
  defaultSeverity: Severity;
  /** One line. */
  description: string;
  /** How to fix, with a failing and a passing example. */
  help: { text: string; markdown: string };
}
export { closestName, editDistance } from './suggest.js';
export { sentencePieces } from './text-pieces.js';
