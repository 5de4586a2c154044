import type { Reference } from '@citecheck/model';
import { stringify } from 'yaml';

/** Where editors find the schema once citecheck is installed in a project (see `citecheck init`). */
export const REGISTRY_SCHEMA_PATH = './node_modules/citecheck/schema/registry.schema.json';

/**
 * References as a native registry file, JSON or YAML, with the schema named so an editor
 * checks and completes it. Numeric ids stay numbers, so `[1]` markers keep reading naturally.
 */
export function formatRegistry(references: readonly Reference[], format: 'json' | 'yaml', schema = REGISTRY_SCHEMA_PATH): string {
  const entries = references.map((ref) => {
    const entry: Record<string, unknown> = { id: /^[1-9]\d{0,8}$/.test(ref.id) ? Number(ref.id) : ref.id };
    for (const field of ['title', 'url', 'publisher', 'date', 'kind', 'excerpts', 'snapshot'] as const) {
      if (ref[field] !== undefined) entry[field] = ref[field];
    }
    return entry;
  });
  if (format === 'json') return `${JSON.stringify({ $schema: schema, references: entries }, null, 2)}\n`;
  return `# yaml-language-server: $schema=${schema}\n${stringify({ references: entries }, { lineWidth: 0 })}`;
}
