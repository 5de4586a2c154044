import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source (the "source" export condition), never a
// stale build in dist/.
const conditions = ['source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts'],
  },
});
