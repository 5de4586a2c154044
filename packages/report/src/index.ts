export { formatJson, toReport, toReportFile } from './json.js';
export type { Tool } from './json.js';
export { formatGithub } from './github.js';
export { formatStylish } from './stylish.js';
export type { StylishOptions } from './stylish.js';
export { coverageLine, summarise } from './summary.js';
