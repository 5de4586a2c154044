import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** The YAML front matter as an object; unreadable front matter is a notice, not a failure. */
export function readFrontMatter(tree: Root, notices: string[]): Record<string, unknown> | null {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return null;
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
