export { check } from './check.js';
export type { CheckDocument, CheckOptions, CheckResult } from './check.js';
export { loadConfig } from './config.js';
export type { Config } from './config.js';
export { main } from './main.js';
export type { Citation, Claim, Coverage, Finding, Marker, Position, Reference, Registry, Report, ReportClaim, ReportFile, Severity } from '@citecheck/model';
export { toReport } from '@citecheck/report';
