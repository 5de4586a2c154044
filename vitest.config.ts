import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run against each package's TypeScript source, not its build output.
  resolve: { conditions: ['source'] },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
  },
});
