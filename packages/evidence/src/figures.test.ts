import { describe, expect, it } from 'vitest';
import { changeBetween, extractFigures, sameFigure } from './figures.js';

const one = (text: string) => {
  const figures = extractFigures(text).filter((f) => !f.derived);
  expect(figures, text).toHaveLength(1);
  return figures[0]!;
};

describe('extractFigures', () => {
  it.each([
    ['Medical evidence exists in fewer than 5% of cases.', 'percent', 5, '<'],
    ['less than 5 percent of reported cases', 'percent', 5, '<'],
    ['about one-third of incidents', 'percent', 33.33, '~'],
    ['one in three households', 'percent', 33.33, '~'],
    ['1 in 5 adults', 'percent', 20, '~'],
    ['two-thirds of the budget', 'percent', 66.67, '~'],
    ['a quarter of schools', 'percent', 25, '~'],
    ['under 4% conviction', 'percent', 4, '<'],
    ['revenue of $4.2 billion', 'money', 4.2e9, '='],
    ['revenue of $4.2bn', 'money', 4.2e9, '='],
    ['1.2 million people', 'count', 1.2e6, '='],
    ['1,200,000 people', 'count', 1.2e6, '='],
    ['more than 300 clinics', 'count', 300, '>'],
    ['in 2021 the rate rose', 'year', 2021, '='],
    ['the caseload nearly doubled', 'ratio', 2, '~'],
    ['half of all respondents', 'percent', 50, '~'],
    ['nearly one-fourth of older adults', 'percent', 25, '~'],
    ['roughly 6-fold fewer collisions', 'ratio', 6, '~'],
    ['an 11 fold rise', 'ratio', 11, '='],
  ] as const)('%s', (text, kind, value, comparator) => {
    const figure = one(text);
    expect(figure.kind).toBe(kind);
    expect(figure.value).toBeCloseTo(value, 1);
    expect(figure.comparator).toBe(comparator);
    expect(text.slice(figure.start, figure.end)).toBe(figure.raw);
  });

  it.each([
    'COVID-19 cases rose.',
    'Article 9 of the GDPR applies.',
    'The H100 chip and 5G networks.',
    'It was the 3rd attempt.',
    'One of the reasons is cost.',
    'In the first half the team lost.',
    'The Boeing 737 and the S&P 500 index.',
    'Proposition 47 passed.',
    'The system failed at 08:32 and again at 8.32 a.m.',
    'A ratio of 1:8 was common.',
  ])('finds no figure in %s', (text) => {
    // A source's "1:8" still states the eight, for a reader of the source (a derived figure).
    expect(extractFigures(text).filter((f) => !f.derived)).toEqual([]);
  });

  it('reads "41 of the 48 states" as a count and as the share it is', () => {
    const figures = extractFigures('in 41 of the 48 contiguous states');
    expect(figures.map((f) => f.kind)).toEqual(['percent', 'count', 'count']);
    expect(figures[0]?.value).toBeCloseTo(85.4, 1);
  });

  it('does not take the day of a date for a figure', () => {
    expect(extractFigures('On June 7, 2023, the index reached 484').map((f) => f.raw)).toEqual(['2023', '484']);
  });

  it('reads a fiscal-year span as one year', () => {
    expect(extractFigures('in 2023–24 the rate fell').map((f) => f.value)).toEqual([2023]);
    expect(extractFigures('in 2019/20 the rate fell').map((f) => f.value)).toEqual([2019]);
  });
});

describe('sameFigure', () => {
  it.each([
    ['a third of cases', '33% of cases'],
    ['33% of cases', 'one in three cases'],
    ['fewer than 5% of cases', 'less than 5 percent of cases'],
    ['fewer than 5% of cases', '4% of cases'],
    ['1.2 million people', '1,187,000 people'],
    ['$4.2bn in revenue', '$4.2 billion in revenue'],
    ['more than 60% of users', '68% of users'],
    ['about 30% of users', '28% of users'],
    ['four-fifths of firms', '80% of firms'],
    ['three in four voters', '75 per cent of voters'],
    ['£300m of funding', '£300 million of funding'],
    ['the caseload doubled', 'the caseload rose by 100%'],
    ['a fivefold rise', 'a five-fold rise'],
    ['85% of the states', '41 of the 48 states'],
    ['two for every 10,000 trips', '20 per 100,000 trips'],
    ['89% of those killed', '19 people were killed, 17 of whom were riders'],
    ['three-quarters of the studies', 'Of the 12 studies that assessed diet quality, 9 reported improvements'],
    ['waited over 18 months', 'waited more than 78 weeks'],
    ['10,500 litres a month', '10.5 kilolitres a month'],
    ['507 megalitres a day', '507 Ml/d'],
    ['delays nearly tripled', 'delays were 2.8 times the 2021 level'],
    ['aged 45 and over', '45 years of age or older'],
    ['flights of more than 3,500 km', 'flights of more than 3,500km'],
    ['open three days a week instead of five', 'move from five-day to three-day opening'],
    ['1,961 adults', '1961 adults'],
    ['between 2.5 and 10.2 tonnes an hour', '2,500 to 10,200 kg per hour'],
    ['about one passenger in eight', '12% of passengers'],
  ])('%s = %s', (claim, source) => {
    const sourceFigures = extractFigures(source);
    // As the rule does: figures worked out of others ("five" in "five-day") are not checked in a claim.
    expect(extractFigures(claim).filter((c) => !c.derived).every((c) => sourceFigures.some((s) => sameFigure(c, s)))).toBe(true);
  });
  it.each([
    ['37% of cases', '27% of cases'],
    ['most, 60% of users', '45% of users'],
    ['fewer than 5% of cases', '7% of cases'],
    ['2.5 million people', '1.2 million people'],
    ['in 2021', 'in 2019'],
    ['more than 60% of users', '55% of users'],
    ['more than half of riders', '48% of riders'],
    ['under 5% of cases', '5% of cases'],
  ])('%s ≠ %s', (claim, source) => {
    const claimFigures = extractFigures(claim);
    const sourceFigures = extractFigures(source);
    expect(claimFigures.some((c) => sourceFigures.some((s) => sameFigure(c, s)))).toBe(false);
  });
});

describe('counts that read like names or ages', () => {
  it('reads a count after a possessive place name, and the share it states', () => {
    const figures = extractFigures("118 of Colorado's 178 school districts");
    expect(figures.map((f) => [f.kind, Math.round(f.value)])).toEqual([['percent', 66], ['count', 118], ['count', 178]]);
  });

  it('reads an age in months as a duration, so a range of months matches its restatement', () => {
    const inSource = extractFigures('children aged 5–17 months at first vaccination');
    const inClaim = extractFigures('children first vaccinated at 5–17 months');
    for (const figure of inClaim.filter((f) => f.kind === 'duration')) {
      expect(inSource.some((s) => sameFigure(figure, s)), figure.raw).toBe(true);
    }
    expect(extractFigures('children aged 6 years').some((f) => f.kind === 'age')).toBe(true);
  });
});

describe('temperatures', () => {
  it('reads Fahrenheit as the Celsius it stands for, and no looser than written', () => {
    const [celsius, fahrenheit] = extractFigures('Coningsby recorded 40.3°C (104.5°F).');
    expect(sameFigure(fahrenheit!, celsius!)).toBe(true);
    const [forty] = extractFigures('the first time it passed 40°C');
    const [thirtyEight] = extractFigures('a high of 38 °C');
    expect(sameFigure(forty!, thirtyEight!)).toBe(false);
  });
});

describe('figures newsrooms restate', () => {
  const first = (text: string) => extractFigures(text).filter((f) => !f.derived)[0]!;

  it('reads cents as hundredths of the currency', () => {
    expect(sameFigure(first('just under 80 cents a cubic metre'), first('a median of $0.79'))).toBe(true);
    expect(sameFigure(first('about 41 cents'), first('$0.79'))).toBe(false);
  });

  it('reads the four of a staffing ratio "1:4" but not a clock time', () => {
    expect(extractFigures('emergency departments 1:4').some((f) => f.kind === 'count' && f.value === 4)).toBe(true);
    expect(extractFigures('updated at 08:15').some((f) => f.value === 15)).toBe(false);
  });

  it('does not carry a comparator across a comma', () => {
    expect(first('Among those aged 80 and over, 41% said so').comparator).toBe('=');
  });

  it('reads "almost double" as a rise of about 94%', () => {
    expect(sameFigure(first('almost double the total'), first('a 94% increase'))).toBe(true);
    expect(sameFigure(first('exactly doubled'), first('a 94% increase'))).toBe(false);
  });

  it('works out a percentage change between two counts', () => {
    const stated = extractFigures('Serious injuries fell from 31 to 19.');
    expect(changeBetween(first('fell by almost 40%'), stated, 'fall')).toBe(true);
    expect(changeBetween(first('fell by 60%'), stated, 'fall')).toBe(false);
    expect(changeBetween(first('rose by 63%'), stated, 'rise')).toBe(true);
  });
});
