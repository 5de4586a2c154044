import { readFileSync } from 'node:fs';

// Lexicons live in ../lexicon as data so they can be edited without touching code; the
// relative URL resolves the same from src/ (tests) and dist/ (the built CLI).
function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../lexicon/${name}.json`, import.meta.url), 'utf8')) as T;
}

const lower = (list: string[]): Set<string> => new Set(list.map((w) => w.toLowerCase()));

const abbreviations = load<{ entries: string[]; neverFinal: string[] }>('abbreviations');
const functionWords = load<{ entries: string[] }>('function-words');
const nonClaims = load<{
  selfReference: string[];
  selfReferenceAnywhere: string[];
  narration: string[];
  offers: string[];
  firstPerson: string[];
  imperativeVerbs: string[];
  notAfterImperative: string[];
}>('non-claims');
const headings = load<{ referenceList: string[]; answerStart: string[] }>('headings');
const markers = load<{ citationNeeded: string[]; units: { entries: string[] } }>('markers');

export const lexicon = {
  abbreviations: lower(abbreviations.entries),
  neverFinal: lower(abbreviations.neverFinal),
  functionWords: lower(functionWords.entries),
  selfReference: nonClaims.selfReference.map((p) => p.toLowerCase()),
  selfReferenceAnywhere: nonClaims.selfReferenceAnywhere.map((p) => p.toLowerCase()),
  narration: nonClaims.narration.map((p) => p.toLowerCase()),
  offers: nonClaims.offers.map((p) => p.toLowerCase()),
  firstPerson: lower(nonClaims.firstPerson),
  imperativeVerbs: lower(nonClaims.imperativeVerbs),
  notAfterImperative: lower(nonClaims.notAfterImperative),
  referenceHeadings: lower(headings.referenceList),
  answerStart: lower(headings.answerStart),
  citationNeeded: lower(markers.citationNeeded),
  units: new Set(markers.units.entries),
};
