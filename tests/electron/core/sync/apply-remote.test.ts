import { afterEach, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { setReview, getReview } from '../../../../electron/core/linking/reviews'
import { listDisputes } from '../../../../electron/core/sync/review-heads'
import { sentenceHistory } from '../../../../electron/core/linking/sentence-history'
import { applyRemoteBatch, hashPulledEvent } from '../../../../electron/core/sync/apply-remote'
import type { HubEvent } from '../../../../electron/core/sync/hub-port'
import { canonicalJson } from '../../../../shared/canonical-json'
import { importBytes } from '../../../../electron/core/import/import-file'
import { GENESIS_HASH, hashEvent } from '../../../../electron/core/archive/events'
import { listSentences } from '../../../../electron/core/archive/reports'
import { listVerdictSignOffs, signOffRequired } from '../../../../electron/core/sync/sign-off'
import { HUB, hubEventsOf, transfer } from './transfer'
import { nth } from '../../../helpers/nth'
import { archiveUid, ensureHub } from '../../../../electron/core/sync/sync-archive'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'

// The archive side of sync: another archive's events, carried as a hub
// carries them, rebuild the same sources, snapshots, report, links and
// reviews here — and reviews made apart become a dispute on both sides.

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})
function archive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  return a
}

const rows = (db: ArchiveDb, sql: string): unknown[] => db.prepare(sql).all()
const LINKS = `SELECT id, sentence_id, snapshot_sha256, relation, start, end, exact, created_at, created_by, removed_at FROM links ORDER BY id`
const SOURCES = `SELECT uid, external_id, title, url FROM sources ORDER BY uid`
const SNAPSHOTS = `SELECT sha256, text_sha256, text, page_map, media_type FROM snapshots ORDER BY sha256`
const SENTENCES = `SELECT id, idx, start, end, text FROM sentences ORDER BY id`

describe('applying a colleague\'s events', () => {
  it('rebuilds the troops-border case exactly (sources, snapshots, sentences, links) and passes check-integrity', async () => {
    const alice = archive()
    await importCaseWithGoldLinks(alice.db)
    const bob = archive()
    const summary = transfer(alice.db, bob.db)
    expect(summary.skipped).toEqual([])
    expect(summary.links.created).toBeGreaterThanOrEqual(12)
    for (const sql of [SOURCES, SNAPSHOTS, SENTENCES, LINKS]) expect(rows(bob.db, sql)).toEqual(rows(alice.db, sql))
    const check = checkIntegrity(bob.db)
    expect(check.problems).toEqual([])
    expect(check.ok).toBe(true)
  })

  it('is idempotent: the same batch twice changes nothing the second time', async () => {
    const alice = archive()
    await importCaseWithGoldLinks(alice.db)
    const bob = archive()
    const { events, blobs } = hubEventsOf(alice.db)
    ensureHub(bob.db, HUB, archiveUid(bob.db))
    const first = applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events, blobs })
    const links = rows(bob.db, LINKS)
    const second = applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events, blobs })
    expect(first.events).toBe(events.length)
    expect(second.events).toBe(0)
    expect(second.alreadyKnown).toBe(events.length)
    expect(rows(bob.db, LINKS)).toEqual(links)
  })

  it('refuses a batch whose event was altered on the hub, applying none of it', async () => {
    const alice = archive()
    await importCaseWithGoldLinks(alice.db)
    const bob = archive()
    ensureHub(bob.db, HUB, archiveUid(bob.db))
    const { events, blobs } = hubEventsOf(alice.db)
    const forge = (data: object) => ({ data, dataText: canonicalJson(data) })
    const forged = events.map((e) => (e.action === 'link.created' ? { ...e, ...forge({ ...(e.data as object), relation: 'contradicts' }) } : e))
    expect(() => applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events: forged, blobs })).toThrow(expect.objectContaining({ code: 'HUB_CHAIN_CONFLICT' }))
    expect(rows(bob.db, `SELECT * FROM links`)).toEqual([])
    expect(rows(bob.db, `SELECT * FROM imported_events`)).toEqual([])
  })

  it('verifies each event over the data text the hub sent, byte for byte: the same hash as hashEvent gives the parsed data', async () => {
    const alice = archive()
    await importCaseWithGoldLinks(alice.db)
    const { events } = hubEventsOf(alice.db)
    expect(new Set(events.map((e) => e.action)).size).toBeGreaterThan(3)
    for (const e of events) expect(hashPulledEvent(e)).toBe(hashEvent({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, data: e.data, prevHash: e.prevHash }))
  })

  it('refuses data text that means the same but is not the canonical text that was hashed (spaces, key order), applying none of the batch', async () => {
    const alice = archive()
    await importCaseWithGoldLinks(alice.db)
    const bob = archive()
    ensureHub(bob.db, HUB, archiveUid(bob.db))
    const { events, blobs } = hubEventsOf(alice.db)
    const reordered = (data: object) => JSON.stringify(Object.fromEntries(Object.entries(data).reverse()))
    for (const respell of [(e: HubEvent) => JSON.stringify(e.data, null, 1), (e: HubEvent) => reordered(e.data as object)]) {
      const altered = events.map((e) => (e.action === 'link.created' ? { ...e, dataText: respell(e) } : e))
      expect(altered.some((e, i) => e.dataText !== nth(events, i).dataText)).toBe(true)
      expect(() => applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events: altered, blobs })).toThrow(expect.objectContaining({ code: 'HUB_CHAIN_CONFLICT' }))
      expect(rows(bob.db, `SELECT * FROM imported_events`)).toEqual([])
    }
  })

  it('matches the same document archived by two people: by external id, and by canonical URL with the same bytes', async () => {
    const alice = archive()
    const bob = archive()
    const bytes = new TextEncoder().encode('The order was signed on 1 April. It deploys 2,000 troops.\n')
    await importBytes(alice.db, testStamp('alice'), bytes, { fileName: 'order.txt', source: { title: 'Order', url: 'https://Example.org/order/?utm_source=mail#top' } })
    await importBytes(bob.db, testStamp('bob'), bytes, { fileName: 'order.txt', source: { title: 'The order', url: 'http://example.org/order' } })
    const other = new TextEncoder().encode('A different document at the same address.\n')
    await importBytes(alice.db, testStamp('alice'), other, { fileName: 'other.txt', source: { title: 'Other', url: 'https://example.org/elsewhere' } })
    const summary = transfer(alice.db, bob.db)
    expect(summary.skipped).toEqual([])
    const sources = rows(bob.db, `SELECT title, url FROM sources ORDER BY id`)
    // One source for the order (bob's), one new one for the other document.
    expect(sources).toEqual([{ title: 'The order', url: 'http://example.org/order' }, { title: 'Other', url: 'https://example.org/elsewhere' }])
    expect(rows(bob.db, `SELECT matched_by FROM sync_sources ORDER BY created_at, matched_by`)).toEqual([{ matched_by: 'created' }, { matched_by: 'url-and-bytes' }])
  })
})

describe('reviews made apart', () => {
  async function twoDesks() {
    const alice = archive()
    await importCaseWithGoldLinks(alice.db)
    const bob = archive()
    transfer(alice.db, bob.db)
    const sentence = alice.db.prepare(`SELECT id FROM sentences WHERE idx = 3`).pluck().get() as string
    return { alice, bob, sentence }
  }

  it('become a dispute on both sides, with both opinions and the same shown status, until a review citing both resolves it', async () => {
    const { alice, bob, sentence } = await twoDesks()
    setReview(alice.db, testStamp('alice', '2026-02-01T10:00:00.000Z'), sentence, 'supported', 'the proclamation says so')
    setReview(bob.db, testStamp('bob', '2026-02-01T11:00:00.000Z'), sentence, 'contradicted', 'the order says otherwise')
    const toBob = transfer(alice.db, bob.db)
    const toAlice = transfer(bob.db, alice.db)
    expect(toBob.reviews.disputed).toEqual([sentence])
    expect(toAlice.reviews.disputed).toEqual([sentence])
    const disputes = listDisputes(alice.db)
    expect(disputes).toEqual(listDisputes(bob.db))
    expect(nth(disputes, 0).heads.map((h) => [h.actor, h.status])).toEqual([['bob', 'contradicted'], ['alice', 'supported']])
    expect(getReview(alice.db, sentence)).toEqual(getReview(bob.db, sentence))
    // Alice's history of the sentence shows Bob's review too, and whose device it came from.
    const history = sentenceHistory(alice.db, sentence).filter((h) => h.action === 'review.set')
    expect(history.map((h) => [h.actor, (h.data as { after: { status: string } }).after.status, h.from?.member ?? 'this archive'])).toEqual([
      ['alice', 'supported', 'this archive'],
      ['bob', 'contradicted', 'bob']
    ])

    // Bob settles it (here: Alice was right); the resolution reaches Alice and ends the dispute there too.
    setReview(bob.db, testStamp('bob', '2026-02-02T09:00:00.000Z'), sentence, 'supported', 'the proclamation says so')
    expect(listDisputes(bob.db)).toEqual([])
    transfer(bob.db, alice.db)
    expect(listDisputes(alice.db)).toEqual([])
    expect(getReview(alice.db, sentence)).toMatchObject({ status: 'supported', updatedBy: 'bob' })
    expect(checkIntegrity(alice.db).problems).toEqual([])
    expect(checkIntegrity(bob.db).problems).toEqual([])
  })

  it('that follow each other (one saw the other\'s) are no dispute, whatever order they arrive in', async () => {
    const { alice, bob, sentence } = await twoDesks()
    setReview(alice.db, testStamp('alice', '2026-02-01T10:00:00.000Z'), sentence, 'supported', null)
    transfer(alice.db, bob.db)
    setReview(bob.db, testStamp('bob', '2026-02-01T11:00:00.000Z'), sentence, 'partly-supported', 'only half')
    const carol = archive()
    // Carol gets Bob's chain (including his review) before Alice's: the graph, not the order, decides.
    transfer(bob.db, carol.db)
    transfer(alice.db, carol.db)
    transfer(bob.db, alice.db)
    for (const db of [alice.db, bob.db, carol.db]) {
      expect(listDisputes(db)).toEqual([])
      expect(getReview(db, sentence)).toMatchObject({ status: 'partly-supported', updatedBy: 'bob' })
    }
  })
})

describe('chain continuity on pull', () => {
  async function aliceAndBob() {
    const alice = archive()
    await importCaseWithGoldLinks(alice.db)
    const bob = archive()
    ensureHub(bob.db, HUB, archiveUid(bob.db))
    return { alice, bob, ...hubEventsOf(alice.db) }
  }
  const refusal = (archiveId: string) => expect.objectContaining({ code: 'HUB_CHAIN_CONFLICT', message: expect.stringContaining(`archive ${archiveId}`) })

  it('refuses a chain with a hole to a member who sees every case, naming the chain, and applies nothing', async () => {
    const { alice, bob, events, blobs } = await aliceAndBob()
    const holed = events.filter((e) => e.seq !== 4)
    expect(() => applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events: holed, blobs })).toThrow(refusal(archiveUid(alice.db)))
    expect(rows(bob.db, `SELECT count(*) AS n FROM imported_events`)).toEqual([{ n: 0 }])
  })

  it('lets a member limited to some cases receive a chain with holes, in any order, but not an event re-hashed beside one they hold', async () => {
    const { alice, bob, events, blobs } = await aliceAndBob()
    const at = (seq: number) => events.filter((e) => e.seq === seq)
    const early = events.filter((e) => e.seq <= 5)
    const late = events.filter((e) => e.seq >= 8)
    applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events: [...early, ...late], blobs, gapsHidden: true })
    // Event 7 is re-written on the hub with a hash of its own: consistent in itself, it no longer leads to event 8.
    const forged = at(7).map((e) => {
      const data = { ...(e.data as object), forged: true }
      return { ...e, data, hash: hashEvent({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, data, prevHash: e.prevHash }) }
    })
    expect(() => applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events: forged, blobs, gapsHidden: true })).toThrow(refusal(archiveUid(alice.db)))
    // The genuine events 6 and 7, back-filled later, fit both neighbours.
    const filled = applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events: [...at(6), ...at(7)], blobs, gapsHidden: true })
    expect(filled.events).toBe(2)
  })
})

describe('a colleague\'s event this archive cannot use', () => {
  it('is kept in the log and skipped with the reason, alone: the rest of the batch applies, and every view of the log still loads', async () => {
    const bob = archive()
    const { report } = await importCaseWithGoldLinks(bob.db)
    const sentence = nth(listSentences(bob.db, report.id), 1)
    ensureHub(bob.db, HUB, archiveUid(bob.db))
    // Mallory's chain, hashed right (the hub re-hashes; it does not know what each action's data holds)
    const chain: HubEvent[] = []
    const add = (action: string, subject: string, data: unknown): void => {
      const prevHash = chain.at(-1)?.hash ?? GENESIS_HASH
      const base = { seq: chain.length + 1, at: `2026-03-0${chain.length + 1}T00:00:00.000Z`, actor: 'mallory', action, subject, data, prevHash }
      chain.push({ ...base, hash: hashEvent(base), dataText: canonicalJson(data), hubSeq: String(900 + chain.length), archiveId: 'archive-mallory', sidecar: null, caseId: null, pushedBy: 'mallory', receivedAt: '' })
    }
    add('snapshot.created', `snapshot:${'a'.repeat(64)}`, {})
    add('link.created', 'link:l-1', null)
    add('review.set', `sentence:${sentence.id}`, { after: { status: 'bogus' } })
    add('review.signed-off', 'review:x', null)
    add('team.sign-off-rule', 'team', null)
    add('link.removed', 'link:l-1', null)
    add('review.set', `sentence:${sentence.id}`, { before: null, after: { status: 'contradicted', note: 'the order says 1,500' } })

    const summary = applyRemoteBatch(bob.db, testStamp('bob'), { hub: HUB, events: chain, blobs: new Map() })
    expect(summary.events).toBe(chain.length)
    expect(summary.skipped.map((s) => s.action)).toEqual(['snapshot.created', 'link.created', 'link.removed'])
    // the first two would have thrown (missing fields): rolled back alone and named; the removal names a link that is not here
    expect(summary.skipped.slice(0, 2).map((s) => s.why)).toEqual([expect.stringMatching(/^its data is not what a snapshot\.created event holds \(.+\); kept in the log, not applied$/), expect.stringMatching(/^its data is not what a link\.created event holds/)])
    // the valid review after them counts; the bogus one is no part of the verdict
    expect(getReview(bob.db, sentence.id)).toMatchObject({ status: 'contradicted', updatedBy: 'mallory' })
    expect(listDisputes(bob.db)).toEqual([])
    expect(signOffRequired(bob.db)).toBe(false)
    expect(() => listVerdictSignOffs(bob.db, report.id)).not.toThrow()
    expect(() => sentenceHistory(bob.db, sentence.id)).not.toThrow()
    expect(() => checkIntegrity(bob.db)).not.toThrow()
    // kept: the chain is whole here, so Mallory's next event still follows
    expect(bob.db.prepare(`SELECT count(*) FROM imported_events`).pluck().get()).toBe(chain.length)
  })
})
