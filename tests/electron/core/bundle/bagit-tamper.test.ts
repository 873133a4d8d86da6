// Tamper evidence: in a small signed bag, flipping ANY single byte of ANY
// file must make the bag invalid, with a problem that names the altered file
// (or, for a manifest, a problem raised while reading that manifest).

import { statSync } from 'node:fs'
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import yauzl from 'yauzl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateBag } from '../../../../electron/core/bundle/bagit-validate'
import type { BagValidation } from '../../../../electron/core/bundle/bagit-validate'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'
import { keygen } from '../../../../electron/core/bundle/sign'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const PAYLOAD = [
  { path: 'annotations.jsonld', bytes: enc('{"type":"Annotation"}\n') },
  { path: 'snapshots/page one.html', bytes: enc('<p>42%</p>\n') },
  { path: 'report.html', bytes: enc('<h1>Misleading</h1>\n') }
]
const INFO = { 'Bagging-Date': '2024-05-01' }

let dir: string
let bagDir: string
let bagZip: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attest-bag-tamper-'))
  const key = keygen()
  bagDir = join(dir, 'bag')
  bagZip = join(dir, 'bag.zip')
  await writeBag({ kind: 'dir', path: bagDir }, PAYLOAD, INFO, { sign: { privateKeyPem: key.privateKeyPem } })
  await writeBag({ kind: 'zip', path: bagZip }, PAYLOAD, INFO, { sign: { privateKeyPem: key.privateKeyPem } })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/')).sort()
}

function namesFile(result: BagValidation, file: string): boolean {
  return result.problems.some((p) => p.file === file || p.message.includes(file))
}

describe('flipping one byte', () => {
  it('the untouched bags are valid', async () => {
    expect((await validateBag(bagDir)).problems).toEqual([])
    expect((await validateBag(bagZip)).problems).toEqual([])
  })

  it('anywhere in any file of the bag directory makes it invalid and names the file', async () => {
    const files = await filesUnder(bagDir)
    expect(files).toContain('tagmanifest-sha256.txt.sig')
    // A few scratch copies so validations overlap (they mostly wait on the
    // disk); in each, one byte of one file is flipped and restored afterwards,
    // so every validation sees exactly one tampered byte.
    const lanes = await Promise.all(
      Array.from({ length: 6 }, async (_, n) => {
        const scratch = join(dir, `scratch-${n}`)
        await cp(bagDir, scratch, { recursive: true })
        return scratch
      })
    )
    const flips: Array<{ file: string; at: number }> = files.flatMap((file) => {
      const size = statSync(join(bagDir, file)).size
      expect(size).toBeLessThan(1024)
      return Array.from({ length: size }, (_, at) => ({ file, at }))
    })
    const unnoticed: string[] = []
    let next = 0
    await Promise.all(
      lanes.map(async (scratch) => {
        while (next < flips.length) {
          const { file, at } = flips[next++]
          const original = await readFile(join(bagDir, file))
          const tampered = Buffer.from(original)
          tampered[at] ^= 0xff
          await writeFile(join(scratch, file), tampered)
          const result = await validateBag(scratch)
          if (result.valid || !namesFile(result, file)) {
            unnoticed.push(`byte ${at} of ${file}: ${JSON.stringify(result.problems)}`)
          }
          await writeFile(join(scratch, file), original)
        }
      })
    )
    expect(unnoticed).toEqual([])
    expect(flips.length).toBeGreaterThan(1500)
  })

  it('anywhere in the stored payload bytes of the zip makes it invalid and names the file', async () => {
    const original = await readFile(bagZip)
    const spans = await payloadSpans(bagZip)
    expect(spans.map((s) => s.path).sort()).toEqual(['data/annotations.jsonld', 'data/report.html', 'data/snapshots/page one.html'])
    const scratch = join(dir, 'scratch.zip')
    for (const span of spans) {
      for (let i = span.start; i < span.end; i++) {
        const tampered = Buffer.from(original)
        tampered[i] ^= 0xff
        await writeFile(scratch, tampered)
        const result = await validateBag(scratch)
        expect(result.valid).toBe(false)
        expect(result.problems).toContainEqual(expect.objectContaining({ code: 'FIXITY_MISMATCH', file: span.path }))
      }
    }
  })
})

/** Byte ranges of each payload file's data inside a STORE zip. */
async function payloadSpans(zipPath: string): Promise<Array<{ path: string; start: number; end: number }>> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false })
  const entries: yauzl.Entry[] = []
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e)
      zip.readEntry()
    })
    zip.on('end', resolve)
    zip.on('error', reject)
    zip.readEntry()
  })
  const spans = []
  for (const e of entries.filter((e) => e.fileName.startsWith('bag/data/') && !e.fileName.endsWith('/'))) {
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true })
    spans.push({ path: e.fileName.slice('bag/'.length), start: fileDataStart, end: fileDataStart + e.compressedSize })
  }
  zip.close()
  return spans
}
