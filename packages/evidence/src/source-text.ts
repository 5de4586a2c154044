import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Reference, Registry } from '@citecheck/model';
import { locateSnapshot } from '@citecheck/registry';
import type { Element, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface SourceTexts {
  texts: Map<string, string[]>;
  problems: { refId: string; message: string }[];
}

const markdown = unified().use(remarkParse).use(remarkGfm);

// Page furniture: what a reader skips, and what would match claims for the wrong reason.
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'form', 'template', 'svg']);

function stripChrome(root: HastNodes): void {
  // With a stack, not recursion: a page nested 100,000 elements deep would overflow it.
  const pending: HastNodes[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (!('children' in node)) continue;
    node.children = node.children.filter((child) => !(child.type === 'element' && CHROME.has((child as Element).tagName)));
    for (const child of node.children) pending.push(child as HastNodes);
  }
}

/** A snapshot's text: HTML without its page chrome, Markdown without its markup, text as is. */
export function snapshotToText(content: string, extension: string): string {
  const ext = extension.toLowerCase();
  if (ext === '.html' || ext === '.htm') {
    const tree = fromHtml(content);
    stripChrome(tree);
    return toText(tree);
  }
  if (ext === '.md' || ext === '.markdown') {
    const tree = markdown.parse(content);
    return tree.children.map((block) => toString(block)).join('\n\n');
  }
  return content;
}

/**
 * Reads every reference's excerpts and snapshot. A snapshot is read only from inside the
 * project (see locateSnapshot); one that cannot be read is a problem reported once, for the
 * `unreadable-snapshot` rule, and the reference counts as having no text from it.
 */
export async function readSourceTexts(registry: Registry, registryPath: string, projectRoot: string): Promise<SourceTexts> {
  const texts = new Map<string, string[]>();
  const problems: SourceTexts['problems'] = [];
  for (const ref of registry.references) {
    const own: string[] = [...(ref.excerpts ?? [])];
    if (ref.snapshot !== undefined) {
      const snapshot = await readSnapshot(ref, registryPath, projectRoot);
      if (typeof snapshot === 'string') own.push(snapshot);
      else problems.push({ refId: ref.id, message: snapshot.problem });
    }
    if (own.length > 0) texts.set(ref.id, own);
  }
  return { texts, problems };
}

/** A snapshot's text, or why it cannot be read. */
async function readSnapshot(ref: Reference, registryPath: string, projectRoot: string): Promise<string | { problem: string }> {
  const place = await locateSnapshot(ref, registryPath, projectRoot);
  if (!place.ok) return { problem: place.message };
  try {
    return snapshotToText(await readFile(place.path, 'utf8'), extname(place.path));
  } catch (error) {
    return { problem: `snapshot "${ref.snapshot}" of reference ${ref.id} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
