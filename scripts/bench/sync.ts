// Benchmark: team sync end to end (issue #12), on a throw-away PostgreSQL
// cluster, through the real archive code (push with blobs and sidecars, pull
// and apply in batches):
// - a new member's first pull of a team archive whose report has N sentences
//   (1M by default, 50k with --quick), with the whole push before it;
// - one new link synced to a colleague who is up to date (push on one side,
//   pull and apply on the other), against the hub transport alone for the same
//   event (Hub.pushEvents + pullEvents: what sync adds on top of the wire).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive } from '../../electron/core/archive/open-archive'
import { listSentences } from '../../electron/core/archive/reports'
import { appendEvent } from '../../electron/core/archive/events'
import { addMember, initHub } from '../../electron/core/hub/admin'
import { openHub } from '../../electron/core/hub/hub'
import { importBytes } from '../../electron/core/import/import-file'
import { createLink } from '../../electron/core/linking/links'
import { syncArchive } from '../../electron/core/sync/sync-archive'
import { startPgCluster } from '../../tests/helpers/pg-cluster'
import type { Figure } from './archive'

const WORDS = 'the border troops order secretary defense national emergency report said units forces homeland security migrants november administration president'.split(' ')

/** A report of `n` sentences of plain words (deterministic). */
function reportText(n: number): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(`Sentence ${i} says the ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} moved ${i % 97} units.`)
  return out.join(' ')
}

const stamp = (actor: string) => ({ actor, at: new Date().toISOString() })

export async function benchSync(quick = false): Promise<Figure[]> {
  const sentences = quick ? 50_000 : 1_000_000
  const cluster = await startPgCluster()
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-sync-'))
  try {
    await initHub(cluster.url)
    for (const role of ['ana', 'ben']) await addMember(cluster.url, { role, displayName: role, password: `${role}-bench-secret` })
    const anaUrl = cluster.urlFor('ana', 'ana-bench-secret')
    const benUrl = cluster.urlFor('ben', 'ben-bench-secret')
    const ana = openArchive(join(dir, 'ana.attest'), { create: true })
    const ben = openArchive(join(dir, 'ben.attest'), { create: true })
    const report = await importBytes(ana, stamp('ana'), Buffer.from(reportText(sentences)), { fileName: 'report.txt', report: true })
    const source = await importBytes(ana, stamp('ana'), Buffer.from(`${WORDS.join(' ')}. The order moved 42 units.\n`), { fileName: 'order.txt' })
    const reportSentences = listSentences(ana, report.report!.id)
    const link = (i: number) => {
      const sentence = reportSentences[i]
      if (!sentence) throw new Error(`sync bench: the report has ${reportSentences.length} sentences, none at ${i} to link`)
      createLink(ana, stamp('ana'), { sentenceId: sentence.id, snapshotId: source.snapshot.id, start: 0, end: 3, relation: 'supports' })
    }
    for (let i = 0; i < 1000; i++) link(i)

    const anaHub = await openHub(anaUrl)
    const benHub = await openHub(benUrl)
    let t = performance.now()
    const pushed = await syncArchive(ana, anaHub, anaUrl)
    const pushMs = performance.now() - t
    t = performance.now()
    const firstPull = await syncArchive(ben, benHub, benUrl)
    const firstPullMs = performance.now() - t
    await syncArchive(ana, anaHub, anaUrl) // quiet again

    // One new link, synced: Ana pushes it, Ben pulls and applies it.
    link(1000)
    t = performance.now()
    await syncArchive(ana, anaHub, anaUrl)
    await syncArchive(ben, benHub, benUrl)
    const oneLinkMs = performance.now() - t
    // The transport alone for one event: push it and pull it as Hub calls.
    await anaHub.registerArchive('bench-wire', 'wire')
    const e = appendEvent(openArchive(join(dir, 'wire.attest'), { create: true }), stamp('ana'), 'note.added', 'note:1', {})
    t = performance.now()
    await anaHub.pushEvents('bench-wire', [e])
    const cursor = String(ben.prepare(`SELECT pulled_hub_seq FROM sync_hubs`).pluck().get())
    await benHub.pullEvents(cursor, 10, 'none')
    const wireMs = performance.now() - t
    const linked = ben.prepare(`SELECT count(*) FROM links`).pluck().get() as number
    await Promise.all([anaHub.close(), benHub.close()])
    ana.close()
    ben.close()
    return [
      {
        name: `sync: a new member's first pull of a ${sentences.toLocaleString('en')}-sentence report (and Ana's first push)`,
        ours: firstPullMs,
        baseline: null,
        ratio: null,
        unit: 'ms',
        goal: 'report the time',
        met: null,
        details: { pushMs: Math.round(pushMs), pushedEvents: pushed.pushed.events, pushedBlobBytes: pushed.pushed.blobs.bytes, pulledEvents: firstPull.pulled.events }
      },
      {
        name: 'sync: one new link to an up-to-date colleague (push + pull and apply)',
        ours: oneLinkMs,
        baseline: wireMs,
        ratio: oneLinkMs / wireMs,
        unit: 'ms (baseline: the hub transport alone, one event pushed and pulled)',
        goal: '<= 1000 ms',
        met: oneLinkMs <= 1000 && linked === 1001,
        details: { linksAtBen: linked }
      }
    ]
  } finally {
    cluster.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
