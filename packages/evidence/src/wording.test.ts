import { describe, expect, it } from 'vitest';
import { readClaimWording, readPassageWording, scopeOf, speaksAt } from './wording.js';

const strong = (text: string): string[] => readClaimWording(text).strong.map((w) => `${w.kind}:${w.phrase}`);

describe('readClaimWording', () => {
  it.each([
    ['Every offender escapes justice.', ['quantifier:Every']],
    ['The vast majority of cases are dropped.', ['quantifier:The vast majority']],
    ['The data undeniably prove the policy failed.', ['booster:undeniably', 'booster:prove']],
    ['Smoke is now a problem nationwide.', ['scope:nationwide']],
    ['Screen time causes anxiety.', ['causal:causes']],
    ['Refusing the expansion is the root cause of closures.', ['primacy:root cause']],
    ['Living alone is the single greatest threat to survival.', ['primacy:the single greatest']],
    ['Most users turned the feature off.', ['quantifier:Most']],
    ['No household can afford the new rents.', ['quantifier:No']],
    ['Officials admit that no district met the target.', ['quantifier:no']],
  ])('%s', (text, expected) => {
    expect(strong(text)).toEqual(expected);
    expect(readClaimWording(text).hedged).toBe(false);
  });

  it.each([
    ['Advocates argue that all offenders escape justice.', 'attributed'],
    ['According to the union, no teacher was consulted.', 'attributed'],
    ['Not all offenders escape justice.', 'negated'],
    ['The report calls it "a failure in every region".', 'quoted'],
    ['It is the most common cause of delay.', 'superlative'],
    ['Many reports never become charges.', 'quantified before "never"'],
    ['Victims fear testifying, all of which weakens prosecutions.', 'anaphoric "all of which"'],
    ['We confront fake news every day.', 'frequency'],
    ['It is a moderator rather than a strong predictor in all settings.', 'wide negation'],
    ['There is no single universally adopted boundary.', 'negated by "no"'],
    ['There is no evidence that the scheme works.', '"no evidence" is not a universal'],
    ['The storm brought four deaths in Mexico, all related to vehicles.', 'all of the counted'],
  ])('%s: nothing strong (%s)', (text) => {
    expect(strong(text)).toEqual([]);
  });

  it('"never" quantified by what follows is not universal', () => {
    expect(strong('Prosecutors never get most cases.')).toEqual(['quantifier:most']);
  });

  it('a hedge anywhere softens the sentence', () => {
    expect(readClaimWording('All schools may see gains.').hedged).toBe(true);
    // An association takes back a cause, not a quantity.
    expect(readClaimWording('Screen time is associated with anxiety, which causes insomnia.').strong).toEqual([]);
    expect(strong('All teenagers show anxiety linked to screen time.')).toEqual(['quantifier:All']);
  });

  it('"report" as a noun is no attribution', () => {
    expect(strong('After the 2013 report, deaths fell, which proves the plan worked.')).toEqual(['booster:proves']);
  });
});

describe('readPassageWording', () => {
  it('takes the broadest share a passage states, from words or figures', () => {
    expect(readPassageWording('Only about one-third of incidents reach the police.')).toMatchObject({ strength: expect.closeTo(0.33, 2) });
    expect(readPassageWording('68% of users turned it off; many said so.')).toMatchObject({ strength: 0.68, strengthPhrase: '68%' });
    expect(readPassageWording('Rents rose in the city.').strength).toBeNull();
  });
  it('tells association from cause, and suggestion from proof', () => {
    expect(readPassageWording('Screen time is associated with anxiety.')).toMatchObject({ causal: false, proves: false });
    expect(readPassageWording('The trial shows that the drug reduces deaths.')).toMatchObject({ causal: true, proves: true });
  });
  it('finds the scope a passage covers', () => {
    expect(scopeOf('The law was adopted in 16 states by 2022.')).toBe('in 16 states');
  });
});

describe('readPassageWording: shares and singling out', () => {
  it('does not read "of all" as the quantifier "all"', () => {
    const reading = readPassageWording('Waste amounted to almost one-fifth of all food available to consumers.');
    expect(reading.strength).toBeCloseTo(0.2);
  });

  it('reads a "significant proportion" as a minority share, not as silence', () => {
    expect(readPassageWording('A significant proportion of adults report feeling lonely.').strength).toBeLessThan(0.5);
  });

  it('knows when a source singles a factor out itself', () => {
    expect(readPassageWording('Smoking is the leading cause of lung cancer.').singlesOut).toBe(true);
    expect(readPassageWording('Expansion status is one of several factors associated with closure.').singlesOut).toBe(false);
  });
});

describe('speaksAt', () => {
  it('hears a global reach in "the world\'s population" and not in a national survey', () => {
    expect(speaksAt('global', "More than 80% of the world's population lives under light-polluted skies.")).toBe(true);
    expect(speaksAt('global', 'A survey of 3,000 adults in Ohio.')).toBe(false);
    expect(speaksAt('national', 'A nationally representative survey of U.S. adults.')).toBe(true);
  });
});

describe('certainty about the future', () => {
  it('marks forecast boosters, which evidence of the past does not license', () => {
    const [word] = readClaimWording('Scale will inevitably bring costs down.').strong;
    expect(word?.forecast).toBe(true);
    expect(readPassageWording('The sector has demonstrated that its technology works.').certain).toBe(false);
    expect(readPassageWording('Costs will certainly fall as the fleet grows.').certain).toBe(true);
  });

  it('does not read a modal inside a comparison as a hedge', () => {
    expect(readClaimWording('Nearly all members had more patients than they could safely look after.').hedged).toBe(false);
    expect(readClaimWording('Nearly all members could see gains.').hedged).toBe(true);
  });

  it('reads a bare percentage as a share and a change as none', () => {
    expect(readPassageWording('71% said they had been assigned too many patients.').strength).toBeCloseTo(0.71);
    expect(readPassageWording('Purchases decreased by an average of 6% in 2014.').strength).toBeNull();
  });
});
