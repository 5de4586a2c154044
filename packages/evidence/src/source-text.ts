import { extname } from 'node:path';
import { CitecheckError, type Reference, type Registry } from '@citecheck/model';
import { parseMarkdown } from '@citecheck/parse';
import { locateSnapshot, READ_LIMITS, readInputFile, snapshotName, tooLargeSnapshot } from '@citecheck/registry';
import type { Element, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { toString } from 'mdast-util-to-string';

export interface SourceTexts {
  texts: Map<string, string[]>;
  problems: { refId: string; message: string }[];
}


// Page furniture: what a reader skips, and what would match claims for the wrong reason.
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'form', 'template', 'svg']);

/** Iterative: a page nested thousands of elements deep must not overflow the stack here. */
function stripChrome(root: HastNodes): void {
  const pending: HastNodes[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (!('children' in node)) continue;
    node.children = node.children.filter((child) => !(child.type === 'element' && CHROME.has((child as Element).tagName)));
    for (const child of node.children) pending.push(child as HastNodes);
  }
}

/** A snapshot's text: HTML without its page chrome, Markdown without its markup, text as is. */
export function snapshotToText(content: string, extension: string, name = 'snapshot'): string {
  const ext = extension.toLowerCase();
  if (ext === '.html' || ext === '.htm') {
    const tree = fromHtml(content);
    stripChrome(tree);
    return toText(tree);
  }
  if (ext === '.md' || ext === '.markdown') {
    const tree = parseMarkdown(content, name);
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
  const name = snapshotName(ref);
  // Read through the open descriptor: what was located may have been swapped since for a FIFO or a larger file.
  const read = await readInputFile(place.path, { maxBytes: READ_LIMITS.snapshot });
  if (!read.ok) return { problem: read.reason === 'too-large' ? tooLargeSnapshot(name, read.size) : `${name} ${read.problem}, so it is not read` };
  try {
    return snapshotToText(read.bytes.toString('utf8'), extname(place.path), name);
  } catch (error) {
    // Markdown nested past what the parser can finish: said at its line, as for a briefing.
    if (error instanceof CitecheckError) return { problem: `${name} is not read: at line ${error.line ?? 1}, ${error.message.replace(/, so this file cannot be linted$/, '')}` };
    // The HTML and Markdown tree walkers recurse per level of nesting.
    if (error instanceof RangeError) return { problem: `${name} is nested too deeply (elements inside elements, thousands of levels) for citecheck to read; keep its text without that nesting` };
    throw error;
  }
}
