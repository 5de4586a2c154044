import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import {
  type MarkerDraft,
  type MarkerOptions,
  parseBracketContent,
  scanMarkers,
} from './markers.js';

/** Where a block stands in the document's structure. */
export interface BlockContext {
  /** Which blockquote the block stands in (outermost), or null. */
  quote: number | null;
  listItem: boolean;
  /** A table cell; `header` for the first row. */
  cell: 'header' | 'body' | null;
  /** Nesting under root: only root paragraphs can be stand-alone section labels. */
  topLevel: boolean;
}

/**
 * A paragraph, heading or table cell, with a `view` of its text: the same length as the source
 * slice, so offsets carry over unchanged, but with everything that is not prose (markup, URLs,
 * HTML, markers) blanked and code turned into an opaque word. Sentence splitting reads the view.
 */
export interface Block {
  kind: 'paragraph' | 'heading' | 'cell';
  depth: number;
  start: number;
  end: number;
  view: string;
  markers: MarkerDraft[];
  context: BlockContext;
  /** A heading's text without markup ("After *Chevron*" → "After Chevron"). */
  plain?: string;
}

export interface Definitions {
  /** Link definitions by normalised label: `[1]: https://…`. */
  links: Map<string, { url: string; title: string | null }>;
}

export interface CollectedBlocks {
  blocks: Block[];
  /** HTML nodes in document order, for `<!-- citecheck-… -->` directives. */
  html: { value: string; start: number; end: number }[];
}

const offsetsOf = (node: Nodes): [number, number] | null => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : [start, end];
};

export function collectBlocks(
  tree: Root,
  text: string,
  definitions: Definitions,
  options: MarkerOptions,
): CollectedBlocks {
  const blocks: Block[] = [];
  const html: CollectedBlocks['html'] = [];
  const makeBlock = blockMaker(text, definitions, options, html);

  let quotes = 0;
  // An explicit stack, not recursion: a briefing may nest lists or quotes thousands deep.
  const stack: [RootContent | Root, BlockContext][] = [[tree, { quote: null, listItem: false, cell: null, topLevel: true }]];
  while (stack.length > 0) {
    const [node, context] = stack.pop() as [RootContent | Root, BlockContext];
    switch (node.type) {
      case 'root':
      case 'blockquote':
      case 'list':
      case 'listItem': {
        const inner: BlockContext = {
          ...context,
          quote: context.quote ?? (node.type === 'blockquote' ? quotes++ : null),
          listItem: context.listItem || node.type === 'listItem',
          topLevel: node.type === 'root',
        };
        for (let i = node.children.length - 1; i >= 0; i--) {
          const child = node.children[i];
          if (child) stack.push([child, inner]);
        }
        break;
      }
      case 'paragraph':
      case 'heading': {
        const block = makeBlock(node, node.type, node.type === 'heading' ? node.depth : 0, context);
        if (block && node.type === 'heading') block.plain = toString(node);
        if (block) blocks.push(block);
        break;
      }
      case 'table': {
        node.children.forEach((row, index) => {
          for (const cell of row.children) {
            const block = makeBlock(cell, 'cell', 0, { ...context, topLevel: false, cell: index === 0 ? 'header' : 'body' });
            if (block) blocks.push(block);
          }
        });
        break;
      }
      case 'html': {
        const at = offsetsOf(node);
        if (at) html.push({ value: node.value, start: at[0], end: at[1] });
        break;
      }
      default:
        // Code, definitions, footnote definitions, front matter and rules hold no claims.
        break;
    }
  }
  return { blocks, html };
}

function blockMaker(text: string, definitions: Definitions, options: MarkerOptions, html: CollectedBlocks['html']) {
  return (node: Parent & Nodes, kind: Block['kind'], depth: number, context: BlockContext): Block | null => {
    const at = offsetsOf(node);
    if (!at) return null;
    const [start, end] = at;
    const view = new Painter(text, start, end);
    const markers: MarkerDraft[] = [];
    paintInline(node.children as PhrasingContent[], { text, view, markers, definitions, options, html, inLink: false });
    // An in-text citation is the subject or object of its sentence ("@smith2020 found …"): it stays.
    for (const marker of markers) if (!marker.inText) view.blank(marker.start, marker.end);
    markers.sort((a, b) => a.start - b.start);
    return { kind, depth, start, end, view: view.toString(), markers, context };
  };
}

/** Builds a block's view: starts blank (line breaks kept) and gets prose painted in. */
class Painter {
  private readonly chars: string[];
  constructor(
    private readonly text: string,
    private readonly start: number,
    end: number,
  ) {
    this.chars = [];
    for (let i = start; i < end; i++) {
      const c = text[i] ?? ' ';
      this.chars.push(c === '\n' || c === '\r' ? c : ' ');
    }
  }
  prose(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = this.text[i] ?? ' ';
      // A hard break's backslash or a stray tab is layout, not prose.
      this.chars[i - this.start] = c === '\t' ? ' ' : c;
    }
  }
  /** Code and bare URLs read as one word, so their periods end no sentence. */
  opaque(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = this.text[i] ?? ' ';
      if (c !== '\n' && c !== '\r') this.chars[i - this.start] = 'x';
    }
  }
  blank(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = this.chars[i - this.start];
      if (c !== '\n' && c !== '\r') this.chars[i - this.start] = ' ';
    }
  }
  toString(): string {
    return this.chars.join('');
  }
}

interface PaintState {
  text: string;
  view: Painter;
  markers: MarkerDraft[];
  definitions: Definitions;
  options: MarkerOptions;
  html: CollectedBlocks['html'];
  inLink: boolean;
}

function paintInline(nodes: PhrasingContent[], state: PaintState): void {
  for (const node of nodes) {
    const at = offsetsOf(node);
    if (!at) continue;
    const [start, end] = at;
    switch (node.type) {
      case 'text':
        state.view.prose(start, end);
        // One by one: 130,000 markers in one text run spread into push overflow the stack.
        if (!state.inLink) for (const marker of scanMarkers(state.text, start, end, state.options)) state.markers.push(marker);
        break;
      case 'inlineCode':
        state.view.opaque(start, end);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
        paintInline(node.children, state);
        break;
      case 'link': {
        const label = toString(node);
        if (label === node.url || label === node.url.replace(/^mailto:/, '')) {
          state.view.opaque(start, end); // an autolink: the URL is the text
          break;
        }
        const marker = state.inLink ? null : linkedMarker(label, node.url, start, end, state.options);
        if (marker) state.markers.push(marker);
        else paintInline(node.children, { ...state, inLink: true });
        break;
      }
      case 'linkReference': {
        const raw = state.text.slice(start, end);
        const markers = state.inLink ? [] : scanMarkers(state.text, start, end, state.options);
        // `[1]` with a `[1]: https://…` definition (or `[1][2]`, which CommonMark reads as one
        // reference link) is a marker whose definition says what the source is.
        if (markers.length > 0 && markers.reduce((n, m) => n + (m.end - m.start), 0) + countSpaces(raw) === raw.length) {
          for (const m of markers) {
            const def = state.definitions.links.get(m.ids[0] ?? '');
            if (m.form === 'bracket' && def) {
              m.form = 'reference';
              m.url = def.url;
            }
            state.markers.push(m);
          }
        } else {
          paintInline(node.children, { ...state, inLink: true });
        }
        break;
      }
      case 'footnoteReference':
        state.markers.push({ start, end, form: 'footnote', ids: [node.label ?? node.identifier] });
        break;
      case 'html':
        state.html.push({ value: node.value, start, end });
        break;
      case 'break':
        break;
      default:
        // Images and anything else inline: not prose.
        break;
    }
  }
}

const countSpaces = (s: string): number => {
  let n = 0;
  for (const c of s) if (c === ' ') n++;
  return n;
};

/** `[[3]](url)` or `[3](url)`: a link whose text is a reference number. */
function linkedMarker(
  label: string,
  url: string,
  start: number,
  end: number,
  options: MarkerOptions,
): MarkerDraft | null {
  const inner = label.startsWith('[') && label.endsWith(']') ? label.slice(1, -1) : label;
  if (inner.trim().startsWith('@')) return null;
  const parsed = parseBracketContent(inner, options);
  if (parsed === null || parsed.kind !== 'ids' || parsed.ids.length === 0) return null;
  return { start, end, form: 'linked', ids: parsed.ids, url };
}
