import { readFileSync } from 'node:fs';
import type { DataFileOptions } from './data-file.js';
import { type DescribePath, isRecord, valueAt } from './wording.js';

/**
 * The native registry format's JSON Schema, shipped beside the code so editors can use the
 * same file. `../schema` resolves from both `src/` (tests) and `dist/` (the built package).
 */
export const registrySchema: Readonly<Record<string, unknown>> = JSON.parse(
  readFileSync(new URL('../schema/registry.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** `references[2]` → `reference #3 ("id" 7)`: the number people count and the id they cite. */
export const describeRegistryPath: DescribePath = (path, root) => {
  const [list, index, field] = path;
  if (list !== 'references' || typeof index !== 'number') return undefined;
  const entry = valueAt(root, [list, index]);
  const id = isRecord(entry) ? entry.id : undefined;
  // A broken id is the subject of the message itself; quoting it in the label would repeat it.
  const usable = (Number.isInteger(id) || (typeof id === 'string' && /^\S+$/.test(id))) && field !== 'id';
  return { label: `reference #${index + 1}${usable ? ` ("id" ${JSON.stringify(id)})` : ''}`, consumed: 2 };
};

export const registryWording: DataFileOptions = {
  describePath: describeRegistryPath,
  shapeHint: 'a registry looks like {"references": [{"id": 1, "title": "…", "url": "https://…"}]}',
};
