import { CitecheckError } from '@citecheck/model';
import { describe, expect, it } from 'vitest';
import { checkNesting, MAX_NESTING } from './limits.js';

const refused = (text: string): CitecheckError | null => {
  try {
    checkNesting(text, 'deep.md');
    return null;
  } catch (error) {
    return error as CitecheckError;
  }
};

describe('checkNesting', () => {
  it('lets real nesting through: indented lists, quotes holding lists, ordered items', () => {
    expect(refused('- a\n  - b\n    - c\n\n> - quoted\n> > 1. deeper\n\n    code, not a list\n')).toBeNull();
    expect(refused(`${'- '.repeat(MAX_NESTING)}item\n`)).toBeNull();
  });

  it.each([
    ['markers on one line', `intro\n${'- '.repeat(3000)}item\n`, 2, 3000],
    ['block quotes', `${'>'.repeat(5000)} quote\n`, 1, 5000],
    ['indentation', `${Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`, 101, 101],
    ['ordered markers after a CR-only line', `a\r${'1. '.repeat(200)}x`, 2, 200],
  ])('refuses %s, naming the line and the depth', (_name, text, line, depth) => {
    const error = refused(text);
    expect(error).toBeInstanceOf(CitecheckError);
    expect([error?.file, error?.line, error?.column]).toEqual(['deep.md', line, 1]);
    expect(error?.message).toContain(`about ${depth} levels deep`);
  });
});
