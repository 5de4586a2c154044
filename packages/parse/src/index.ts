export { parseBriefing } from './extract.js';
export type { ParsedBriefing, ParseOptions } from './extract.js';
export { createLocator, visibleText } from './source.js';
export type { Locator } from './source.js';
export { yamlNestingBeyond } from './yaml-depth.js';
export { parseMarkdown } from './markdown.js';
