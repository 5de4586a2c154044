import { isRecord } from '@citecheck/registry';
import type { CheckResult } from './check.js';
import { isReportFile } from './report-schema.js';

/**
 * What a stored cache result must look like to be replayed. The cache file is a file on disk
 * that anything may have damaged (a crash, a merge, a hand edit); a result of the wrong shape
 * would be shown as a clean file, or crash a formatter, so it counts as a miss instead. The
 * file result is held to the JSON report's own schema.
 */
export function isCheckResult(value: unknown): value is CheckResult {
  return isRecord(value) && isReportFile(value.file) && isStringArray(value.notices) && isStringArray(value.inputs);
}

export function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}
