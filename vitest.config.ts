import { relative } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Tests run under plain Node against the real core: real SQLite files in temp
// dirs, real PDFs, real Chromium for e2e. Nothing of our own is mocked.
//
// Two projects: `default` is `npm test`; `exhaustive` (files named
// *.exhaustive.test.ts) holds the full-size versions of checks the default run
// samples or scales down: every byte of a bag flipped (a fixed-seed sample by
// default), a 200 MB import (20 MB by default), attest sync killed 20 times (6
// by default), every hostile web archive (one of each kind by default), a 20 MB
// HTML page (2 MB by default). CI runs both (`npm run test:exhaustive`).
const EXHAUSTIVE = ['tests/**/*.exhaustive.test.ts']

// The order files start in. With two workers the run ends when the last file
// does: a 30 s file started last leaves a core idle for up to 30 s. Vitest
// starts the slowest first when it has their durations from an earlier run
// (node_modules/.vite), but a fresh clone (CI) has none, and vitest then goes
// by file size, which put several of the slowest files in the second half of
// the run. So when the cache lacks some file, the files known to be slow go
// first, slowest first, and the rest follow in vitest's order.

/**
 * Seconds per file on a quiet 2-core machine (npm test of 30 Nov 2026 11:03
 * UTC, forks reused: isolate false). Rough is enough: only the order matters.
 * A file missing here just runs in vitest's order.
 */
const KNOWN_SECONDS: Record<string, number> = {
  'tests/electron/core/sync/sync-hub.test.ts': 17.8,
  'tests/electron/cli/many-writers.test.ts': 14.6,
  'tests/electron/core/import/hostile-html.test.ts': 13.5,
  'tests/e2e/accessibility.e2e.test.ts': 13.0,
  'tests/electron/core/import/pdf-worker-pool.test.ts': 12.9,
  'tests/electron/core/hub/kill-push.test.ts': 11.5,
  'tests/electron/core/suggest/learning.test.ts': 11.2,
  'tests/e2e/large-text.e2e.test.ts': 10.8,
  'tests/e2e/review-trust.e2e.test.ts': 10.2,
  'tests/electron/core/import/ocr.test.ts': 10.2,
  'tests/e2e/notes.e2e.test.ts': 9.7,
  'tests/electron/core/capture/capture.test.ts': 8.5,
  'tests/electron/core/capture/import-web-archive-hostile.test.ts': 8.5,
  'tests/e2e/capture.e2e.test.ts': 7.4,
  'tests/electron/core/archive/write-transaction.test.ts': 7.1,
  'tests/e2e/team-hub.e2e.test.ts': 6.9,
  'tests/scripts/electronegativity.test.ts': 6.9,
  'tests/electron/core/import/html-worker-pool.test.ts': 6.7,
  'tests/e2e/ocr-viewer.e2e.test.ts': 6.5,
  'tests/electron/core/import/bad-input.test.ts': 6.3,
  'tests/electron/cli/export-failures.test.ts': 6.1,
  'tests/e2e/review.e2e.test.ts': 5.3,
  'tests/electron/cli/sync-cli.test.ts': 5.2,
  'tests/electron/core/api/import-jobs.test.ts': 5.1,
  'tests/electron/core/api/capture-ops.test.ts': 5.0,
  'tests/electron/cli/attest-cli.test.ts': 4.5,
  'tests/electron/server/archive-backend.test.ts': 4.2,
  'tests/electron/core/bundle/wacz.test.ts': 4.0,
  'tests/e2e/review-keyboard-only.e2e.test.ts': 4.0,
  'tests/electron/core/capture/capture-cli.test.ts': 3.9,
  'tests/electron/core/host/core-host.test.ts': 3.6
}

export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files)
    const root = this.ctx.config.root
    const cached = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(root, f.moduleId)}`)
    if (ordered.every((f) => cached(f) !== undefined)) return ordered
    const known = (f: TestSpecification) => KNOWN_SECONDS[relative(root, f.moduleId).split('\\').join('/')] ?? 0
    const at = new Map(ordered.map((f, i) => [f, i]))
    const index = (f: TestSpecification) => at.get(f) ?? 0
    // Projects stay where vitest put them (they run one after another).
    return [...ordered].sort((a, b) => (a.project.name !== b.project.name ? index(a) - index(b) : known(b) - known(a) || index(a) - index(b)))
  }
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on the 2-core
    // machines this project runs on, that ran every file one after another
    // while a core sat idle through each file's imports, PDF parsing and SQLite
    // work. Two forks use both.
    maxWorkers: 2,
    // The slowest files first even on a fresh clone, so neither fork sits idle
    // at the end waiting on one long file (SlowestFirstSequencer above).
    sequence: { sequencer: SlowestFirstSequencer },
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, ...EXHAUSTIVE],
          // Each fork runs file after file with the modules already loaded,
          // instead of a fresh process per file that imports the core, jsdom and
          // React again: 1.2 s of CPU per file on tests/electron/core (95 s ->
          // 42 s for 46 files), 36 s -> 15 s for tests/renderer. So a file must
          // leave the process as it found it: fake timers undone
          // (tests/helpers/fake-timers.ts returns the undo), environment
          // variables put back, servers, browsers and databases closed in
          // afterAll. Our modules hold no state a test can see: their caches
          // are keyed by content, and the process-wide worker pools are only
          // reused. Vitest still restores mocks after every file.
          isolate: false
        }
      },
      { extends: true, test: { name: 'exhaustive', include: EXHAUSTIVE } }
    ]
  }
})
