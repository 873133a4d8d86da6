// Imports web archives made by other tools (.warc, .warc.gz, .wacz): one
// snapshot per archived HTML page, i.e. per `response` record with status 200
// and an HTML content type.
//
// Each snapshot's bytes are a small WARC of that page alone: the file's
// warcinfo record (if any), the page's request record (if any) and its
// response record, copied field for field and block for block, so their
// digests still verify. Subresources (images, scripts) are not copied: the
// snapshot is the page's document; the source file's name, SHA-256 and the
// record ids are kept in the snapshot's metadata to find the rest. We chose
// per-page WARCs over the whole file even for single-page files so that
// every imported snapshot has the same shape, and re-importing a file yields
// the same bytes (and so no duplicates).
//
// The text is extracted from the archived HTML as received (no scripts run),
// with the same extractor as imported .html files.

import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import { extractDocument } from '../import/extract'
import { headerValue, parseHttpHead, statusOf } from '../warc/http-message'
import { readWarc, recordBytes, type WarcRecordRead } from '../warc/warc-reader'
import { decodeBody } from './body-encoding'
import { storeWebSnapshot, type StoredWebSnapshot } from './store-capture'

// Larger HTML responses are not pages anyone reads; they are skipped (and said so).
const MAX_PAGE_BYTES = 50 * 1024 * 1024
// Request records are small; anything bigger (an upload) is not kept for pairing.
const MAX_REQUEST_BYTES = 1024 * 1024

export interface WebArchiveImportResult {
  file: string
  sha256: string
  pages: StoredWebSnapshot[]
  skipped: Array<{ url: string | null; reason: string }>
  warnings: string[]
}

function isWacz(path: string): boolean {
  return /\.wacz$/i.test(path)
}

export function isWebArchivePath(path: string): boolean {
  return /\.(warc|warc\.gz|wacz)$/i.test(path)
}

export async function importWebArchive(db: ArchiveDb, stamp: Stamp, path: string): Promise<WebArchiveImportResult> {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    throw new AttestError('NOT_FOUND', `No file at ${path}.`)
  }
  if (size === 0) throw new AttestError('EMPTY_FILE', `${path} is empty (0 bytes): nothing to import.`)
  const sha256 = await fileSha256(path)
  const warcs = isWacz(path) ? await extractWaczWarcs(path) : { files: [{ path, name: basename(path) }], cleanup: () => {} }
  const result: WebArchiveImportResult = { file: basename(path), sha256, pages: [], skipped: [], warnings: [] }
  try {
    for (const w of warcs.files) await importWarcFile(db, stamp, w.path, { container: basename(path), containerSha256: sha256, member: w.name }, result)
  } finally {
    warcs.cleanup()
  }
  if (result.pages.length === 0) {
    throw new AttestError('INVALID_ARGUMENT', `${basename(path)} holds no archived HTML page (no response record with status 200 and an HTML type); nothing was imported.`)
  }
  return result
}

async function importWarcFile(
  db: ArchiveDb,
  stamp: Stamp,
  path: string,
  origin: { container: string; containerSha256: string; member: string },
  result: WebArchiveImportResult
): Promise<void> {
  let warcinfo: WarcRecordRead | null = null
  const requests = new Map<string, WarcRecordRead>()
  const pages: WarcRecordRead[] = []
  try {
    for await (const record of readWarc(createReadStream(path), {
      wantBlock: (r) =>
        (r.type === 'warcinfo' && r.contentLength < MAX_REQUEST_BYTES) ||
        (r.type === 'request' && r.contentLength < MAX_REQUEST_BYTES) ||
        (r.type === 'response' && r.contentLength < MAX_PAGE_BYTES)
    })) {
      if (record.type === 'warcinfo' && !warcinfo && record.block) warcinfo = record
      else if (record.type === 'request' && record.block) requests.set(record.id, record)
      else if (record.type === 'response') {
        if (!record.block) {
          result.skipped.push({ url: record.targetUri, reason: `larger than ${MAX_PAGE_BYTES / 2 ** 20} MB` })
          continue
        }
        const head = parseHttpHead(record.block)
        if (!head || statusOf(head.firstLine) !== 200) continue
        if (!/^\s*(text\/html|application\/xhtml\+xml)/i.test(headerValue(head.headers, 'content-type') ?? '')) continue
        pages.push(record)
      }
    }
  } catch (err) {
    if (pages.length === 0) {
      throw new AttestError('INVALID_ARGUMENT', `${origin.member} is not a readable WARC file (${(err as Error).message}).`)
    }
    result.warnings.push(`${origin.member} could not be read to the end (${(err as Error).message}); the pages before that point were imported.`)
  }

  for (const page of pages) {
    const head = parseHttpHead(page.block!)!
    const payload = page.block!.subarray(head.length)
    const request =
      page.concurrentTo.map((id) => requests.get(id)).find(Boolean) ??
      [...requests.values()].find((r) => r.concurrentTo.includes(page.id)) ??
      [...requests.values()].find((r) => r.targetUri === page.targetUri && r.date === page.date) ??
      null
    const bytes = Buffer.concat([...(warcinfo ? [recordBytes(warcinfo)] : []), ...(request ? [recordBytes(request)] : []), recordBytes(page)])
    // Chunked framing (kept by some tools) wraps the content encoding: undo it first.
    const body = decodeBody(dechunk(Buffer.from(payload), head.headers), head.headers).body
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(headerValue(head.headers, 'content-type') ?? '')?.[1]
    let extraction
    try {
      extraction = await extractDocument(body, { fileName: 'page.html', charset })
    } catch (err) {
      result.skipped.push({ url: page.targetUri, reason: (err as Error).message })
      continue
    }
    const url = page.targetUri ?? `urn:attest:warc:${origin.containerSha256}:${page.id}`
    const stored = storeWebSnapshot(db, stamp, {
      warc: bytes,
      fileName: `${basename(origin.member).replace(/\.(warc(\.gz)?|wacz)$/i, '')}-${result.pages.length + 1}.warc`,
      text: extraction.text,
      textMethod: `archived HTML (scripts not run) → ${extraction.textMethod}`,
      textStatus: extraction.textStatus === 'ok' ? 'ok' : 'empty',
      capturedAt: isoDate(page.date) ?? stamp.at,
      captureMethod: `web-archive-import (${origin.container})`,
      originalUrl: url,
      archivedUrl: `urn:attest:warc:${origin.containerSha256}:${page.id}`,
      httpHeaders: Object.fromEntries(head.headers.map(([k, v]) => [k.toLowerCase(), v])),
      warnings: extraction.warnings,
      metadata: {
        ...extraction.metadata,
        webArchive: { file: origin.container, sha256: origin.containerSha256, member: origin.member, responseRecordId: page.id, requestRecordId: request?.id ?? null }
      }
    })
    result.pages.push(stored)
  }
}

function isoDate(warcDate: string): string | null {
  const d = new Date(warcDate)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

// Some tools store bodies still chunked (with Transfer-Encoding: chunked).
function dechunk(body: Buffer, headers: Array<[string, string]>): Buffer {
  if (!/chunked/i.test(headerValue(headers, 'transfer-encoding') ?? '')) return body
  const out: Buffer[] = []
  let at = 0
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at)
    if (lineEnd < 0) return body
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0].trim(), 16)
    if (!Number.isFinite(size)) return body
    if (size === 0) break
    out.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
  return Buffer.concat(out)
}

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}

/** The WARC files inside a WACZ (a zip; WARCs under archive/), extracted to a temp folder. */
async function extractWaczWarcs(path: string): Promise<{ files: Array<{ path: string; name: string }>; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-wacz-'))
  const cleanup = () => rmSync(dir, { recursive: true, force: true })
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z)))
    )
    const files: Array<{ path: string; name: string }> = []
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('error', reject)
        zip.on('end', () => resolve())
        zip.on('entry', (entry: yauzl.Entry) => {
          if (!/^archive\/[^/]+\.warc(\.gz)?$/i.test(entry.fileName)) return zip.readEntry()
          const out = join(dir, `${files.length}-${basename(entry.fileName)}`)
          zip.openReadStream(entry, (err, stream) => {
            if (err || !stream) return reject(err ?? new Error('unreadable entry'))
            pipeline(stream, createWriteStream(out)).then(() => {
              files.push({ path: out, name: entry.fileName })
              zip.readEntry()
            }, reject)
          })
        })
        zip.readEntry()
      })
    } finally {
      zip.close()
    }
    if (files.length === 0) throw new AttestError('INVALID_ARGUMENT', `${basename(path)} is a zip file but holds no WARC under archive/; is it a WACZ?`)
    return { files, cleanup }
  } catch (err) {
    cleanup()
    if (err instanceof AttestError) throw err
    throw new AttestError('INVALID_ARGUMENT', `${basename(path)} is not a readable WACZ file (${(err as Error).message}).`)
  }
}
