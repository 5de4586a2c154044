import { expect } from 'vitest';
import { main } from '../main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command line in process, as a person at a non-terminal would run it from `cwd`. */
export async function cli(cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    isTTY: false,
    stderrIsTTY: false,
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

/** Whatever went wrong, no stack trace reaches the user. */
export const noStack = (run: Run): void => {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).not.toMatch(/\n\s+at /);
};
