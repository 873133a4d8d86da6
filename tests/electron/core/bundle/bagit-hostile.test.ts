// Hostile bags: zips and directories built to escape, overwrite or exhaust.
// Each must be refused by openBag with BUNDLE_INVALID and a message saying
// why, and reported (not thrown) by validateBag.

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import yazl from 'yazl'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AttestError } from '../../../../shared/errors'
import { openBag } from '../../../../electron/core/bundle/bagit-read'
import type { OpenBagLimits } from '../../../../electron/core/bundle/bagit-read'
import { validateBag } from '../../../../electron/core/bundle/bagit-validate'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'

type ZipItem = { name: string; data?: Buffer | (() => Readable); compress?: boolean; mode?: number; dir?: boolean }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attest-bag-hostile-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function buildZip(items: ZipItem[], rename: Array<[string, string]> = []): Promise<string> {
  const zip = new yazl.ZipFile()
  for (const item of items) {
    const options = { compress: item.compress ?? false, mode: item.mode, mtime: new Date(2000, 0, 1) }
    if (item.dir) zip.addEmptyDirectory(item.name, { mtime: options.mtime })
    else if (typeof item.data === 'function') zip.addReadStream(item.data(), item.name, options)
    else zip.addBuffer(item.data ?? Buffer.from('x'), item.name, options)
  }
  zip.end()
  const path = join(dir, `hostile-${Math.random().toString(36).slice(2)}.zip`)
  const out = createWriteStream(path)
  zip.outputStream.pipe(out)
  await once(out, 'finish')
  if (rename.length > 0) {
    // yazl refuses to write unsafe names, which is the point; a hostile zip
    // is made by patching a same-length placeholder in the local and central
    // headers.
    let bytes: Buffer = await readFile(path)
    for (const [from, to] of rename) {
      expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to))
      bytes = replaceAll(bytes, Buffer.from(from), Buffer.from(to))
    }
    await writeFile(path, bytes)
  }
  return path
}

function replaceAll(haystack: Buffer, from: Buffer, to: Buffer): Buffer {
  const out = Buffer.from(haystack)
  for (let i = out.indexOf(from); i !== -1; i = out.indexOf(from, i + from.length)) to.copy(out, i)
  return out
}

async function expectRefused(path: string, reason: string, messagePart: RegExp, limits?: OpenBagLimits): Promise<void> {
  const err = await openBag(path, limits).then(
    async (bag) => {
      await bag.close()
      return null
    },
    (e: unknown) => e
  )
  expect(err, 'openBag should refuse').toBeInstanceOf(AttestError)
  expect((err as AttestError).code).toBe('BUNDLE_INVALID')
  expect((err as AttestError).details).toMatchObject({ reason })
  expect((err as AttestError).message).toMatch(messagePart)
  const result = await validateBag(path, limits)
  expect(result.valid).toBe(false)
  expect(result.problems[0]).toMatchObject({ code: reason })
}

const bagEntries = (root: string): ZipItem[] => [
  { name: `${root}/bagit.txt`, data: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') },
  { name: `${root}/data/a.txt`, data: Buffer.from('a') }
]

describe('a zip is refused when an entry', () => {
  it('climbs out with ../', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'XX/evil.txt' }], [['XX/evil.txt', '../evil.txt']])
    await expectRefused(zip, 'ZIP_UNSAFE_PATH', /"\.\.\/evil\.txt".*parent-directory/)
  })

  it('climbs out from inside the bag folder', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/XX/XX/x' }], [['bag/data/XX/XX/x', 'bag/data/../../x']])
    await expectRefused(zip, 'ZIP_UNSAFE_PATH', /parent-directory/)
  })

  it('is an absolute path', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'Xabs.txt' }], [['Xabs.txt', '/abs.txt']])
    await expectRefused(zip, 'ZIP_UNSAFE_PATH', /"\/abs\.txt".*absolute/)
  })

  it('has a drive letter', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'XXwin.txt' }], [['XXwin.txt', 'C:win.txt']])
    await expectRefused(zip, 'ZIP_UNSAFE_PATH', /drive-letter/)
  })

  it('uses backslashes (a path separator on Windows)', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/XXXXX/evil' }], [['bag/data/XXXXX/evil', 'bag/data\\..\\..\\evil']])
    await expectRefused(zip, 'ZIP_UNSAFE_PATH', /backslash/)
  })

  it('is a symbolic link', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }])
    await expectRefused(zip, 'ZIP_SYMLINK', /symbolic link/)
  })

  it('is a device or pipe', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/fifo', mode: 0o010644 }])
    await expectRefused(zip, 'ZIP_SPECIAL_FILE', /device, socket or pipe/)
  })

  it('appears twice under the same name', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/a.txt', data: Buffer.from('other') }])
    await expectRefused(zip, 'ZIP_DUPLICATE_ENTRY', /"bag\/data\/a\.txt" twice/)
  })

  it('collides with another after Unicode normalisation', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/Núñez' }, { name: 'bag/data/Nu\u0301n\u0303ez' }])
    await expectRefused(zip, 'ZIP_DUPLICATE_ENTRY', /Unicode normalisation/)
  })

  it('collides with another after case folding', async () => {
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/A.txt' }])
    await expectRefused(zip, 'ZIP_DUPLICATE_ENTRY', /letter case/)
  })

  it('is a zip bomb: 200 MB of zeros deflated to a few hundred KB', async () => {
    const zeros = (): Readable =>
      Readable.from(
        (function* () {
          const chunk = Buffer.alloc(4 * 1024 * 1024)
          for (let i = 0; i < 50; i++) yield chunk
        })()
      )
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/zeros.bin', data: zeros, compress: true }])
    // Refused from the central directory alone: nothing is inflated.
    await expectRefused(zip, 'ZIP_BOMB', /ratio over 100:1/)
  })

  it('declares more bytes in total than the cap', async () => {
    const part = Buffer.alloc(1536 * 1024, 7)
    const zip = await buildZip([...bagEntries('bag'), { name: 'bag/data/big1.bin', data: part }, { name: 'bag/data/big2.bin', data: part }])
    await expectRefused(zip, 'ZIP_BOMB', /more than 2097152 uncompressed bytes/, { maxTotalBytes: 2 * 1024 * 1024 })
  })

  it('is one of too many entries', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `bag/data/f${i}` }))
    await expectRefused(await buildZip([...bagEntries('bag'), ...many]), 'TOO_MANY_ENTRIES', /more than 20 are refused/, { maxEntries: 20 })
  })
})

describe('a zip entry that inflates to more bytes than it declares', () => {
  it('is caught while reading and reported as a problem naming the file', async () => {
    // Write a valid bag zip with one deflated payload file, then shrink the
    // central directory's declared size of that file: the local data is intact,
    // so only the size check during inflation can notice.
    const good = join(dir, 'good.zip')
    const text = Buffer.from('0123456789'.repeat(1000))
    await writeBag({ kind: 'zip', path: good }, [{ path: 'page.txt', bytes: text }], { 'Bagging-Date': '2024-05-01' })
    const rezipped = await buildZip(
      await entriesOf(good).then((entries) =>
        entries.map((e) => ({ ...e, compress: e.name.endsWith('page.txt') }))
      )
    )
    const bytes = await readFile(rezipped)
    const central = bytes.lastIndexOf(Buffer.from('good/data/page.txt')) - 46
    expect(bytes.readUInt32LE(central)).toBe(0x02014b50)
    expect(bytes.readUInt32LE(central + 24)).toBe(10000)
    bytes.writeUInt32LE(100, central + 24)
    await writeFile(rezipped, bytes)

    const result = await validateBag(rezipped)
    expect(result.valid).toBe(false)
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'ZIP_SIZE_MISMATCH', file: 'data/page.txt' }))
  })
})

describe('a zip with files beside the bag folder', () => {
  it('is invalid, naming the stray entries', async () => {
    const good = join(dir, 'good.zip')
    await writeBag({ kind: 'zip', path: good }, [{ path: 'a.txt', bytes: Buffer.from('a') }], { 'Bagging-Date': '2024-05-01' })
    const zip = await buildZip([...(await entriesOf(good)), { name: '__MACOSX/._a.txt' }])
    const result = await validateBag(zip)
    expect(result.valid).toBe(false)
    expect(result.problems).toEqual([expect.objectContaining({ code: 'OUTSIDE_BAG_ROOT', file: '__MACOSX/._a.txt' })])
  })
})

describe('a bag directory', () => {
  it('containing a symbolic link is refused, wherever the link points', async () => {
    const bag = join(dir, 'bag')
    await writeBag({ kind: 'dir', path: bag }, [{ path: 'a.txt', bytes: Buffer.from('a') }], { 'Bagging-Date': '2024-05-01' })
    await mkdir(join(dir, 'outside'))
    await writeFile(join(dir, 'outside', 'secret.txt'), 'secret')
    await symlink(join(dir, 'outside', 'secret.txt'), join(bag, 'data', 'link.txt'))
    await expectRefused(bag, 'SYMLINK', /symbolic link: data\/link\.txt/)
  })
})

async function entriesOf(zipPath: string): Promise<ZipItem[]> {
  const bag = await openBag(zipPath)
  try {
    const items: ZipItem[] = []
    for (const file of bag.files()) {
      items.push({ name: `${bag.zipRoot}/${file.path}`, data: await bag.readAll(file.path, 1 << 20) })
    }
    return items
  } finally {
    await bag.close()
  }
}
