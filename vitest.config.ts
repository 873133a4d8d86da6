import { defineConfig } from 'vitest/config'

// Tests run under plain Node against the real core: real SQLite files in temp
// dirs, real PDFs, real Chromium for e2e. Nothing of our own is mocked.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default']
  }
})
