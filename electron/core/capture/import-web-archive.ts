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

import { createReadStream, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { AttestError, type ErrorCode } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import { extractDocument } from '../import/extract'
import { headerValue, parseHttpHead, statusOf, type HeaderList } from '../warc/http-message'
import { openWacz } from '../warc/wacz-reader'
import { inflationBudget, type InflationBudget } from '../warc/warc-bytes'
import { readWarc, recordBytes, type WarcRecordMeta, type WarcRecordRead } from '../warc/warc-reader'
import { decodeBody } from './body-encoding'
import { storeWebSnapshot, type StoredWebSnapshot } from './store-capture'

const MB = 1024 * 1024
// Larger HTML responses are not pages anyone reads; they are skipped (and said so).
const MAX_PAGE_BYTES = 50 * MB
// Request records are small; anything bigger (an upload) is not kept for pairing.
const MAX_REQUEST_BYTES = MB
// Enough of a response to read its HTTP status line and headers.
const HTTP_HEAD_BYTES = 64 * 1024
// Pages and request records wait in memory for their partner record when it
// comes later in the file; a file that would make us hold more is refused.
const MAX_HELD_BYTES = 128 * MB

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

/** One WARC to read: the file itself, or an entry of a WACZ. */
interface Member {
  name: string
  open(): Promise<AsyncIterable<Uint8Array>>
}

interface Origin {
  container: string
  containerSha256: string
  member: string
}

export async function importWebArchive(db: ArchiveDb, stamp: Stamp, path: string): Promise<WebArchiveImportResult> {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    throw new AttestError('NOT_FOUND', `No file at ${path}.`)
  }
  const file = basename(path)
  if (size === 0) throw new AttestError('EMPTY_FILE', `${path} is empty (0 bytes): nothing to import.`)
  const sha256 = await fileSha256(path)
  const wacz = isWacz(path) ? await openWacz(path, file, inflationBudget(size)) : null
  const members: Member[] = wacz
    ? wacz.members.map((m) => ({ name: m.name, open: () => wacz.open(m) }))
    : [{ name: file, open: async () => createReadStream(path) }]
  const result: WebArchiveImportResult = { file, sha256, pages: [], skipped: [], warnings: [] }
  try {
    // First the whole file is read and checked, keeping only what each page
    // needs; nothing is stored unless all of it is readable.
    const scanBudget = inflationBudget(size)
    const plans: MemberPlan[] = []
    for (const m of members) plans.push(await scanMember(m, file, scanBudget))
    const skippedPages = plans.flatMap((p) => p.skipped)
    result.skipped.push(...skippedPages)
    const importBudget = inflationBudget(size)
    for (const [i, m] of members.entries()) {
      if (plans[i].pages.length) await importMember(db, stamp, m, plans[i], { container: file, containerSha256: sha256, member: m.name }, result, file, importBudget)
    }
    if (result.pages.length === 0) throw nothingImported(file, result.skipped, skippedPages.length + plans.reduce((n, p) => n + p.pages.length, 0))
  } finally {
    wacz?.close()
  }
  return result
}

// When no page could be imported, the error says why, page by page.
function nothingImported(file: string, skipped: Array<{ url: string | null; reason: string; code?: ErrorCode }>, candidates: number): AttestError {
  if (candidates === 0 || skipped.length === 0) {
    return new AttestError('INVALID_ARGUMENT', `${file} holds no archived HTML page (no response record with status 200 and an HTML type); nothing was imported.`)
  }
  const reasons = skipped.slice(0, 3).map((s) => `${s.url ?? 'a page'} was skipped (${s.reason})`)
  const code = skipped.every((s) => s.code === 'FILE_TOO_LARGE') ? 'FILE_TOO_LARGE' : 'INVALID_ARGUMENT'
  return new AttestError(code, `${file} holds no importable HTML page: ${reasons.join('; ')}${skipped.length > 3 ? ` and ${skipped.length - 3} more` : ''}; nothing was imported.`)
}

// Reading errors name the file (and the WACZ entry) and keep their code.
async function* records(member: Member, file: string, budget: InflationBudget, wantBlock: (r: WarcRecordMeta) => boolean | number): AsyncGenerator<WarcRecordRead> {
  const where = member.name === file ? file : `${file}: ${member.name}`
  try {
    yield* readWarc(await member.open(), { wantBlock, budget })
  } catch (err) {
    if (err instanceof AttestError) throw new AttestError(err.code, `${where}: ${err.message}; nothing was imported.`)
    throw new AttestError('WARC_INVALID', `${where} could not be read (${(err as Error).message}); nothing was imported.`)
  }
}

interface PagePlan {
  id: string
  /** The request record copied with the page, if one pairs with it. */
  requestId: string | null
}

interface MemberPlan {
  warcinfoId: string | null
  pages: PagePlan[]
  skipped: Array<{ url: string | null; reason: string; code: ErrorCode }>
}

interface Seen {
  meta: WarcRecordMeta
  index: number
}

/** First pass: checks the WARC from end to end and decides which pages to import and which request record goes with each. */
async function scanMember(member: Member, file: string, budget: InflationBudget): Promise<MemberPlan> {
  let warcinfo: Seen | null = null
  const requests: Seen[] = []
  const pages: Seen[] = []
  const skipped: MemberPlan['skipped'] = []
  let index = 0
  const want = (r: WarcRecordMeta) => (r.type === 'response' ? HTTP_HEAD_BYTES : false)
  for await (const record of records(member, file, budget, want)) {
    const seen = { meta: record, index: index++ }
    if (record.type === 'warcinfo' && !warcinfo && record.contentLength < MAX_REQUEST_BYTES) warcinfo = seen
    else if (record.type === 'request' && record.contentLength < MAX_REQUEST_BYTES) requests.push(seen)
    else if (record.type === 'response' && record.block && isHtmlPage(parseHttpHead(record.block)?.firstLine, parseHttpHead(record.block)?.headers)) {
      if (record.contentLength >= MAX_PAGE_BYTES) skipped.push({ url: record.targetUri, reason: `larger than ${MAX_PAGE_BYTES / MB} MB`, code: 'FILE_TOO_LARGE' })
      else pages.push(seen)
    }
  }
  const plan = pages.map((page) => ({ page, request: pairedRequest(page.meta, requests) }))
  checkHeldBytes(plan, file, member.name)
  return { warcinfoId: warcinfo?.meta.id ?? null, pages: plan.map(({ page, request }) => ({ id: page.meta.id, requestId: request?.meta.id ?? null })), skipped }
}

function isHtmlPage(firstLine: string | undefined, headers: HeaderList | undefined): boolean {
  if (!firstLine || !headers || statusOf(firstLine) !== 200) return false
  return /^\s*(text\/html|application\/xhtml\+xml)/i.test(headerValue(headers, 'content-type') ?? '')
}

function pairedRequest(page: WarcRecordMeta, requests: Seen[]): Seen | null {
  return (
    requests.find((r) => page.concurrentTo.includes(r.meta.id)) ??
    requests.find((r) => r.meta.concurrentTo.includes(page.id)) ??
    requests.find((r) => r.meta.targetUri === page.targetUri && r.meta.date === page.date) ??
    null
  )
}

// In the second pass a page whose request record comes later (the order most
// crawlers write) waits for it, and a request waits for a later page. Walking
// the plan in file order gives the most that will ever wait at once.
function checkHeldBytes(plan: Array<{ page: Seen; request: Seen | null }>, file: string, member: string): void {
  const changes: Array<[number, number]> = []
  for (const { page, request } of plan) {
    if (!request) continue
    const [first, second] = page.index < request.index ? [page, request] : [request, page]
    changes.push([first.index, first.meta.contentLength], [second.index, -first.meta.contentLength])
  }
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let held = 0
  for (const [, delta] of changes) {
    held += delta
    if (held > MAX_HELD_BYTES) {
      throw new AttestError(
        'FILE_TOO_LARGE',
        `${file}${member === file ? '' : `: ${member}`} keeps its pages too far from their request records (more than ${MAX_HELD_BYTES / MB} MB would wait in memory to pair them); nothing was imported.`
      )
    }
  }
}

/** Second pass: reads the planned records' blocks and stores each page as soon as its request record has been read. */
async function importMember(
  db: ArchiveDb,
  stamp: Stamp,
  member: Member,
  plan: MemberPlan,
  origin: Origin,
  result: WebArchiveImportResult,
  file: string,
  budget: InflationBudget
): Promise<void> {
  const number = new Map(plan.pages.map((p, i) => [p.id, result.pages.length + i + 1]))
  const waiting = new Map(plan.pages.map((p) => [p.id, p]))
  const needed = new Set([plan.warcinfoId, ...plan.pages.flatMap((p) => [p.id, p.requestId])].filter((id): id is string => id !== null))
  const held = new Map<string, WarcRecordRead>()
  const stored: Array<[number, StoredWebSnapshot]> = []
  for await (const record of records(member, file, budget, (r) => needed.has(r.id) && !held.has(r.id))) {
    if (!record.block) continue
    held.set(record.id, record)
    const warcinfo = plan.warcinfoId ? held.get(plan.warcinfoId) : undefined
    if (plan.warcinfoId && !warcinfo) continue
    for (const page of [...waiting.values()]) {
      const response = held.get(page.id)
      const request = page.requestId ? held.get(page.requestId) : undefined
      if (!response || (page.requestId && !request)) continue
      waiting.delete(page.id)
      const snapshot = await importPage(db, stamp, response, request ?? null, warcinfo ?? null, origin, result, number.get(page.id)!)
      if (snapshot) stored.push([number.get(page.id)!, snapshot])
      release(held, page, waiting)
    }
  }
  result.pages.push(...stored.sort((a, b) => a[0] - b[0]).map(([, s]) => s))
}

// A record is let go once no waiting page needs it.
function release(held: Map<string, WarcRecordRead>, done: PagePlan, waiting: Map<string, PagePlan>): void {
  held.delete(done.id)
  if (done.requestId && ![...waiting.values()].some((p) => p.requestId === done.requestId)) held.delete(done.requestId)
}

async function importPage(
  db: ArchiveDb,
  stamp: Stamp,
  page: WarcRecordRead,
  request: WarcRecordRead | null,
  warcinfo: WarcRecordRead | null,
  origin: Origin,
  result: WebArchiveImportResult,
  number: number
): Promise<StoredWebSnapshot | null> {
  const head = parseHttpHead(page.block!)!
  const payload = page.block!.subarray(head.length)
  const bytes = Buffer.concat([...(warcinfo ? [recordBytes(warcinfo)] : []), ...(request ? [recordBytes(request)] : []), recordBytes(page)])
  // Chunked framing (kept by some tools) wraps the content encoding: undo it first.
  const decoded = decodeBody(dechunk(Buffer.from(payload), head.headers), head.headers, MAX_PAGE_BYTES)
  if (decoded.tooLarge) {
    result.skipped.push(Object.assign({ url: page.targetUri, reason: decoded.error! }, { code: 'FILE_TOO_LARGE' as const }))
    return null
  }
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(headerValue(head.headers, 'content-type') ?? '')?.[1]
  let extraction
  try {
    extraction = await extractDocument(decoded.body, { fileName: 'page.html', charset })
  } catch (err) {
    result.skipped.push({ url: page.targetUri, reason: (err as Error).message })
    return null
  }
  const url = page.targetUri ?? `urn:attest:warc:${origin.containerSha256}:${page.id}`
  return storeWebSnapshot(db, stamp, {
    warc: bytes,
    fileName: `${basename(origin.member).replace(/\.(warc(\.gz)?|wacz)$/i, '')}-${number}.warc`,
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
