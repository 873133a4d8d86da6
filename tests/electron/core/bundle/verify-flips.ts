// The single-byte flips of a whole exported bundle, shared by
// verify-bundle.test.ts (a fixed-seed sample of positions per file, in the
// default run) and verify-bundle-flips.exhaustive.test.ts (every byte, in the
// `exhaustive` project that CI also runs).

import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { listSentences } from '../../../../electron/core/archive/reports'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { importBytes } from '../../../../electron/core/import/import-file'
import { createLink } from '../../../../electron/core/linking/links'
import { setReview } from '../../../../electron/core/linking/reviews'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'

/** A one-link report: small enough to flip every byte of its bundle. */
async function smallReport(db: ArchiveDb): Promise<number> {
  const report = await importBytes(db, testStamp(), Buffer.from('The mayor said taxes rose 5%. Nobody agreed.'), {
    fileName: 'report.txt',
    report: true,
    source: { externalId: 'r1', title: 'Small report' }
  })
  const source = await importBytes(db, testStamp(), Buffer.from('Council minutes: taxes rose 5% this year.'), {
    fileName: 'minutes.txt',
    source: { externalId: 'm1', kind: 'primary', title: 'Minutes' },
    capturedAt: '2026-01-01T00:00:00.000Z'
  })
  const sentence = listSentences(db, report.report!.id)[0]!
  createLink(db, testStamp('ana'), { sentenceId: sentence.id, snapshotId: source.snapshot.id, start: 17, end: 40, relation: 'supports' })
  setReview(db, testStamp('ana'), sentence.id, 'supported', null)
  return report.report!.id
}

/** Exports the small report as a bag directory at `dir`. */
export async function exportSmallBag(dir: string, now: Date): Promise<void> {
  const small = tempArchive()
  try {
    await exportBundle(small.db, await smallReport(small.db), dir, { format: 'dir', claimReview: false, now })
  } finally {
    small.cleanup()
  }
}

/** Every file of a bag directory, relative to it. */
export function bagFiles(bag: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name)
      return statSync(p).isDirectory() ? walk(p) : [p]
    })
  return walk(bag).map((f) => relative(bag, f))
}

export interface Flip {
  rel: string
  at: number
}

/**
 * Flips each given byte in turn (restoring it after), in four scratch copies
 * so verifications overlap, and returns the flips verification did not
 * notice. Without re-extraction per flip (speed): the forgeries in
 * verify-bundle.test.ts exercise it; every flip must still be named by some
 * check.
 */
export async function unnoticedFlips(bag: string, scratch: string, flips: readonly Flip[]): Promise<string[]> {
  const copies = [0, 1, 2, 3].map((i) => {
    const dir = join(scratch, `flip-${i}`)
    cpSync(bag, dir, { recursive: true })
    return dir
  })
  let next = 0
  const missed: string[] = []
  await Promise.all(
    copies.map(async (copy) => {
      while (next < flips.length) {
        const { rel, at } = flips[next++]!
        const file = join(copy, rel)
        const original = readFileSync(file)
        const changed = Buffer.from(original)
        changed[at] = changed[at]! ^ 0x01
        writeFileSync(file, changed)
        try {
          const r = await verifyBundle(copy, { reextract: false })
          if (r.valid || r.problems.length === 0) missed.push(`${rel} byte ${at}`)
        } finally {
          writeFileSync(file, original)
        }
      }
    })
  )
  return missed
}
