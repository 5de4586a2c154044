export { lint, coverageOf } from './kernel.js';
export type { LintOptions, LintResult, RuleSetting } from './kernel.js';
export { rules } from './rules/index.js';
export type { Rule, RuleContext, RuleMeta, RuleExamples, Report } from './rule.js';
