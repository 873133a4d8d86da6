// A bundle is untrusted input: what verify and import read from it into
// memory is bounded per file. A bag whose report.json is padded past the
// limit (valid JSON, every manifest regenerated to match, so only the size
// is wrong) is refused with a problem naming the file and the limit, not
// read whole — the attack this guards against was an 18 MB zip whose 500 MB
// report.json drove verify to 2.2 GB.

import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importBytes } from '../../../../electron/core/import/import-file'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { MAX_BUNDLE_JSON_BYTES } from '../../../../electron/core/bundle/bundle-limits'
import { writeBag, type PayloadItem } from '../../../../electron/core/bundle/bagit-write'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'

let out: ReturnType<typeof tempDir>
let padded: string
let genuine: string

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

beforeAll(async () => {
  out = tempDir()
  const a = tempArchive()
  const r = await importBytes(a.db, testStamp(), Buffer.from('The mayor said taxes rose 5%. Nobody agreed.'), { fileName: 'report.txt', report: true })
  genuine = join(out.path, 'genuine')
  await exportBundle(a.db, r.report!.id, genuine, { format: 'dir', claimReview: false })
  a.cleanup()
  // Re-bag the same payload with report.json padded by whitespace: still
  // the same JSON value, and a bag whose manifests all agree.
  const payload: PayloadItem[] = walk(join(genuine, 'data')).map((file) => {
    const path = relative(join(genuine, 'data'), file).split('\\').join('/')
    const bytes = readFileSync(file)
    return { path, bytes: path === 'report.json' ? Buffer.concat([bytes, Buffer.alloc(MAX_BUNDLE_JSON_BYTES, 0x20)]) : bytes }
  })
  padded = join(out.path, 'padded')
  await writeBag({ kind: 'dir', path: padded }, payload, { 'Source-Organization': 'Attacker' })
}, 120_000)
afterAll(() => out.cleanup())

describe('per-file limits on what a bundle makes us read', () => {
  it('verify names report.json as over the limit instead of reading it whole', async () => {
    const v = await verifyBundle(padded)
    expect(v.usable).toBe(true)
    expect(v.valid).toBe(false)
    expect(v.problems).toContainEqual(expect.objectContaining({ code: 'BUNDLE_FILE_TOO_LARGE', file: 'data/report.json' }))
    expect(v.problems.find((p) => p.file === 'data/report.json')!.message).toContain(`${MAX_BUNDLE_JSON_BYTES} bytes`)
  }, 60_000)

  it('import-bundle refuses it with BUNDLE_INVALID and writes nothing', async () => {
    const a = tempArchive()
    try {
      const err = await importBundle(a.db, testStamp(), padded).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'BUNDLE_INVALID' })
      expect((err as Error).message).toMatch(/report\.json.*larger than/)
      expect(a.db.prepare(`SELECT count(*) FROM bundle_imports`).pluck().get()).toBe(0)
    } finally {
      a.cleanup()
    }
  }, 60_000)

  it('import-bundle refuses more snapshot bytes than one import may hold, before reading them', async () => {
    const a = tempArchive()
    try {
      const err = await importBundle(a.db, testStamp(), genuine, { maxImportBytes: 10 }).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'BUNDLE_INVALID' })
      expect((err as Error).message).toMatch(/bytes of snapshots, more than the 10 one import can hold; nothing was written/)
      expect(a.db.prepare(`SELECT count(*) FROM bundle_imports`).pluck().get()).toBe(0)
      // The same bundle within the limit imports.
      expect((await importBundle(a.db, testStamp(), genuine)).snapshots.created).toBe(1)
    } finally {
      a.cleanup()
    }
  }, 60_000)
})
