import type { ReportFile } from '@citecheck/model';
import { validateAgainst } from '@citecheck/registry';
import { readJsonSchema } from './fs.js';

/**
 * The schema of what `--format json` writes, shipped for tools and editors. `merge` and
 * `--baseline` check whole reports against it; `--cache` checks each stored file result, so a
 * damaged entry is a miss instead of a clean file shown or a formatter crashing.
 */
export const reportSchema = readJsonSchema(new URL('../schema/report.schema.json', import.meta.url));

const fileSchema = { definitions: (reportSchema as { definitions: object }).definitions, $ref: '#/definitions/file' };

export function isReportFile(value: unknown): value is ReportFile {
  return validateAgainst(fileSchema, value).length === 0;
}
