import type { Rule } from '../rule.js';
import { citationMismatch } from './citation-mismatch.js';
import { malformedCitation } from './malformed-citation.js';
import { overgeneralisedClaim } from './overgeneralised-claim.js';
import { uncitedClaim } from './uncited-claim.js';
import { unknownReference } from './unknown-reference.js';
import { unsupportedClaim } from './unsupported-claim.js';
import { unsupportedNumber } from './unsupported-number.js';
import { unreadableSnapshot } from './unreadable-snapshot.js';
import { unusedReference } from './unused-reference.js';

/** Every rule, in the order the SPEC lists them, then citecheck's own. To add one, copy a rule file and list it here. */
export const rules: Rule[] = [
  uncitedClaim,
  unknownReference,
  unusedReference,
  malformedCitation,
  overgeneralisedClaim,
  unsupportedNumber,
  unsupportedClaim,
  citationMismatch,
  unreadableSnapshot,
];
