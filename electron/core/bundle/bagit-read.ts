// Read access to a bag, whether it is a directory or a zip file.
//
// Bags are untrusted input (a verifier's whole job is to look at bags made by
// someone else), so opening one is where we refuse anything that could make
// reading it dangerous, BEFORE any byte of content is used:
//   - zip entries that would land outside the bag when extracted (`..`,
//     absolute, drive letters, backslashes), symlink or device entries,
//     duplicate names (exact, or equal after Unicode NFC / case folding — on
//     macOS and Windows one would silently overwrite the other), encrypted
//     entries, zip bombs (declared sizes over a cap, absurd compression
//     ratios, and — while reading — more inflated bytes than declared);
//   - in directories: symlinks and special files anywhere inside the bag.
// Refusals are AttestError('BUNDLE_INVALID') with details.reason saying which.
// The reader only ever opens paths it listed itself, so nothing outside the
// bag root is read.

import { constants as fsConstants } from 'node:fs'
import { lstat, open, readdir, stat } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { basename, join } from 'node:path'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import { AttestError } from '../../../shared/errors'
import { BAGIT_TXT } from './bagit-tag-files'
import { portableKey, unsafePathReason } from './bag-paths'

export interface BagFile {
  /** POSIX path relative to the bag root, exactly as stored (not normalised). */
  path: string
  size: number
}

export interface BagReader {
  kind: 'dir' | 'zip'
  /** The directory or zip file that was opened. */
  source: string
  /** For zips: the top-level folder holding the bag ('' when the bag is at the zip root). */
  zipRoot: string
  /** Every regular file in the bag, sorted by path. */
  files(): readonly BagFile[]
  file(path: string): BagFile | undefined
  /** True when `path` is a directory in the bag (zip directories may be implicit). */
  isDirectory(path: string): boolean
  /** Zip entries outside the bag's top-level folder (e.g. `__MACOSX/…`). */
  outsideRoot: readonly string[]
  /** Streams a listed file's bytes; throws NOT_FOUND for anything not listed. */
  read(path: string): AsyncIterable<Uint8Array>
  /** Whole file, refusing files larger than `maxBytes`. */
  readAll(path: string, maxBytes: number): Promise<Buffer>
  close(): Promise<void>
}

export interface OpenBagLimits {
  /** Refuse bags with more entries than this (default 100 000). */
  maxEntries?: number
  /** Refuse zips whose declared uncompressed total exceeds this (default 8 GiB). */
  maxTotalBytes?: number
  /** Refuse zip entries over 1 MB inflating more than this many times (default 100). */
  maxRatio?: number
}

const DEFAULT_LIMITS: Required<OpenBagLimits> = {
  maxEntries: 100_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 100
}
// Small entries compress absurdly well legitimately (a 1 MB file of spaces);
// the ratio only matters once the inflated size could hurt.
const RATIO_CHECK_ABOVE = 1024 * 1024

function refuse(reason: string, message: string, extra?: Record<string, unknown>): AttestError {
  return new AttestError('BUNDLE_INVALID', message, { reason, ...extra })
}

/** Open a bag directory or a bag zip (detected from the file's first bytes). */
export async function openBag(path: string, limits: OpenBagLimits = {}): Promise<BagReader> {
  const lim = { ...DEFAULT_LIMITS, ...limits }
  let info
  try {
    info = await stat(path)
  } catch (err) {
    throw new AttestError('NOT_FOUND', `No bag at ${path}: ${(err as Error).message}`)
  }
  if (info.isDirectory()) return openDirBag(path, lim)
  if (info.isFile()) {
    if (!(await looksLikeZip(path))) throw refuse('NOT_A_BAG', `${basename(path)} is neither a directory nor a zip file`)
    return openZipBag(path, lim)
  }
  throw refuse('NOT_A_BAG', `${basename(path)} is neither a directory nor a zip file`)
}

async function looksLikeZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r')
  try {
    const head = Buffer.alloc(4)
    const { bytesRead } = await fh.read(head, 0, 4, 0)
    // Local file header, or the end-of-central-directory record of an empty zip.
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)
  } finally {
    await fh.close()
  }
}

// ----------------------------------------------------------------- directory

async function openDirBag(root: string, lim: Required<OpenBagLimits>): Promise<BagReader> {
  const files: BagFile[] = []
  const dirs = new Set<string>([''])
  let count = 0
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true })
    for (const entry of entries) {
      if (++count > lim.maxEntries) {
        throw refuse('TOO_MANY_ENTRIES', `Bag has more than ${lim.maxEntries} entries`)
      }
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isSymbolicLink()) {
        throw refuse('SYMLINK', `Bag contains a symbolic link: ${childRel} (refused: it could point outside the bag)`, { file: childRel })
      }
      if (entry.isDirectory()) {
        dirs.add(childRel)
        await walk(childRel)
      } else if (entry.isFile()) {
        const st = await lstat(join(root, childRel))
        files.push({ path: childRel, size: st.size })
      } else {
        throw refuse('SPECIAL_FILE', `Bag contains a special file (device, socket or pipe): ${childRel}`, { file: childRel })
      }
    }
  }
  await walk('')
  return makeReader('dir', root, '', files, dirs, [], async function* (file) {
    let fh: FileHandle
    try {
      // O_NOFOLLOW: a file swapped for a symlink after the walk is still refused.
      fh = await open(join(root, file.path), fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW)
    } catch (err) {
      throw new AttestError('IO_ERROR', `Cannot read ${file.path}: ${(err as Error).message}`)
    }
    try {
      // Big chunks for big files; small buffers for the many small tag files
      // (a 1 MiB buffer per tiny file is pure garbage-collector load).
      const highWaterMark = Math.min(1024 * 1024, Math.max(16 * 1024, file.size + 1))
      for await (const chunk of fh.createReadStream({ highWaterMark, autoClose: false })) {
        yield chunk as Buffer
      }
    } finally {
      await fh.close()
    }
  }, async () => {})
}

// ----------------------------------------------------------------------- zip

async function openZipBag(zipPath: string, lim: Required<OpenBagLimits>): Promise<BagReader> {
  let zip: ZipFile
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      // Names are decoded and vetted by us (yauzl would silently turn
      // backslashes into slashes), sizes are still checked by yauzl.
      decodeStrings: false,
      validateEntrySizes: true
    })
  } catch (err) {
    throw refuse('ZIP_CORRUPT', `Not a readable zip file: ${(err as Error).message}`)
  }
  try {
    if (zip.entryCount > lim.maxEntries) {
      throw refuse('TOO_MANY_ENTRIES', `Zip has ${zip.entryCount} entries; more than ${lim.maxEntries} are refused`)
    }
    const entries = await readZipEntries(zip, lim)
    const root = findZipRoot([...entries.keys()])
    const files: BagFile[] = []
    const dirs = new Set<string>([''])
    const outsideRoot: string[] = []
    const byPath = new Map<string, Entry>()
    for (const [name, entry] of entries) {
      if (!name.startsWith(root)) {
        outsideRoot.push(name)
        continue
      }
      const rel = name.slice(root.length)
      if (rel === '') continue
      if (rel.endsWith('/')) {
        dirs.add(rel.slice(0, -1))
        continue
      }
      files.push({ path: rel, size: entry.uncompressedSize })
      byPath.set(rel, entry)
      // Zips may omit directory entries; their parents still exist.
      for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) dirs.add(rel.slice(0, i))
    }
    return makeReader('zip', zipPath, root.replace(/\/$/, ''), files, dirs, outsideRoot, (file) => readZipEntry(zip, byPath.get(file.path)!, file.path), async () => zip.close())
  } catch (err) {
    zip.close()
    throw err
  }
}

async function readZipEntries(zip: ZipFile, lim: Required<OpenBagLimits>): Promise<Map<string, Entry>> {
  const byName = new Map<string, Entry>()
  const byKey = new Map<string, string>()
  let declaredTotal = 0
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void => {
      zip.removeAllListeners('entry')
      reject(err instanceof AttestError ? err : refuse('ZIP_CORRUPT', `Corrupt zip file: ${(err as Error).message}`))
    }
    zip.on('error', fail)
    zip.on('end', () => resolve(byName))
    zip.on('entry', (entry: Entry) => {
      try {
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, true)
        vetZipEntry(entry, name, lim)
        const prior = byName.get(name)
        if (prior) throw refuse('ZIP_DUPLICATE_ENTRY', `Zip contains the entry ${JSON.stringify(name)} twice`, { entry: name })
        const key = portableKey(name)
        const clash = byKey.get(key)
        if (clash !== undefined) {
          const how = clash.normalize('NFC') === name.normalize('NFC') ? 'Unicode normalisation' : 'letter case'
          throw refuse('ZIP_DUPLICATE_ENTRY', `Zip entries ${JSON.stringify(clash)} and ${JSON.stringify(name)} differ only in ${how}; they collide on macOS/Windows`, { entry: name, other: clash })
        }
        byKey.set(key, name)
        byName.set(name, entry)
        declaredTotal += entry.uncompressedSize
        if (declaredTotal > lim.maxTotalBytes) {
          throw refuse('ZIP_BOMB', `Zip declares more than ${lim.maxTotalBytes} uncompressed bytes (possible zip bomb)`, { entry: name })
        }
        zip.readEntry()
      } catch (err) {
        fail(err)
      }
    })
    zip.readEntry()
  })
}

function vetZipEntry(entry: Entry, name: string, lim: Required<OpenBagLimits>): void {
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name
  const unsafe = unsafePathReason(trimmed)
  if (unsafe) {
    throw refuse('ZIP_UNSAFE_PATH', `Zip entry ${JSON.stringify(name)} is refused: ${unsafe} (it could be written outside the bag)`, { entry: name })
  }
  // Unix tools keep st_mode in the high 16 bits of the external attributes.
  const fileType = (entry.externalFileAttributes >>> 16) & 0o170000
  if (fileType === 0o120000) {
    throw refuse('ZIP_SYMLINK', `Zip entry ${JSON.stringify(name)} is a symbolic link (refused: it could point outside the bag)`, { entry: name })
  }
  if (fileType !== 0 && fileType !== 0o100000 && fileType !== 0o040000) {
    throw refuse('ZIP_SPECIAL_FILE', `Zip entry ${JSON.stringify(name)} is a device, socket or pipe`, { entry: name })
  }
  if (entry.isEncrypted()) throw refuse('ZIP_ENCRYPTED', `Zip entry ${JSON.stringify(name)} is encrypted`, { entry: name })
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw refuse('ZIP_UNSUPPORTED_COMPRESSION', `Zip entry ${JSON.stringify(name)} uses unsupported compression method ${entry.compressionMethod}`, { entry: name })
  }
  if (entry.uncompressedSize > lim.maxTotalBytes) {
    throw refuse('ZIP_BOMB', `Zip entry ${JSON.stringify(name)} declares ${entry.uncompressedSize} bytes (possible zip bomb)`, { entry: name })
  }
  if (entry.uncompressedSize > RATIO_CHECK_ABOVE && entry.uncompressedSize > lim.maxRatio * Math.max(entry.compressedSize, 1)) {
    throw refuse('ZIP_BOMB', `Zip entry ${JSON.stringify(name)} inflates ${entry.compressedSize} bytes to ${entry.uncompressedSize} (ratio over ${lim.maxRatio}:1, possible zip bomb)`, { entry: name })
  }
}

/**
 * Bag tools zip a bag as `bag-name/bagit.txt, bag-name/data/…`; some put
 * bagit.txt at the zip root. Anything else is not a single bag.
 */
function findZipRoot(names: string[]): string {
  if (names.includes(BAGIT_TXT)) return ''
  const candidates = names.filter((n) => /^[^/]+\/bagit\.txt$/.test(n)).map((n) => n.slice(0, -BAGIT_TXT.length))
  if (candidates.length > 1) {
    throw refuse('ZIP_SEVERAL_BAGS', `Zip holds several bags: ${candidates.map((c) => c.slice(0, -1)).join(', ')}`)
  }
  const [only] = candidates
  if (candidates.length === 1 && only !== undefined) return only
  // No bagit.txt anywhere: if everything sits in one folder, that is the bag
  // (the validator then reports the missing bagit.txt).
  const tops = new Set(names.map((n) => n.slice(0, n.includes('/') ? n.indexOf('/') + 1 : undefined)))
  const [top] = tops
  return tops.size === 1 && top?.endsWith('/') ? top : ''
}

async function* readZipEntry(zip: ZipFile, entry: Entry, path: string): AsyncIterable<Uint8Array> {
  let stream
  try {
    stream = await zip.openReadStreamPromise(entry)
  } catch (err) {
    throw refuse('ZIP_CORRUPT', `Cannot read zip entry ${path}: ${(err as Error).message}`, { file: path })
  }
  try {
    for await (const chunk of stream) yield chunk as Buffer
  } catch (err) {
    // yauzl's size validation: more (or fewer) inflated bytes than declared.
    throw refuse('ZIP_SIZE_MISMATCH', `Zip entry ${path} does not match its declared size or is corrupt: ${(err as Error).message}`, { file: path })
  } finally {
    stream.destroy()
  }
}

// ------------------------------------------------------------------- shared

function makeReader(
  kind: 'dir' | 'zip',
  source: string,
  zipRoot: string,
  fileList: BagFile[],
  dirs: Set<string>,
  outsideRoot: string[],
  readFile: (file: BagFile) => AsyncIterable<Uint8Array>,
  close: () => Promise<void>
): BagReader {
  const sorted = [...fileList].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const byPath = new Map(sorted.map((f) => [f.path, f]))
  const listed = (path: string): BagFile => {
    const file = byPath.get(path)
    if (!file) throw new AttestError('NOT_FOUND', `No file ${path} in the bag`)
    return file
  }
  return {
    kind,
    source,
    zipRoot,
    files: () => sorted,
    file: (path) => byPath.get(path),
    isDirectory: (path) => dirs.has(path),
    outsideRoot,
    read: (path) => readFile(listed(path)),
    async readAll(path, maxBytes) {
      const file = listed(path)
      if (file.size > maxBytes) throw refuse('FILE_TOO_LARGE', `${path} is larger than ${maxBytes} bytes`, { file: path })
      const chunks: Uint8Array[] = []
      let total = 0
      for await (const chunk of readFile(file)) {
        total += chunk.length
        if (total > maxBytes) throw refuse('FILE_TOO_LARGE', `${path} is larger than ${maxBytes} bytes`, { file: path })
        chunks.push(chunk)
      }
      return Buffer.concat(chunks)
    },
    close
  }
}
