import type { Citation, Claim, Directive, Marker, Reference, Title } from '@citecheck/model';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { type Block, collectBlocks, type Definitions } from './blocks.js';
import { readDirectives } from './directives.js';
import { lexicon } from './lexicon.js';
import { parseMarkdown, readFrontMatter } from './markdown.js';
import { defaultMarkerOptions, type MarkerDraft, type MarkerOptions, scanGluedMarkers } from './markers.js';
import { type ListEntry, parseListLine, toReferences } from './reference-list.js';
import { splitSentences, type SentenceSpan } from './sentences.js';
import { createLocator, type Locator, visibleText } from './source.js';
import { endsSentence, isLabel, isTitleLine, type Line, linesOf, normaliseHeading, titleText } from './titles.js';
import { classifySentence, isSourceQuote } from './classify.js';

export interface ParseOptions {
  /** Path shown in reference origins. */
  file?: string;
  markers?: Partial<MarkerOptions>;
}

/** What the parse stage knows about a briefing; every later stage reads this, never the text again. */
export interface ParsedBriefing {
  /** The text as the editor shows it (BOM removed); every offset points into it. */
  text: string;
  claims: Claim[];
  titles: Title[];
  /** Every marker in the prose, also those outside claims (in labels or dropped sentences). */
  markers: Marker[];
  /** The document's own source list: link and footnote definitions, numbered lists under a
   * "Sources"-like heading, `[n] url` lines, and URLs of linked markers. */
  references: Reference[];
  frontMatter: Record<string, unknown> | null;
  directives: Directive[];
  /** Things worth telling the user that are not findings (unreadable front matter, …). */
  notices: string[];
}

/** Dialect title lines and labels rank below every Markdown heading. */
const LABEL_DEPTH = 7;

interface Region {
  start: number;
  end: number;
}

export function parseBriefing(raw: string, options: ParseOptions = {}): ParsedBriefing {
  const file = options.file ?? '<input>';
  const markerOptions: MarkerOptions = { ...defaultMarkerOptions, ...options.markers };
  const text = visibleText(raw);
  const locator = createLocator(text);
  const tree = parseMarkdown(text, file);
  const notices: string[] = [];
  const frontMatter = readFrontMatter(tree, notices);

  const definitions: Definitions = { links: new Map() };
  const entries: ListEntry[] = [];
  collectDefinitions(tree, text, definitions, entries);

  let { blocks, html } = collectBlocks(tree, text, definitions, markerOptions);
  // Pandoc's in-text citations (`@smith2020 argues`) exist only where pandoc citations do: a
  // bibliography in the front matter, or a bracketed `[@key]` somewhere in the text.
  if (!markerOptions.inText && (citesWithPandoc(frontMatter) || blocks.some((b) => b.markers.some((m) => m.form === 'pandoc')))) {
    markerOptions.inText = true;
    ({ blocks, html } = collectBlocks(tree, text, definitions, markerOptions));
  }
  const directives = readDirectives(html, text, (offset) => locator.toPosition(offset).line);

  const { titles, excluded, bodies } = layOut(blocks, text, entries, locator);

  // Gemini-style exports cite with bare digits glued after the period; read them only when the
  // document has no other markers and a numbered list to check them against.
  const ownIds = new Set(entries.flatMap((e) => e.ids));
  const hasMarkers = blocks.some((b) => b.markers.length > 0);
  if (!hasMarkers && ownIds.size > 0) {
    for (const block of blocks) {
      if (block.kind === 'heading') continue;
      const glued = scanGluedMarkers(text, block.start, block.end, ownIds);
      if (glued.length === 0) continue;
      for (const marker of glued) block.markers.push(marker);
      const blank = (s: string): string => {
        const chars = s.split('');
        for (const m of glued) for (let i = m.start; i < m.end; i++) chars[i - block.start] = ' ';
        return chars.join('');
      };
      block.view = blank(block.view);
      const body = bodies.get(block);
      if (body !== undefined) bodies.set(block, blank(body));
    }
  }

  const quoteProse = new Map<number, string[]>();
  for (const block of blocks) {
    if (block.context.quote === null) continue;
    const proses = quoteProse.get(block.context.quote) ?? [];
    proses.push(text.slice(block.start, block.end));
    quoteProse.set(block.context.quote, proses);
  }
  const sourceQuotes = new Set([...quoteProse].filter(([, proses]) => isSourceQuote(proses)).map(([id]) => id));

  const claims: Claim[] = [];
  const allMarkers: Marker[] = [];
  for (const block of blocks) {
    const markers = block.markers.map((m) => toMarker(m, text, locator));
    // One by one: a block's markers spread into push overflow the stack past ~125,000.
    for (const marker of markers) allMarkers.push(marker);
    if (block.kind === 'heading' || inside(block.start, excluded)) continue;
    const body = bodies.get(block);
    if (body === undefined) continue;
    const spans = splitSentences(body, block.start);
    const grouped = attachMarkers(spans, block.markers, markers);
    // A paragraph that opens with the agent narrating ("我将为您分析…") narrates throughout.
    let narrating = false;
    spans.forEach((span, index) => {
      const own = grouped[index] ?? [];
      const drafts = own.map((m) => m.draft);
      // A marker that opens the paragraph ("[1] Prices rose.") belongs to the first sentence: the claim spans it too.
      const start = widenStart(drafts.reduce((s, d) => Math.min(s, d.start), span.start), block, text);
      const end = widenEnd(drafts.reduce((e, d) => Math.max(e, d.end), span.end), block, text);
      const claimText = text.slice(start, end);
      const prose = block.view.slice(span.start - block.start, span.end - block.start);
      const citations: Citation[] = [];
      const seen = new Set<string>();
      for (const m of own) {
        for (const id of m.marker.ids) {
          if (m.marker.problem !== undefined || seen.has(id)) continue;
          seen.add(id);
          citations.push({ id, marker: m.marker });
        }
      }
      const verdict = classifySentence({
        prose,
        cited: citations.length > 0 || own.length > 0,
        block,
        sourceQuote: block.context.quote !== null && sourceQuotes.has(block.context.quote),
      });
      if (!verdict.claim) {
        if (index === 0 && verdict.why === 'narration') narrating = true;
        return;
      }
      if (narrating && citations.length === 0) return;
      claims.push({
        id: claims.length,
        text: claimText,
        section: sectionAt(titles, start),
        start: locator.toPosition(start),
        end: locator.toPosition(end),
        citations,
        markers: own.map((m) => m.marker),
        citationNeeded: drafts.some((d) => d.citationNeeded === true),
      });
    });
  }

  for (const marker of allMarkers) {
    if (marker.form !== 'linked' || marker.url === undefined) continue;
    for (const id of marker.ids) entries.push({ ids: [id], url: marker.url, start: marker.start.offset, end: marker.end.offset });
  }

  return {
    text,
    claims,
    titles: titles.map((t) => ({ ...t })),
    markers: allMarkers,
    references: withOrigins(toReferences(entries, file), entries, locator, file),
    frontMatter,
    directives,
    notices,
  };
}

function citesWithPandoc(frontMatter: Record<string, unknown> | null): boolean {
  return frontMatter !== null && (frontMatter.bibliography !== undefined || Array.isArray(frontMatter.references));
}

/** Titles, the regions that hold no claims, and each block's view with its title lines blanked. */
function layOut(blocks: Block[], text: string, entries: ListEntry[], locator: Locator) {
  const titles: Title[] = [];
  const excluded: Region[] = [];
  const bodies = new Map<Block, string>();
  let openList: { depth: number; start: number } | null = null;
  let answerLabelAt = -1;

  const addTitle = (start: number, end: number, prose: string, depth: number): void => {
    titles.push({ text: titleText(prose), depth, start: locator.toPosition(start), end: locator.toPosition(end) });
    const name = normaliseHeading(prose);
    if (openList && depth <= openList.depth) {
      excluded.push({ start: openList.start, end: start });
      openList = null;
    }
    if (lexicon.referenceHeadings.has(name)) openList = { depth, start: end };
    // "ANSWER:" in a log wrapper: what comes before it is the question and the agent's plan.
    if (lexicon.answerStart.has(name) && /^[\p{Lu}\s]+[:：]$/u.test(prose.replace(/[*_]/g, '').trim())) {
      answerLabelAt = end;
    }
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      addTitle(block.start, block.end, block.plain ?? block.view.replace(/\s+/g, ' ').trim(), block.depth);
      continue;
    }
    const lines = linesOf(block.view, block.start);
    const markerIn = (line: Line): boolean => block.markers.some((m) => m.start < line.end && m.end > line.start);
    if (block.kind === 'paragraph' && isReferenceBlock(text, lines)) {
      excluded.push({ start: block.start, end: block.end });
      continue;
    }
    const [first, ...rest] = lines;
    if (block.kind === 'paragraph' && first && rest.length > 0 && lexicon.referenceHeadings.has(normaliseHeading(first.prose)) && isReferenceBlock(text, rest)) {
      // "参考文献：" followed directly by its entries, in one paragraph.
      addTitle(first.start, first.end, first.prose, LABEL_DEPTH);
      excluded.push({ start: block.start, end: block.end });
      continue;
    }
    const view = block.view.split('');
    const blankLine = (line: Line): void => {
      for (let i = line.start; i < line.end; i++) view[i - block.start] = ' ';
    };
    if (lines.length === 1 && block.kind === 'paragraph' && block.context.topLevel && lines[0] && isLabel(lines[0].prose, markerIn(lines[0]))) {
      const line = lines[0];
      // Labels rank below every Markdown heading: they close a source list opened by a label.
      addTitle(line.start, line.end, line.prose, LABEL_DEPTH);
      blankLine(line);
    } else if (block.kind === 'paragraph' && block.context.quote === null) {
      let previousEnded = true;
      lines.forEach((line, index) => {
        const title = isTitleLine(line, lines[index + 1], previousEnded, markerIn(line));
        if (title) {
          addTitle(line.start, line.end, line.prose, LABEL_DEPTH);
          blankLine(line);
        }
        previousEnded = title || endsSentence(line.prose);
      });
    }
    bodies.set(block, view.join(''));
  }
  if (openList !== null) excluded.push({ start: (openList as { start: number }).start, end: text.length });
  if (answerLabelAt !== -1) excluded.push({ start: 0, end: answerLabelAt });

  // Entries of every source list, read line by line from the source as written. A region
  // that starts inside a line (a list item's paragraph) is widened to the whole line, so
  // "1. [Title](url)" keeps its number.
  const listRegions = excluded
    .filter((r) => !(r.start === 0 && r.end === answerLabelAt))
    .map((r) => ({ start: text.lastIndexOf('\n', r.start - 1) + 1, end: r.end }))
    .sort((a, b) => a.start - b.start);
  const merged: Region[] = [];
  for (const r of listRegions) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  for (const region of merged) {
    let offset = region.start;
    for (const line of text.slice(region.start, region.end).split('\n')) {
      const entry = parseListLine(line.replace(/\r$/, ''), offset);
      if (entry) entries.push(entry);
      offset += line.length + 1;
    }
  }
  return { titles, excluded, bodies };
}

/** A paragraph of `[n] url` lines with no heading above it (as OpenAI's exports end). */
function isReferenceBlock(text: string, lines: Line[]): boolean {
  if (lines.length === 0) return false;
  return lines.every((line) => {
    const raw = text.slice(line.rawStart, line.rawEnd);
    const entry = parseListLine(raw, line.rawStart);
    return (entry !== null && entry.url !== undefined) || /^<?https?:\/\/\S+>?$/.test(raw.trim());
  });
}

function inside(offset: number, regions: Region[]): boolean {
  return regions.some((r) => offset >= r.start && offset < r.end);
}

/** The last title at or before the offset; titles are in document order, so a binary search. */
function sectionAt(titles: Title[], offset: number): string | null {
  let lo = 0;
  let hi = titles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((titles[mid]?.start.offset ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : (titles[lo - 1]?.text ?? null);
}

function toMarker(draft: MarkerDraft, text: string, locator: Locator): Marker {
  const marker: Marker = {
    raw: text.slice(draft.start, draft.end),
    form: draft.form,
    ids: draft.ids,
    start: locator.toPosition(draft.start),
    end: locator.toPosition(draft.end),
  };
  if (draft.url !== undefined) marker.url = draft.url;
  if (draft.problem !== undefined) marker.problem = draft.problem;
  return marker;
}

/**
 * Gives each marker to the sentence it stands in; a marker between two sentences (after a
 * final period, before the next sentence starts) belongs to the one before.
 */
function attachMarkers(spans: SentenceSpan[], drafts: MarkerDraft[], markers: Marker[]) {
  const grouped: { draft: MarkerDraft; marker: Marker }[][] = spans.map(() => []);
  if (spans.length === 0) return grouped;
  // Markers and sentences are both in document order: one pass over each.
  let index = 0;
  drafts.forEach((draft, i) => {
    const marker = markers[i];
    if (!marker) return;
    while (index + 1 < spans.length && (spans[index + 1]?.start ?? Infinity) <= draft.start) index++;
    grouped[index]?.push({ draft, marker });
  });
  return grouped;
}

/** Pulls a sentence's start back over markup glued to it (`**Bold** claim`), not over spaces. */
function widenStart(start: number, block: Block, text: string): number {
  let s = start;
  while (s > block.start && block.view[s - 1 - block.start] === ' ' && !/\s/.test(text[s - 1] ?? ' ')) s--;
  return s;
}

function widenEnd(end: number, block: Block, text: string): number {
  let e = end;
  while (e < block.end && block.view[e - block.start] === ' ' && !/\s/.test(text[e] ?? ' ')) e++;
  while (e > block.start && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

function collectDefinitions(tree: Root, text: string, definitions: Definitions, entries: ListEntry[]): void {
  visit(tree, (node) => {
    if (node.type === 'definition') {
      const label = node.label ?? node.identifier;
      definitions.links.set(/^\d+$/.test(label) ? String(Number(label)) : label, { url: node.url, title: node.title ?? null });
      if (/^\d{1,3}$/.test(label) && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
        const entry: ListEntry = { ids: [String(Number(label))], url: node.url, start: node.position.start.offset, end: node.position.end.offset };
        if (node.title) entry.title = node.title;
        entries.push(entry);
      }
    } else if (node.type === 'footnoteDefinition') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const raw = text.slice(start, end);
      const parsed = parseListLine(raw.split('\n')[0] ?? '', start);
      const entry: ListEntry = { ids: [node.label ?? node.identifier], start, end };
      if (parsed?.url !== undefined) entry.url = parsed.url;
      if (parsed?.title !== undefined) entry.title = parsed.title;
      entries.push(entry);
    }
  });
}

function withOrigins(references: Reference[], entries: ListEntry[], locator: Locator, file: string): Reference[] {
  // The first entry of each id, looked up once: a search per reference was quadratic in a file
  // of many footnote definitions.
  const firstEntry = new Map<string, ListEntry>();
  for (const entry of entries) for (const id of entry.ids) if (!firstEntry.has(id)) firstEntry.set(id, entry);
  for (const ref of references) {
    const entry = firstEntry.get(ref.id);
    if (entry) ref.origin = { file, start: locator.toPosition(entry.start), end: locator.toPosition(entry.end) };
  }
  return references;
}
