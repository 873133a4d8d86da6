import { configDefaults, defineConfig } from 'vitest/config'

// Tests run under plain Node against the real core: real SQLite files in temp
// dirs, real PDFs, real Chromium for e2e. Nothing of our own is mocked.
//
// Two projects: `default` is `npm test`; `exhaustive` (files named
// *.exhaustive.test.ts) holds the full-size versions of checks the default run
// samples or scales down: every byte of a bag flipped (a fixed-seed sample by
// default), a 200 MB import (20 MB by default). CI runs both
// (`npm run test:exhaustive`).
const EXHAUSTIVE = ['tests/**/*.exhaustive.test.ts']

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on the 2-core
    // machines this project runs on, that ran every file one after another
    // while a core sat idle through each file's imports, PDF parsing and SQLite
    // work. Two forks use both; each file still gets its own process.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'default', include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'], exclude: [...configDefaults.exclude, ...EXHAUSTIVE] }
      },
      { extends: true, test: { name: 'exhaustive', include: EXHAUSTIVE } }
    ]
  }
})
