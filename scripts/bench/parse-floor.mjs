// The parse floor: remark-parse alone over the same files, in one process. citecheck cannot be
// faster than reading and parsing every briefing once.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// remark-parse is a dependency of the parse package, not of the workspace root.
const require = createRequire(new URL('../../packages/parse/package.json', import.meta.url));
const { unified } = await import(require.resolve('unified'));
const { default: remarkParse } = await import(require.resolve('remark-parse'));

const processor = unified().use(remarkParse);
let nodes = 0;
for (const file of process.argv.slice(2)) {
  const tree = processor.parse(readFileSync(file, 'utf8'));
  nodes += tree.children.length;
}
process.stdout.write(`${nodes} top-level nodes\n`);
