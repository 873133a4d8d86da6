// The byte-flip checks shared by bagit-tamper.test.ts (a fixed-seed sample of
// positions, in the default run) and bagit-tamper.exhaustive.test.ts (every
// byte, in the `exhaustive` project that CI also runs).

import { statSync } from 'node:fs'
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import yauzl from 'yauzl'
import { validateBag, type BagValidation } from '../../../../electron/core/bundle/bagit-validate'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'
import { keygen } from '../../../../electron/core/bundle/sign'
import { invertBytes } from '../../../helpers/damage'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const PAYLOAD = [
  { path: 'annotations.jsonld', bytes: enc('{"type":"Annotation"}\n') },
  { path: 'snapshots/page one.html', bytes: enc('<p>42%</p>\n') },
  { path: 'report.html', bytes: enc('<h1>Misleading</h1>\n') }
]
const INFO = { 'Bagging-Date': '2024-05-01' }

export interface TamperBags {
  dir: string
  bagDir: string
  bagZip: string
  cleanup(): Promise<void>
}

/** The same small signed bag, once as a directory and once as a STORE zip. */
export async function makeTamperBags(): Promise<TamperBags> {
  const dir = await mkdtemp(join(tmpdir(), 'attest-bag-tamper-'))
  const key = keygen()
  const bagDir = join(dir, 'bag')
  const bagZip = join(dir, 'bag.zip')
  await writeBag({ kind: 'dir', path: bagDir }, PAYLOAD, INFO, { sign: { privateKeyPem: key.privateKeyPem } })
  await writeBag({ kind: 'zip', path: bagZip }, PAYLOAD, INFO, { sign: { privateKeyPem: key.privateKeyPem } })
  return { dir, bagDir, bagZip, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/')).sort()
}

export function fileSize(root: string, file: string): number {
  return statSync(join(root, file)).size
}

function namesFile(result: BagValidation, file: string): boolean {
  return result.problems.some((p) => p.file === file || p.message.includes(file))
}

/**
 * Flips each given byte of the bag directory in turn (restoring it after), in
 * a few scratch copies so validations overlap; returns the flips that left the
 * bag valid or did not name the altered file.
 */
export async function unnoticedDirFlips(bags: TamperBags, flips: ReadonlyArray<{ file: string; at: number }>): Promise<string[]> {
  const lanes = await Promise.all(
    Array.from({ length: 6 }, async (_, n) => {
      const scratch = join(bags.dir, `scratch-${n}`)
      await cp(bags.bagDir, scratch, { recursive: true })
      return scratch
    })
  )
  const unnoticed: string[] = []
  // One iterator shared by all lanes: each flip is taken by exactly one lane.
  const queue = flips.values()
  await Promise.all(
    lanes.map(async (scratch) => {
      for (const { file, at } of queue) {
        const original = await readFile(join(bags.bagDir, file))
        const tampered = Buffer.from(original)
        invertBytes(tampered, at)
        await writeFile(join(scratch, file), tampered)
        const result = await validateBag(scratch)
        if (result.valid || !namesFile(result, file)) {
          unnoticed.push(`byte ${at} of ${file}: ${JSON.stringify(result.problems)}`)
        }
        await writeFile(join(scratch, file), original)
      }
    })
  )
  return unnoticed
}

/** Byte ranges of each payload file's data inside a STORE zip. */
export async function payloadSpans(zipPath: string): Promise<Array<{ path: string; start: number; end: number }>> {
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

/** Flips each given byte of the zip (one at a time) and returns the flips not reported as a fixity mismatch of that payload file. */
export async function unnoticedZipFlips(bags: TamperBags, flips: ReadonlyArray<{ path: string; at: number }>): Promise<string[]> {
  const original = await readFile(bags.bagZip)
  const scratch = join(bags.dir, 'scratch.zip')
  const unnoticed: string[] = []
  for (const { path, at } of flips) {
    const tampered = Buffer.from(original)
    invertBytes(tampered, at)
    await writeFile(scratch, tampered)
    const result = await validateBag(scratch)
    if (result.valid || !result.problems.some((p) => p.code === 'FIXITY_MISMATCH' && p.file === path)) {
      unnoticed.push(`zip byte ${at} (${path}): ${JSON.stringify(result.problems)}`)
    }
  }
  return unnoticed
}
