// A WACZ 1.1.1 companion to a bundle: the report's web captures packaged so
// that ReplayWeb.page (and any WACZ reader) replays them as archived.
//
// Why a companion and not the bundle itself: the BagIt bag is the verified
// deliverable (fixity, signature, re-extraction, re-anchoring); a WACZ is a
// replay format with its own manifest. The WACZ holds exactly the web captures
// the bag carries, and each WARC in it is byte-identical to the snapshot in
// the bag (`archive/<sha256>.warc` hashes to its own name), so a reader can
// tie a replayed page back to the bundle's evidence by hash alone.
//
// Layout (ZIP, every entry STORED so readers can seek into it with ranges):
//   archive/<sha256>.warc       one WARC per captured snapshot, as archived
//   indexes/index.cdx           CDXJ, one line per indexed record, sorted
//   pages/pages.jsonl           one page per capture: the archived HTML page
//   datapackage.json            Frictionless data package manifest
//   datapackage-digest.json     the manifest's hash

import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import yazl from 'yazl'
import { CDXAndRecordIndexer } from 'warcio'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { getBlob } from '../archive/blobs'
import { WARC_MEDIA_TYPE } from '../capture/store-capture'
import { baseMediaType, type BundleContents } from './bundle-model'
import { createAtomicFile, writeError } from './atomic-file'

export const WACZ_VERSION = '1.1.1'

/** One web capture to package: its WARC bytes and what names the page. */
export interface WaczCapture {
  sha256: string
  /** Read when the writer reaches it (one WARC in memory at a time while indexing). */
  bytes(): Uint8Array
  title: string | null
  /** The snapshot's extracted text: lets ReplayWeb.page search the pages. */
  text: string | null
  /** Addresses the page was captured at, best first (final URL, then requested). */
  urls: string[]
}

export interface WaczOptions {
  title: string
  description?: string
  software: string
  /** `created`; defaults to now. */
  now?: Date
}

export interface WaczSummary {
  path: string
  warcs: number
  pages: number
  indexLines: number
  bytes: number
}

export interface WaczPage {
  id: string
  url: string
  ts: string
  title: string
  text?: string
}

interface DataPackageResource {
  name: string
  path: string
  hash: string
  bytes: number
}

// Same fixed zip timestamps as the bag: the same captures give the same
// entries; only `created` in datapackage.json carries the clock.
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0)
const ENTRY = { mtime: ZIP_MTIME, mode: 0o100644, compress: false, forceDosTimestamp: true }

const sha256Label = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`
const jsonBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8')

/** The web captures (WARC snapshots) a bundle carries, as WACZ input. */
export function webCapturesOf(db: ArchiveDb, bundle: BundleContents): WaczCapture[] {
  const titles = new Map(bundle.sources.map((s) => [s.uid, s.title]))
  return bundle.snapshots
    .filter((s) => baseMediaType(s.mediaType) === WARC_MEDIA_TYPE)
    .map((s) => ({
      sha256: s.sha256,
      bytes: () => {
        const blob = getBlob(db, s.sha256)
        if (!blob) throw new AttestError('ARCHIVE_CORRUPT', `Snapshot bytes ${s.sha256} are missing from the archive`)
        return blob
      },
      title: s.captures.map((c) => titles.get(c.source)).find(Boolean) ?? null,
      text: bundle.texts.get(s.sha256) ?? null,
      urls: [...new Set(s.captures.flatMap((c) => [c.archivedUrl, c.originalUrl]).filter((u): u is string => Boolean(u)))]
    }))
}

const HTML_MIME = /^(text\/html|application\/xhtml\+xml)$/i

/**
 * Indexes one WARC: its CDXJ lines and the page it holds (the 200 HTML
 * response at one of the capture's addresses, else the first 200 HTML one,
 * else the first 200 response of any type).
 */
export async function indexWarc(bytes: Uint8Array, filename: string, urls: string[]): Promise<{ lines: string[]; page: { url: string; ts: string } | null }> {
  const indexer = new CDXAndRecordIndexer({ format: 'cdxj' })
  const lines: string[] = []
  const ok: Array<{ url: string; ts: string; html: boolean }> = []
  for await (const entry of indexer.iterIndex([{ reader: (async function* () { yield bytes })(), filename }])) {
    const { cdx, record } = entry as unknown as { cdx: Record<string, unknown>; record: { warcType: string; warcDate: string | null } }
    lines.push(indexer.serializeCDXJ(cdx).replace(/\n$/, ''))
    if (record.warcType === 'response' && Number(cdx.status) === 200 && typeof cdx.url === 'string') {
      ok.push({ url: cdx.url, ts: rfc3339(record.warcDate), html: HTML_MIME.test(String(cdx.mime ?? '')) })
    }
  }
  const html = ok.filter((p) => p.html)
  const page = urls.map((u) => html.find((p) => p.url === u)).find(Boolean) ?? html[0] ?? ok[0] ?? null
  return { lines, page: page ? { url: page.url, ts: page.ts } : null }
}

function rfc3339(warcDate: string | null): string {
  const d = new Date(warcDate ?? '')
  return Number.isNaN(d.getTime()) ? (warcDate ?? '') : d.toISOString()
}

/** Writes the WACZ at `path` (refusing to overwrite a file). */
export async function writeWacz(path: string, captures: WaczCapture[], options: WaczOptions): Promise<WaczSummary> {
  if (captures.length === 0) throw new AttestError('INVALID_ARGUMENT', 'There are no web captures to write as WACZ.')
  // Written beside its path and renamed when whole: a failed write leaves nothing.
  const file = await createAtomicFile(path, 'the WACZ')
  const zip = new yazl.ZipFile()
  let failure: Error | null = null
  zip.outputStream.on('error', (err) => (failure ??= err))
  const pump = (async () => {
    for await (const chunk of zip.outputStream) await file.write(chunk as Buffer)
  })()
  pump.catch((err: Error) => (failure ??= err))
  try {
    const resources: DataPackageResource[] = []
    const add = (entryPath: string, bytes: Uint8Array) => {
      if (failure) throw failure
      zip.addBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), entryPath, ENTRY)
      resources.push({ name: entryPath.slice(entryPath.lastIndexOf('/') + 1), path: entryPath, hash: sha256Label(bytes), bytes: bytes.byteLength })
    }

    const cdxj: string[] = []
    const pages: WaczPage[] = []
    const seen = new Set<string>()
    for (const capture of [...captures].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))) {
      if (seen.has(capture.sha256)) continue
      seen.add(capture.sha256)
      const name = `${capture.sha256}.warc`
      const bytes = capture.bytes()
      const { lines, page } = await indexWarc(bytes, name, capture.urls)
      add(`archive/${name}`, bytes)
      cdxj.push(...lines)
      if (page) {
        const entry: WaczPage = { id: capture.sha256, url: page.url, ts: page.ts, title: capture.title ?? page.url }
        if (capture.text) entry.text = capture.text
        pages.push(entry)
      }
    }
    // CDXJ is looked up by binary search: lines sorted by SURT key, then
    // timestamp, as plain byte order of the whole line gives.
    cdxj.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    add('indexes/index.cdx', Buffer.from(cdxj.map((l) => l + '\n').join(''), 'utf8'))
    pages.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.id < b.id ? -1 : 1))
    const header = { format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }
    add('pages/pages.jsonl', Buffer.from([header, ...pages].map((p) => JSON.stringify(p) + '\n').join(''), 'utf8'))

    const main = pages[0]
    const now = (options.now ?? new Date()).toISOString()
    const dataPackage = {
      profile: 'data-package',
      wacz_version: WACZ_VERSION,
      title: options.title,
      ...(options.description ? { description: options.description } : {}),
      created: now,
      // Written once and never changed, so last modified when created (WACZ 1.1.1 lists both).
      modified: now,
      software: options.software,
      ...(main ? { mainPageUrl: main.url, mainPageDate: main.ts } : {}),
      resources: [...resources].sort((a, b) => (a.path < b.path ? -1 : 1))
    }
    const manifest = jsonBytes(dataPackage)
    zip.addBuffer(manifest, 'datapackage.json', ENTRY)
    zip.addBuffer(jsonBytes({ path: 'datapackage.json', hash: sha256Label(manifest) }), 'datapackage-digest.json', ENTRY)
    zip.end()
    await pump
    if (failure) throw failure
    await file.commit()
    return { path, warcs: seen.size, pages: pages.length, indexLines: cdxj.length, bytes: file.bytesWritten() }
  } catch (err) {
    (zip.outputStream as Readable).destroy()
    await pump.catch(() => {})
    await file.abort()
    throw writeError(failure ?? err, path, 'the WACZ')
  }
}
