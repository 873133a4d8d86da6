// `attest sync` killed (SIGKILL) at seeded random moments while it pushes and
// pulls, then synced to the end: shared by sync-cli.test.ts (a few rounds) and
// sync-cli.exhaustive.test.ts (the 20 issue #12 asks for), so both run the
// same code and differ only in how many kills they make.

import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { ensureCliBuilt, REPO, runAttest } from '../../helpers/cli'
import { seededRandom } from '../../helpers/seeded-random'
import { importCaseWithGoldLinks } from '../../helpers/troops-case'
import { tempArchive } from '../../helpers/temp-archive'
import { startTestHub, type TestHub } from '../core/hub/fixture'
import { openArchive, type ArchiveDb } from '../../../electron/core/archive/open-archive'
import { checkIntegrity } from '../../../electron/core/archive/integrity'
import { checkHub } from '../../../electron/core/hub/check-hub'

/** A test file's hub with two members (alice_cli, bob_cli), and archive files removed after the file. */
export interface CliHub {
  hub: TestHub
  alice: string
  bob: string
  /** A new, closed archive file (removed in afterAll). */
  archiveFile(): { path: string }
}

/** Starts the file's hub in beforeAll and stops it (and removes its archives) in afterAll. */
export function useCliHub(): CliHub {
  const cleanups: Array<() => void> = []
  const state = {
    hub: undefined as TestHub | undefined,
    alice: '',
    bob: '',
    archiveFile(): { path: string } {
      const a = tempArchive()
      a.db.close()
      cleanups.push(a.cleanup)
      return a
    }
  }
  beforeAll(async () => {
    ensureCliBuilt()
    state.hub = await startTestHub()
    state.alice = await state.hub.member('alice_cli')
    state.bob = await state.hub.member('bob_cli')
  }, 180_000)
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup()
    await state.hub?.stop()
  })
  return {
    get hub(): TestHub {
      if (!state.hub) throw new Error('the hub starts in beforeAll: use it inside a test')
      return state.hub
    },
    get alice() {
      return state.alice
    },
    get bob() {
      return state.bob
    },
    archiveFile: () => state.archiveFile()
  }
}

/** The seed of the kill moments (the same sequence in both files: the default run's kills are the first of the exhaustive run's). */
export const KILL_SEED = 7

const CONTENT = [
  `SELECT uid, external_id, title FROM sources ORDER BY uid`,
  `SELECT sha256, text_sha256 FROM snapshots ORDER BY sha256`,
  `SELECT id, text FROM sentences ORDER BY id`,
  `SELECT id, sentence_id, relation, exact, created_by FROM links ORDER BY id`,
  `SELECT sentence_id, status, updated_by FROM reviews ORDER BY sentence_id`
]

/** What a person sees in an archive: sources, snapshots, sentences, links and reviews. */
export function content(path: string): unknown[] {
  const db = openArchive(path, { readonly: true })
  try {
    return CONTENT.map((sql) => db.prepare(sql).all())
  } finally {
    db.close()
  }
}

/** Starts `attest sync` and kills it with SIGKILL after `ms`; resolves with whether it was killed (not finished) when it is gone. */
function syncKilledAfter(archive: string, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(REPO, 'bin/attest.js'), 'sync', '--archive', archive], { cwd: REPO, stdio: 'ignore' })
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      done(signal === 'SIGKILL')
    })
  })
}

/**
 * Alice (the troops-border case with its gold links) and Bob (empty) sync in
 * turn, each run killed at a seeded moment within 1.5 s, `kills` times; then
 * two plain rounds each. Both archives must end identical and intact, and the
 * hub clean.
 */
export async function expectSyncSurvivesKills(hub: TestHub, urls: { alice: string; bob: string }, newArchive: () => { path: string }, kills: number): Promise<void> {
  const random = seededRandom(KILL_SEED)
  const alice = newArchive()
  const bob = newArchive()
  const db: ArchiveDb = openArchive(alice.path)
  await importCaseWithGoldLinks(db)
  db.close()
  for (const [path, url] of [[alice.path, urls.alice], [bob.path, urls.bob]] as const) {
    // Remember each archive's hub (URL with password only here, in the test).
    const d = openArchive(path)
    d.prepare(`INSERT INTO settings (key, value) VALUES ('hub.url', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(url)
    d.close()
  }
  let killed = 0
  for (let k = 0; k < kills; k++) if (await syncKilledAfter(k % 2 === 0 ? alice.path : bob.path, Math.floor(random() * 1500))) killed++
  // Most runs die mid-way (the first pushes and pulls take seconds); later, quick ones may finish first.
  expect(killed).toBeGreaterThan(0)
  for (const path of [alice.path, bob.path, alice.path, bob.path]) {
    const r = await runAttest(['sync', '--archive', path])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  }
  expect(content(bob.path)).toEqual(content(alice.path))
  for (const path of [alice.path, bob.path]) {
    const d = openArchive(path, { readonly: true })
    expect(checkIntegrity(d).problems).toEqual([])
    d.close()
  }
  const report = await checkHub(hub.ownerUrl)
  expect(report.problems).toEqual([])
}
