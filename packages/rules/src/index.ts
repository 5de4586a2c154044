export { lint, coverageOf } from './kernel.js';
export type { KernelInput, LintOptions, LintResult, RuleSetting } from './kernel.js';
export { rules } from './rules/index.js';
export { ruleDoc, ruleDocs } from './docs.js';
export type { Report, Rule, RuleContext, RuleExample, RuleExamples, RuleMeta } from './rule.js';
