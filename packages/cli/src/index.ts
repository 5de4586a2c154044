export { checkFile } from './check.js';
export type { CheckOptions } from './check.js';
export { loadConfig } from './config.js';
export type { Config } from './config.js';
export { main } from './main.js';
export type { Citation, Claim, ClaimEvidence, Coverage, FileResult, Finding, Marker, Position, Reference, Registry, Severity } from '@citecheck/model';
