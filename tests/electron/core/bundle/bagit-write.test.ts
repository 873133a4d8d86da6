// Writing bags: what lands on disk, that our validator accepts it, and that
// the same input always gives the same zip bytes.

import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import yauzl from 'yauzl'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AttestError } from '../../../../shared/errors'
import { openBag } from '../../../../electron/core/bundle/bagit-read'
import { validateBag } from '../../../../electron/core/bundle/bagit-validate'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'
import type { PayloadItem } from '../../../../electron/core/bundle/bagit-write'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex')

function samplePayload(): PayloadItem[] {
  return [
    { path: 'report.html', bytes: enc('<p>The claim is false.</p>\n') },
    { path: 'snapshots/source one.html', bytes: enc('<html>a page with spaces in its name</html>') },
    { path: 'snapshots/Núñez – déclaration.txt', bytes: enc('non-ASCII name, NFC') },
    { path: 'odd/100%\nnew-line.txt', bytes: enc('percent and line feed in the name') },
    {
      path: 'events.jsonl',
      // Streamed items are pulled lazily, chunk by chunk.
      bytes: async function* () {
        yield enc('{"event":1}\n')
        yield enc('{"event":2}\n')
      }
    }
  ]
}

const INFO = {
  'Source-Organization': 'Attest test desk',
  'External-Identifier': ['case-42', 'claim-7'],
  'Bagging-Date': '2024-05-01'
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attest-bag-write-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeBag to a directory', () => {
  it('writes a BagIt 1.0 bag that validates', async () => {
    const target = join(dir, 'bag')
    const result = await writeBag({ kind: 'dir', path: target }, samplePayload(), INFO)

    expect(await readFile(join(target, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
    expect(await readFile(join(target, 'data/snapshots/Núñez – déclaration.txt'), 'utf8')).toBe('non-ASCII name, NFC')
    expect((await readdir(target)).sort()).toEqual([
      'bag-info.txt', 'bagit.txt', 'data', 'manifest-sha256.txt', 'manifest-sha512.txt', 'tagmanifest-sha256.txt', 'tagmanifest-sha512.txt'
    ])

    const validation = await validateBag(target)
    expect(validation.problems).toEqual([])
    expect(validation.warnings).toEqual([])
    expect(validation.valid).toBe(true)
    expect(validation.version).toBe('1.0')
    expect(result.manifests.sha256.get('data/report.html')).toBe(sha256('<p>The claim is false.</p>\n'))
    expect(result.manifests.sha512.size).toBe(5)
  })

  it('writes bag-info.txt with the given fields, repeated labels, and computed Payload-Oxum and Bag-Size', async () => {
    const target = join(dir, 'bag')
    const result = await writeBag({ kind: 'dir', path: target }, samplePayload(), INFO)
    const octets = 27 + 43 + 'non-ASCII name, NFC'.length + 33 + 24
    expect(result.payloadOxum).toBe(`${octets}.5`)
    expect(await readFile(join(target, 'bag-info.txt'), 'utf8')).toBe(
      'Source-Organization: Attest test desk\n' +
        'External-Identifier: case-42\n' +
        'External-Identifier: claim-7\n' +
        'Bagging-Date: 2024-05-01\n' +
        `Payload-Oxum: ${octets}.5\n` +
        `Bag-Size: ${octets} bytes\n`
    )
    const validation = await validateBag(target)
    expect(validation.info['External-Identifier']).toEqual(['case-42', 'claim-7'])
  })

  it('adds today as Bagging-Date when none is given', async () => {
    const target = join(dir, 'bag')
    await writeBag({ kind: 'dir', path: target }, [], {})
    const today = new Date().toISOString().slice(0, 10)
    expect(await readFile(join(target, 'bag-info.txt'), 'utf8')).toContain(`Bagging-Date: ${today}\n`)
    expect((await validateBag(target)).valid).toBe(true)
  })

  it('percent-encodes CR, LF and % in manifest paths (RFC 8493 §2.1.3)', async () => {
    const target = join(dir, 'bag')
    await writeBag({ kind: 'dir', path: target }, samplePayload(), INFO)
    const manifest = await readFile(join(target, 'manifest-sha256.txt'), 'utf8')
    expect(manifest).toContain(`  data/odd/100%25%0Anew-line.txt\n`)
    expect(manifest.split('\n').filter(Boolean)).toHaveLength(5)
  })

  it('lists the tag files in the tag manifests, sorted payload in the manifests', async () => {
    const target = join(dir, 'bag')
    await writeBag({ kind: 'dir', path: target }, samplePayload(), INFO)
    const tagManifest = await readFile(join(target, 'tagmanifest-sha256.txt'), 'utf8')
    expect(tagManifest.split('\n').filter(Boolean).map((l) => l.split('  ')[1])).toEqual([
      'bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt'
    ])
    const paths = (await readFile(join(target, 'manifest-sha512.txt'), 'utf8')).split('\n').filter(Boolean).map((l) => l.split('  ')[1])
    expect(paths).toEqual([...paths].sort())
  })

  it('reports progress up to the payload size', async () => {
    const seen: Array<[number, number | undefined]> = []
    await writeBag({ kind: 'dir', path: join(dir, 'bag') }, [{ path: 'a', bytes: enc('12345') }, { path: 'b', bytes: enc('678') }], INFO, {
      onProgress: (done, total) => seen.push([done, total])
    })
    expect(seen.at(-1)).toEqual([8, 8])
  })
})

describe('writeBag to a zip', () => {
  it('puts every entry under one top-level bag folder and stores payload uncompressed', async () => {
    const target = join(dir, 'case-42.zip')
    await writeBag({ kind: 'zip', path: target }, samplePayload(), INFO)
    const zip = await yauzl.openPromise(target, { lazyEntries: true })
    const entries: Array<{ name: string; method: number }> = []
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push({ name: e.fileName, method: e.compressionMethod })
        zip.readEntry()
      })
      zip.on('end', resolve)
      zip.on('error', reject)
      zip.readEntry()
    })
    zip.close()
    expect(entries.every((e) => e.name.startsWith('case-42/'))).toBe(true)
    expect(entries.every((e) => e.method === 0)).toBe(true)
    expect(entries.map((e) => e.name)).toContain('case-42/data/snapshots/Núñez – déclaration.txt')
    expect(entries.map((e) => e.name)).toContain('case-42/bagit.txt')
  })

  it('round-trips: the zip validates and reads back the same bytes', async () => {
    const target = join(dir, 'case-42.zip')
    await writeBag({ kind: 'zip', path: target }, samplePayload(), INFO)
    const validation = await validateBag(target)
    expect(validation.problems).toEqual([])
    expect(validation.valid).toBe(true)

    const bag = await openBag(target)
    try {
      expect(bag.kind).toBe('zip')
      expect(bag.zipRoot).toBe('case-42')
      expect((await bag.readAll('data/snapshots/source one.html', 1024)).toString()).toBe('<html>a page with spaces in its name</html>')
      expect((await bag.readAll('data/events.jsonl', 1024)).toString()).toBe('{"event":1}\n{"event":2}\n')
    } finally {
      await bag.close()
    }
  })

  it('is deterministic: the same input in any order gives identical zip bytes', async () => {
    const first = join(dir, 'one', 'bag.zip')
    const second = join(dir, 'two', 'bag.zip')
    await Promise.all([mkdir(join(dir, 'one')), mkdir(join(dir, 'two'))])
    await writeBag({ kind: 'zip', path: first }, samplePayload(), INFO)
    await writeBag({ kind: 'zip', path: second }, samplePayload().reverse(), INFO)
    expect(sha256(await readFile(first))).toBe(sha256(await readFile(second)))
  })

  it('leaves no partial file behind when the payload fails mid-way', async () => {
    const target = join(dir, 'broken.zip')
    const failing: PayloadItem = {
      path: 'x.bin',
      bytes: async function* () {
        yield enc('start')
        throw new Error('source vanished')
      }
    }
    await expect(writeBag({ kind: 'zip', path: target }, [failing], INFO)).rejects.toThrow('source vanished')
    expect(await readdir(dir)).toEqual([])
  })
})

describe('writeBag refuses bad input', () => {
  const refuses = async (payload: PayloadItem[], info: Record<string, string | string[]> = INFO): Promise<AttestError> => {
    const err = await writeBag({ kind: 'dir', path: join(dir, 'bag') }, payload, info).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AttestError)
    expect((err as AttestError).code).toBe('INVALID_ARGUMENT')
    return err as AttestError
  }

  it.each(['../escape.txt', '/abs.txt', 'C:/win.txt', 'a\\b.txt', 'a//b', './a', '~/x'])('payload path %j', async (path) => {
    await refuses([{ path, bytes: enc('x') }])
  })

  it('paths that collide on macOS/Windows (case, Unicode form)', async () => {
    expect((await refuses([{ path: 'A.txt', bytes: enc('1') }, { path: 'a.txt', bytes: enc('2') }])).message).toContain('same file')
    await refuses([{ path: 'Nu\u0301n\u0303ez', bytes: enc('1') }, { path: 'Núñez', bytes: enc('2') }])
  })

  it('a path that is both a file and a folder', async () => {
    await refuses([{ path: 'a', bytes: enc('1') }, { path: 'a/b', bytes: enc('2') }])
  })

  it('bag-info labels the writer computes, and values with line breaks', async () => {
    await refuses([], { 'Payload-Oxum': '1.1' })
    await refuses([], { Note: 'two\nlines' })
    await refuses([], { 'Bad:Label': 'x' })
  })

  it('an existing target', async () => {
    await writeBag({ kind: 'dir', path: join(dir, 'bag') }, [], INFO)
    await refuses([])
  })
})

describe('writeBag to a place it cannot write', () => {
  // Never folder permissions (tests run as root): a "folder" that is a
  // regular file, a folder that does not exist, and /proc refuse new files
  // for everyone.
  const unwritable = async (): Promise<Array<[string, string]>> => {
    await writeFile(join(dir, 'a-file'), 'not a folder')
    return [
      ['under a regular file', join(dir, 'a-file', 'bag.zip')],
      ['in a missing folder', join(dir, 'missing', 'deeper', 'bag.zip')],
      ['in /proc', '/proc/attest-test-bag.zip']
    ]
  }

  it.each(['zip', 'dir'] as const)('%s: fails with one clear IO error and leaves nothing behind', async (kind) => {
    for (const [where, path] of await unwritable()) {
      const err = await writeBag({ kind, path }, samplePayload(), INFO).then(
        () => null,
        (e: unknown) => e
      )
      expect(err, where).toBeInstanceOf(AttestError)
      expect((err as AttestError).code, where).toBe('IO_ERROR')
      expect((err as AttestError).message, where).toContain(path.slice(0, path.lastIndexOf('/')))
    }
    expect(await readdir(dir)).toEqual(['a-file'])
  })

  it('fails, without leaving a temp file, when the folder disappears before the bag is moved into place', async () => {
    const folder = join(dir, 'vanishing')
    await mkdir(folder)
    const payload: PayloadItem[] = [
      {
        path: 'last.txt',
        bytes: async function* () {
          yield enc('written, then the folder goes')
          await rm(folder, { recursive: true, force: true })
        }
      }
    ]
    const err = await writeBag({ kind: 'zip', path: join(folder, 'bag.zip') }, payload, INFO).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AttestError)
    expect((err as AttestError).code).toBe('IO_ERROR')
    expect(await readdir(dir)).toEqual([])
  })
})
