import { readFileSync } from 'node:fs';

// Lexicons are data in ../lexicon, keyed by language; the relative URL works from src/ and dist/.
function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../lexicon/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface ScaledPhrase {
  phrase: string;
  strength: number;
}

interface Wording {
  quantifiers: ScaledPhrase[];
  weakQuantifiers: ScaledPhrase[];
  boosters: string[];
  forecastBoosters: string[];
  evidenceVerbs: string[];
  scope: string[];
  causal: string[];
  sourceCausal: string[];
  hedges: string[];
  associations: string[];
  attribution: string[];
  attributionAlone: string[];
  negators: string[];
  wideNegators: string[];
  frequencyNouns: string[];
  noNotQuantifier: string[];
  notAnObject: string[];
  primacy: string[];
  primacyLicences: string[];
  scopeFamilies: Record<string, { claim: string[]; source: string[] }>;
  placeIdioms: string[];
}

interface Numbers {
  units: Record<string, number>;
  scales: Record<string, number>;
  fractions: Record<string, number>;
  multipliers: Record<string, number>;
  approximate: string[];
  below: string[];
  above: string[];
  percentWords: string[];
  boundAfter: Record<string, '<' | '>'>;
  timeUnits: string[];
  measures: Record<string, [string, number]>;
  clockWords: string[];
  changeWords: Record<'fall' | 'rise' | 'either', { before: string[]; after: string[] }>;
}

const language = 'en';
export const wording = load<Record<string, Wording>>('wording')[language] as Wording;
export const numbers = load<Record<string, Numbers>>('numbers')[language] as Numbers;
export const stopwords = new Set(load<Record<string, string[]>>('stopwords')[language]);
