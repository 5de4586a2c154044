export { buildEvidence, claimProse, defaultThresholds, EvidenceIndex, verifyClaims } from './evidence.js';
export type { Thresholds } from './evidence.js';
export { changeBetween, changeOf, derivableFrom, extractFigures, figureFamily, sameFigure } from './figures.js';
export type { Change, Figure } from './figures.js';
export { readSourceTexts, snapshotToText } from './source-text.js';
export type { SourceTexts } from './source-text.js';
export { readClaimWording, readPassageWording, scopeOf, speaksAt } from './wording.js';
export type { ClaimWording, PassageWording, StrongKind, StrongWord } from './wording.js';
export { contentTerms } from './terms.js';
