import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** The YAML front matter as an object; unreadable front matter is a notice, not a failure. */
export function readFrontMatter(tree: Root, notices: string[]): Record<string, unknown> | null {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return null;
  try {
    const data: unknown = parseYaml(node.value);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
    return null;
  } catch (error) {
    notices.push(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); ignoring it`);
    return null;
  }
}
