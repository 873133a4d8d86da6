// Writing a BagIt 1.0 bag (RFC 8493) as a directory or a zip file.
//
// Every payload byte is read exactly once: as it streams to its destination it
// feeds SHA-256 and SHA-512 together, so a 1 GB export costs one read, not
// three. Tag files come last because they describe the payload.
//
// Output is deterministic: payload entries are sorted by path, zip entries
// carry a fixed timestamp and mode, so the same payload and bag-info give the
// same zip bytes — a re-export can be compared byte-for-byte.
//
// Output appears atomically: everything is written to a sibling temp path and
// renamed at the end, so a crash never leaves a half bag that looks whole.

import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { mkdir, open, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import yazl from 'yazl'
import { AttestError } from '../../../shared/errors'
import {
  BAGIT_TXT,
  BAG_INFO_TXT,
  badBagInfoElement,
  formatBagInfo,
  formatBagitTxt,
  formatManifest
} from './bagit-tag-files'
import { PAYLOAD_DIR, portableKey, unsafePathReason } from './bag-paths'
import { SIGNATURE_FILE, SIGNED_TAG_MANIFEST, SIGNER_FINGERPRINT_LABEL, signBytes } from './sign'
import { createAtomicFile, moveIntoPlace, pathExists, tempPathFor, writeError } from './atomic-file'

export type BagTarget = { kind: 'dir'; path: string } | { kind: 'zip'; path: string; bagName?: string }

export interface PayloadItem {
  /** Relative to `data/`, POSIX separators. */
  path: string
  bytes: Uint8Array | (() => AsyncIterable<Uint8Array>)
  /** Byte count of a streamed item, if known; only used for progress totals. */
  size?: number
}

export interface WriteBagOptions {
  onProgress?(done: number, total?: number): void
  sign?: { privateKeyPem: string }
}

export type DigestMap = Map<string, string>

export interface WriteBagResult {
  /** `octets.streamcount`, as written to bag-info.txt. */
  payloadOxum: string
  /** The payload's octets and file count, the two halves of `payloadOxum`. */
  bytes: number
  files: number
  /** Payload manifests, keyed by path relative to the bag root (`data/…`). */
  manifests: { sha256: DigestMap; sha512: DigestMap }
  /** Tag manifests, keyed by tag file name. */
  tagManifests: { sha256: DigestMap; sha512: DigestMap }
  /** bag-info.txt elements as written (computed ones included). */
  info: Array<[string, string]>
  /** Present when the bag was signed. */
  signerFingerprint?: string
}

/** Labels we compute; a caller supplying them would make the bag lie about itself. */
const COMPUTED_LABELS = ['payload-oxum', 'bag-size', SIGNER_FINGERPRINT_LABEL.toLowerCase()]
const ALGORITHMS = ['sha256', 'sha512'] as const
// Fixed zip metadata for reproducible bytes. A local-time date: yazl encodes
// DOS timestamps in local time, so this is 1980-01-01 00:00 in every zone.
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0)
const ZIP_FILE_MODE = 0o100644
const ZIP_DIR_MODE = 0o040755

export async function writeBag(
  target: BagTarget,
  payload: AsyncIterable<PayloadItem> | Iterable<PayloadItem>,
  info: Record<string, string | string[]>,
  opts: WriteBagOptions = {}
): Promise<WriteBagResult> {
  const items = await collectPayload(payload)
  const infoEntries = checkInfo(info)
  // Checked before any payload byte is written: a bad key should fail in
  // milliseconds, not after a gigabyte of hashing.
  const signer = opts.sign ? signBytes(opts.sign.privateKeyPem, new Uint8Array(0)).fingerprint : undefined

  if (await pathExists(target.path)) throw new AttestError('INVALID_ARGUMENT', `${target.path} already exists`)
  const sink = target.kind === 'dir' ? await dirSink(target.path) : await zipSink(target.path, target.bagName ?? basename(target.path).replace(/\.zip$/i, ''))

  try {
    await sink.add(BAGIT_TXT, Buffer.from(formatBagitTxt(), 'utf8'))
    const manifests = { sha256: new Map<string, string>(), sha512: new Map<string, string>() }
    const total = items.every((i) => i.bytes instanceof Uint8Array || i.size !== undefined)
      ? items.reduce((sum, i) => sum + (i.bytes instanceof Uint8Array ? i.bytes.length : i.size!), 0)
      : undefined
    let done = 0
    for (const item of items) {
      const hashes = ALGORITHMS.map((alg) => ({ alg, hash: createHash(alg) }))
      const bagPath = `${PAYLOAD_DIR}/${item.path}`
      const chunks = item.bytes instanceof Uint8Array ? [item.bytes] : item.bytes()
      await sink.addStream(bagPath, (async function* () {
        for await (const chunk of chunks) {
          for (const h of hashes) h.hash.update(chunk)
          done += chunk.length
          opts.onProgress?.(done, total)
          yield chunk
        }
      })())
      for (const { alg, hash } of hashes) manifests[alg].set(bagPath, hash.digest('hex'))
    }

    const payloadOxum = `${done}.${items.length}`
    if (!infoEntries.some(([label]) => label.toLowerCase() === 'bagging-date')) {
      infoEntries.push(['Bagging-Date', new Date().toISOString().slice(0, 10)])
    }
    infoEntries.push(['Payload-Oxum', payloadOxum], ['Bag-Size', humanSize(done)])
    if (signer) infoEntries.push([SIGNER_FINGERPRINT_LABEL, signer])

    const tagFiles = new Map<string, Buffer>([
      [BAGIT_TXT, Buffer.from(formatBagitTxt(), 'utf8')],
      [BAG_INFO_TXT, Buffer.from(formatBagInfo(infoEntries), 'utf8')],
      ['manifest-sha256.txt', Buffer.from(formatManifest(manifests.sha256), 'utf8')],
      ['manifest-sha512.txt', Buffer.from(formatManifest(manifests.sha512), 'utf8')]
    ])
    const tagManifests = { sha256: new Map<string, string>(), sha512: new Map<string, string>() }
    for (const [name, bytes] of tagFiles) {
      for (const alg of ALGORITHMS) tagManifests[alg].set(name, createHash(alg).update(bytes).digest('hex'))
      if (name !== BAGIT_TXT) await sink.add(name, bytes)
    }
    const signedManifest = Buffer.from(formatManifest(tagManifests.sha256), 'utf8')
    await sink.add(SIGNED_TAG_MANIFEST, signedManifest)
    await sink.add('tagmanifest-sha512.txt', Buffer.from(formatManifest(tagManifests.sha512), 'utf8'))
    if (opts.sign) {
      // Signed last and listed in no tag manifest: it signs the tag manifest's bytes.
      const doc = signBytes(opts.sign.privateKeyPem, signedManifest)
      await sink.add(SIGNATURE_FILE, Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8'))
    }
    await sink.finish()
    return { payloadOxum, bytes: done, files: items.length, manifests, tagManifests, info: infoEntries, signerFingerprint: signer }
  } catch (err) {
    await sink.abort()
    throw writeError(err, target.path, 'the bag')
  }
}

async function collectPayload(payload: AsyncIterable<PayloadItem> | Iterable<PayloadItem>): Promise<PayloadItem[]> {
  const items: PayloadItem[] = []
  const seen = new Map<string, string>()
  for await (const item of payload) {
    const reason = unsafePathReason(item.path)
    if (reason) throw new AttestError('INVALID_ARGUMENT', `Payload path ${JSON.stringify(item.path)} is refused: ${reason}`)
    // Names that differ only in case or Unicode form collide when the bag is
    // unzipped on macOS or Windows; refuse rather than ship a bag that
    // cannot be checked there.
    const key = portableKey(item.path)
    const clash = seen.get(key)
    if (clash !== undefined) {
      throw new AttestError('INVALID_ARGUMENT', `Payload paths ${JSON.stringify(clash)} and ${JSON.stringify(item.path)} name the same file on some systems`)
    }
    seen.set(key, item.path)
    items.push(item)
  }
  // A directory and a file of the same name cannot coexist (`a` and `a/b`).
  for (const item of items) {
    for (let i = item.path.indexOf('/'); i !== -1; i = item.path.indexOf('/', i + 1)) {
      if (seen.has(portableKey(item.path.slice(0, i)))) {
        throw new AttestError('INVALID_ARGUMENT', `Payload path ${JSON.stringify(item.path.slice(0, i))} is both a file and a folder`)
      }
    }
  }
  return items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function checkInfo(info: Record<string, string | string[]>): Array<[string, string]> {
  const entries: Array<[string, string]> = []
  for (const [label, value] of Object.entries(info)) {
    if (COMPUTED_LABELS.includes(label.toLowerCase())) {
      throw new AttestError('INVALID_ARGUMENT', `bag-info label ${label} is computed by the writer and cannot be supplied`)
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      const bad = badBagInfoElement(label, v)
      if (bad) throw new AttestError('INVALID_ARGUMENT', `bag-info.txt: ${bad}`)
      entries.push([label, v])
    }
  }
  return entries
}

function humanSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`
}

// ------------------------------------------------------------------- sinks

interface Sink {
  add(path: string, bytes: Uint8Array): Promise<void>
  addStream(path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void>
  /** Makes the bag durable and moves it to its path. */
  finish(): Promise<void>
  /** Removes whatever was written; never throws. */
  abort(): Promise<void>
}

async function dirSink(target: string): Promise<Sink> {
  const root = tempPathFor(target)
  try {
    // Not recursive: a missing target folder is an error, as for a zip.
    await mkdir(root)
    await mkdir(join(root, PAYLOAD_DIR))
  } catch (err) {
    await rm(root, { recursive: true, force: true }).catch(() => {})
    throw writeError(err, target, 'the bag')
  }
  const addStream = async (path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> => {
    const full = join(root, ...path.split('/'))
    await mkdir(dirname(full), { recursive: true })
    const fh = await open(full, 'wx')
    try {
      for await (const chunk of chunks) await fh.write(chunk)
      // Each file reaches the disk before the folder is renamed into place.
      await fh.sync()
    } finally {
      await fh.close()
    }
  }
  return {
    add: (path, bytes) => addStream(path, [bytes]),
    addStream,
    finish: () => moveIntoPlace(root, target, 'the bag'),
    abort: () => rm(root, { recursive: true, force: true }).catch(() => {})
  }
}

async function zipSink(zipPath: string, bagName: string): Promise<Sink> {
  const badName = unsafePathReason(bagName)
  if (badName || bagName.includes('/')) throw new AttestError('INVALID_ARGUMENT', `Bag name ${JSON.stringify(bagName)} is refused`)
  const file = await createAtomicFile(zipPath, 'the bag')
  const zip = new yazl.ZipFile()
  let failure: Error | null = null
  // The entry being streamed; a write failure is forwarded to it so a
  // producer waiting for 'drain' wakes up with the error instead of hanging.
  let current: PassThrough | null = null
  const fail = (err: Error): void => {
    failure ??= err
    current?.destroy(err)
  }
  zip.outputStream.on('error', fail)
  // Every chunk yazl produces is awaited on disk before the next is taken,
  // so a failing write stops the zip at once (no 'drain' to wait for).
  const pump = (async () => {
    for await (const chunk of zip.outputStream) await file.write(chunk as Buffer)
  })()
  pump.catch(fail)
  const entryOptions = { mtime: ZIP_MTIME, mode: ZIP_FILE_MODE, compress: false, forceDosTimestamp: true }
  zip.addEmptyDirectory(`${bagName}/`, { mtime: ZIP_MTIME, mode: ZIP_DIR_MODE, forceDosTimestamp: true })
  zip.addEmptyDirectory(`${bagName}/${PAYLOAD_DIR}/`, { mtime: ZIP_MTIME, mode: ZIP_DIR_MODE, forceDosTimestamp: true })
  const check = (): void => {
    if (failure) throw failure
  }
  return {
    async add(path, bytes) {
      check()
      zip.addBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), `${bagName}/${path}`, entryOptions)
    },
    async addStream(path, chunks) {
      check()
      const pipe = new PassThrough({ highWaterMark: 1024 * 1024 })
      zip.addReadStream(pipe, `${bagName}/${path}`, entryOptions)
      current = pipe
      try {
        for await (const chunk of chunks) {
          check()
          if (!pipe.write(chunk)) await once(pipe, 'drain')
        }
      } catch (err) {
        pipe.destroy()
        throw failure ?? err
      } finally {
        current = null
      }
      pipe.end()
    },
    async finish() {
      check()
      zip.end()
      await pump
      check()
      await file.commit()
    },
    async abort() {
      (zip.outputStream as Readable).destroy()
      await pump.catch(() => {})
      await file.abort()
    }
  }
}
