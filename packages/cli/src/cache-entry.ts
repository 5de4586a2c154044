import type { ReportFile } from '@citecheck/model';
import type { CheckResult } from './check.js';

/**
 * What a stored cache result must look like to be replayed. The cache file is a file on disk
 * that anything may have damaged (a crash, a merge, a hand edit); a result of the wrong shape
 * would be shown as a clean file, or crash a formatter, so it counts as a miss instead.
 * Every field the report formats read is checked; loops, never spreads, over arrays.
 */
export function isCheckResult(value: unknown): value is CheckResult {
  return isRecord(value) && isReportFile(value.file) && isStringArray(value.notices) && isStringArray(value.inputs);
}

export function isReportFile(value: unknown): value is ReportFile {
  if (!isRecord(value) || typeof value.path !== 'string' || !isStringOrNull(value.registry)) return false;
  const { claims, findings, coverage, references } = value;
  if (!isRecord(coverage) || !['claims', 'cited', 'supported', 'unverifiable'].every((k) => isCount(coverage[k]))) return false;
  return everyItem(claims, isClaim) && everyItem(findings, isFinding) && everyItem(references, isReference);
}

const SUPPORT = new Set(['supported', 'unsupported', 'unverifiable', 'uncited']);
const SEVERITY = new Set(['error', 'warning', 'info']);

function isClaim(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCount(value.id) &&
    typeof value.text === 'string' &&
    isStringOrNull(value.section) &&
    isSpan(value) &&
    isStringArray(value.citations) &&
    typeof value.support === 'string' &&
    SUPPORT.has(value.support) &&
    isStringArray(value.backedBy)
  );
}

function isFinding(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.ruleId === 'string' &&
    typeof value.severity === 'string' &&
    SEVERITY.has(value.severity) &&
    typeof value.message === 'string' &&
    isSpan(value) &&
    (value.claimId === null || isCount(value.claimId)) &&
    isStringOrNull(value.ref) &&
    (value.file === undefined || typeof value.file === 'string')
  );
}

function isReference(value: unknown): boolean {
  return isRecord(value) && typeof value.id === 'string' && isStringOrNull(value.title) && isStringOrNull(value.url) && typeof value.hasText === 'boolean';
}

function isSpan(value: Record<string, unknown>): boolean {
  return isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): boolean {
  return isRecord(value) && isCount(value.line) && isCount(value.column) && isCount(value.offset);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

export function isStringArray(value: unknown): value is string[] {
  return everyItem(value, (item) => typeof item === 'string');
}

function everyItem(value: unknown, test: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!test(item)) return false;
  return true;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
