import { CitecheckError } from '@citecheck/model';
import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';
import { checkCodeSpans, checkNesting, checkTableWidth, MAX_NESTING } from './limits.js';
import { yamlNestingBeyond } from './yaml-depth.js';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

const processor = unified().use(remarkParse).use(remarkRefuseDeepInline).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/**
 * The Markdown tree of `text`, for briefings and Markdown snapshots alike: a CitecheckError
 * placed in `file` when blocks or inline markup nest too deep, or a table is too wide, for the
 * parser and its recursive transforms to finish (see limits.ts).
 */
export function parseMarkdown(text: string, file = '<input>'): Root {
  checkNesting(text, file);
  checkTableWidth(text, file);
  checkCodeSpans(text, file);
  try {
    return processor.parse(text);
  } catch (error) {
    if (error instanceof TooDeep) {
      throw new CitecheckError(
        `emphasis or links nest about ${error.depth} levels deep here (like ***…a***… with thousands of markers); citecheck reads at most ${MAX_NESTING} levels, so this file cannot be linted`,
        { file, line: error.line, column: error.column },
      );
    }
    throw error;
  }
}

class TooDeep extends Error {
  constructor(
    readonly depth: number,
    readonly line: number,
    readonly column: number,
  ) {
    super('inline markup nests too deep');
  }
}

/**
 * Refuses trees whose inline markup (emphasis in emphasis, links in them) nests past
 * MAX_NESTING, before remark-gfm's transforms walk the tree by recursion, which a run of
 * 100,000 `*` on each side of a word (50,000 nested strong) overflows. Walked with a stack.
 */
function remarkRefuseDeepInline(this: Processor): void {
  const data = this.data();
  const extensions = (data.fromMarkdownExtensions ??= []);
  extensions.push({ transforms: [refuseDeepInline] });
}

const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

function refuseDeepInline(tree: Root): undefined {
  const pending: Nest[] = [{ node: tree, depth: 0, top: tree }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    const inline = INLINE_PARENTS.has(next.node.type);
    const depth = next.depth + (inline ? 1 : 0);
    // The outermost node of the nest is where the reader finds it.
    const top = inline && next.depth === 0 ? next.node : next.top;
    if (depth > MAX_NESTING) throw new TooDeep(deepest(top), top.position?.start.line ?? 1, top.position?.start.column ?? 1);
    if ('children' in next.node) for (const child of next.node.children) pending.push({ node: child, depth, top });
  }
  return undefined;
}

interface Nest {
  node: Nodes;
  /** Inline parents around `node`, not counting it. */
  depth: number;
  /** The outermost of them. */
  top: Nodes;
}

/** How many inline parents deep the nest from `top` goes (for the message), without recursion. */
function deepest(top: Nodes): number {
  let most = 0;
  const pending: { node: Nodes; depth: number }[] = [{ node: top, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    const depth = next.depth + (INLINE_PARENTS.has(next.node.type) ? 1 : 0);
    most = Math.max(most, depth);
    if ('children' in next.node) for (const child of next.node.children) pending.push({ node: child, depth });
  }
  return most;
}

/** As for registries: front matter holds a few keys, a list of references at most. */
const MAX_FRONT_MATTER_DEPTH = 64;

/** The YAML front matter as an object; unreadable front matter is a notice, not a failure. */
export function readFrontMatter(tree: Root, notices: string[]): Record<string, unknown> | null {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return null;
  const tooDeep = yamlNestingBeyond(node.value, MAX_FRONT_MATTER_DEPTH);
  if (tooDeep !== -1) {
    notices.push(`front matter nests more than ${MAX_FRONT_MATTER_DEPTH} levels deep, too deep for citecheck to read; ignoring it`);
    return null;
  }
  try {
    // yaml's own duplicate-key check compares every key with every other (50,000 keys: 30 s);
    // the same check, by a set per map, follows.
    const doc = parseDocument(node.value, { uniqueKeys: false });
    const error = doc.errors[0];
    if (error !== undefined) throw error;
    const repeated = repeatedKey(doc.contents);
    if (repeated !== null) throw new Error(`the key "${repeated}" appears twice in one map`);
    const data: unknown = doc.toJS();
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
    return null;
  } catch (error) {
    notices.push(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); ignoring it`);
    return null;
  }
}

/** The first key repeated within one map anywhere in the document, walked without recursion. */
function repeatedKey(root: unknown): string | null {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) return String(key);
        seen.add(key);
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    }
  }
  return null;
}
