// Verifying bundles: a genuine one passes every layer; any single-byte change
// anywhere in a small bundle is caught; forgeries that regenerate every
// manifest (so the bag itself is "valid") are still caught by re-extracting
// the text from the snapshot bytes and by walking the event chain.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { keygen } from '../../../../electron/core/bundle/sign'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'
import { tempArchive, tempDir } from '../../../helpers/temp-archive'
import { samplePositions, seededRandom } from '../../../helpers/seeded-random'
import { bagFiles, exportSmallBag, unnoticedFlips } from './verify-flips'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'

const NOW = new Date('2026-02-03T10:00:00Z')
const FLIP_SEED = 7
const FLIPS_PER_FILE = 12
let out: ReturnType<typeof tempDir>
let troopsBag: string
let smallBag: string
const key = keygen()

beforeAll(async () => {
  out = tempDir()
  const troops = tempArchive()
  const { report } = await importCaseWithGoldLinks(troops.db)
  troopsBag = join(out.path, 'troops.zip')
  await exportBundle(troops.db, report.id, troopsBag, { format: 'zip', claimReview: true, now: NOW, signKeyPem: key.privateKeyPem })
  troops.cleanup()
  smallBag = join(out.path, 'small')
  await exportSmallBag(smallBag, NOW)
}, 120_000)
afterAll(() => out.cleanup())

describe('verifyBundle on genuine bundles', () => {
  it('passes the troops-border bundle on every layer and names its signer', async () => {
    const r = await verifyBundle(troopsBag)
    expect(r.problems).toEqual([])
    expect(r.valid).toBe(true)
    expect(r.usable).toBe(true)
    expect(r.signature).toEqual({ fingerprint: key.fingerprint, valid: true })
    expect(r.summary!.links).toBeGreaterThan(5)
    expect(r.warnings.filter((w) => w.code.startsWith('TEXT_'))).toEqual([])
  })

  it('reports whether the signer is trusted', async () => {
    expect((await verifyBundle(troopsBag, { trustedFingerprints: [key.fingerprint] })).signature?.trusted).toBe(true)
    const untrusted = await verifyBundle(troopsBag, { trustedFingerprints: [keygen().fingerprint] })
    expect(untrusted.valid).toBe(false)
    expect(untrusted.signature?.trusted).toBe(false)
    expect(untrusted.problems.map((p) => p.code)).toContain('SIGNER_UNTRUSTED')
  })

  it('says "unusable", not "invalid", for something that is not a bag', async () => {
    const notBag = join(out.path, 'notes.txt')
    writeFileSync(notBag, 'hello')
    expect((await verifyBundle(notBag)).usable).toBe(false)
    expect((await verifyBundle(join(out.path, 'nothing-here'))).usable).toBe(false)
  })
})

describe('tampering', () => {
  it(`catches a single-byte change at ${FLIPS_PER_FILE} sampled places (seed ${FLIP_SEED}) in every payload and tag file of a small bundle`, async () => {
    // Every byte is flipped in verify-bundle-flips.exhaustive.test.ts (CI runs it).
    expect((await verifyBundle(smallBag)).problems).toEqual([])
    const random = seededRandom(FLIP_SEED)
    const flips = bagFiles(smallBag).flatMap((rel) => samplePositions(readFileSync(join(smallBag, rel)).length, FLIPS_PER_FILE, random).map((at) => ({ rel, at })))
    expect(flips.length).toBeGreaterThan(100)
    expect(await unnoticedFlips(smallBag, out.path, flips)).toEqual([])
    expect((await verifyBundle(smallBag)).valid).toBe(true)
  })

  /** Rewrites the bag with changed payload and freshly computed manifests: a forger's best effort. */
  async function forge(name: string, change: (path: string, bytes: Buffer) => Buffer): Promise<string> {
    const target = join(out.path, name)
    const dataDir = join(smallBag, 'data')
    const items = bagFiles(dataDir).map((rel) => {
      const path = rel.split('\\').join('/')
      return { path, bytes: change(path, readFileSync(join(dataDir, rel))) }
    })
    await writeBag({ kind: 'dir', path: target }, items, { 'Bagging-Date': '2026-02-03' })
    return target
  }

  it('catches extracted text edited to match, with every hash and manifest recomputed, by re-extracting from the bytes', async () => {
    const { createHash } = await import('node:crypto')
    const report = JSON.parse(readFileSync(join(smallBag, 'data/report.json'), 'utf8'))
    const sha = report.links[0].snapshotSha256
    const forgedText = 'Council minutes: taxes rose 9% this year.'
    const forgedHash = createHash('sha256').update(forgedText).digest('hex')
    const target = await forge('forged-text', (path, bytes) => {
      if (path === `snapshots/${sha}.text.txt`) return Buffer.from(forgedText)
      if (path === `snapshots/${sha}.meta.json`) {
        const meta = JSON.parse(bytes.toString('utf8'))
        meta.captures[0].textSha256 = forgedHash
        return Buffer.from(JSON.stringify(meta, null, 2) + '\n')
      }
      return bytes
    })
    const r = await verifyBundle(target)
    expect(r.valid).toBe(false)
    const problem = r.problems.find((p) => p.code === 'TEXT_NOT_FROM_SNAPSHOT')!
    expect(problem.file).toBe(`data/snapshots/${sha}.txt`)
    expect(problem.expected).toBe(forgedHash)
    expect(problem.actual).toBe(createHash('sha256').update('Council minutes: taxes rose 5% this year.').digest('hex'))
  })

  it('catches a rewritten event (who made a link) through the hash chain and the link/log cross-check', async () => {
    const target = await forge('forged-events', (path, bytes) =>
      path.startsWith('events/') ? Buffer.from(bytes.toString('utf8').replace('"actor":"ana"', '"actor":"mallory"')) : bytes
    )
    const r = await verifyBundle(target)
    expect(r.valid).toBe(false)
    expect(r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['EVENT_CHAIN_BROKEN', 'LINK_LOG_MISMATCH']))
  })

  it('catches an annotation moved to other words, and one that breaks a W3C MUST', async () => {
    const target = await forge('forged-annotation', (path, bytes) => {
      if (path !== 'annotations.jsonld') return bytes
      const c = JSON.parse(bytes.toString('utf8'))
      const item = c.first.items[0]
      // The selectors that hold in the text are the rendition's (the first item of a Choice).
      const rendition = (side: any) => (side.type === 'Choice' ? side.items[0] : side)
      rendition(item.body).selector[0].start += 2
      item.created = 'last week'
      // The target names a text rendition other than the one it points into.
      rendition(item.target).source.id = `urn:sha256:${'0'.repeat(64)}`
      return Buffer.from(JSON.stringify(c, null, 2))
    })
    const codes = (await verifyBundle(target)).problems.map((p) => p.code)
    expect(codes).toEqual(expect.arrayContaining(['ANCHOR_MOVED', 'WEB_ANNOTATION_RULE', 'ANNOTATION_MISMATCH', 'ANNOTATION_SOURCE_MISMATCH']))
  })
})
