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
import { headerValue, parseHttpHead, statusOf, type ParsedHead } from '../warc/http-message'
import { RequestPairing, type RecordRef } from '../warc/request-pairing'
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
// Each page becomes a source and a snapshot; a crawl of more is not one
// fact-check's evidence, and a small file of millions of tiny pages must not
// keep the import busy for hours.
const MAX_PAGES = 10_000

export interface WebArchiveImportResult {
  file: string
  sha256: string
  pages: StoredWebSnapshot[]
  /** Pages not imported, and why; `code` when the reason is one (FILE_TOO_LARGE for pages past a size limit). */
  skipped: Array<{ url: string | null; reason: string; code?: ErrorCode }>
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

/** One import: where it goes, what it reads, and what it has done so far. */
interface ImportRun {
  db: ArchiveDb
  stamp: Stamp
  file: string
  sha256: string
  result: WebArchiveImportResult
  /** Snapshots stored so far (an error after the checking pass says how many). */
  stored: number
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
  const run: ImportRun = { db, stamp, file, sha256, result: { file, sha256, pages: [], skipped: [], warnings: [] }, stored: 0 }
  try {
    // The whole file is read and checked first, keeping only what each page
    // needs; nothing is stored unless all of it is readable.
    const scanBudget = inflationBudget(size)
    const plans: MemberPlan[] = []
    for (const m of members) plans.push(await scanMember(run, m, scanBudget))
    run.result.skipped.push(...plans.flatMap((p) => p.skipped))
    const importBudget = inflationBudget(size)
    for (const [i, m] of members.entries()) {
      const plan = plans[i]! // one plan per member
      if (plan.pages.length) await importMember(run, m, plan, importBudget)
    }
  } finally {
    wacz?.close()
  }
  if (run.result.pages.length === 0) throw nothingImported(file, run.result.skipped)
  return run.result
}

// When no page could be imported, the error says why, page by page.
function nothingImported(file: string, skipped: WebArchiveImportResult['skipped']): AttestError {
  if (skipped.length === 0) {
    return new AttestError('INVALID_ARGUMENT', `${file} holds no archived HTML page (no response record with status 200 and an HTML type); nothing was imported.`)
  }
  const reasons = skipped.slice(0, 3).map((s) => `${s.url ?? 'a page'} was skipped (${s.reason})`)
  const code = skipped.every((s) => s.code === 'FILE_TOO_LARGE') ? 'FILE_TOO_LARGE' : 'INVALID_ARGUMENT'
  return new AttestError(code, `${file} holds no importable HTML page: ${reasons.join('; ')}${skipped.length > 3 ? ` and ${skipped.length - 3} more` : ''}; nothing was imported.`)
}

// Reading errors name the file (and the WACZ entry), keep their code and say what was imported.
async function* records(run: ImportRun, member: Member, budget: InflationBudget, wantBlock: (r: WarcRecordMeta) => boolean | number): AsyncGenerator<WarcRecordRead> {
  const where = member.name === run.file ? run.file : `${run.file}: ${member.name}`
  try {
    yield* readWarc(await member.open(), { wantBlock, budget })
  } catch (err) {
    const outcome = run.stored === 0 ? 'nothing was imported' : `${run.stored} page(s) had been imported before this point`
    if (err instanceof AttestError) throw new AttestError(err.code, `${where}: ${err.message}; ${outcome}.`)
    throw new AttestError('WARC_INVALID', `${where} could not be read (${(err as Error).message}); ${outcome}.`)
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
  skipped: WebArchiveImportResult['skipped']
}

/** First pass: checks the WARC from end to end and decides which pages to import and which request record goes with each. */
async function scanMember(run: ImportRun, member: Member, budget: InflationBudget): Promise<MemberPlan> {
  const where = member.name === run.file ? run.file : `${run.file}: ${member.name}`
  let warcinfoId: string | null = null
  const pairing = new RequestPairing()
  const pageIds = new Set<string>()
  const skipped: MemberPlan['skipped'] = []
  let index = 0
  for await (const record of records(run, member, budget, (r) => (r.type === 'response' ? HTTP_HEAD_BYTES : false))) {
    const ref = refOf(record, index++)
    // The warcinfo goes into every page's WARC, so only one read before the pages is used (no page waits for it).
    if (record.type === 'warcinfo' && warcinfoId === null && pageIds.size === 0 && record.contentLength < MAX_REQUEST_BYTES) warcinfoId = record.id
    else if (record.type === 'request' && record.contentLength < MAX_REQUEST_BYTES) pairing.addRequest(ref)
    else if (record.type === 'response' && record.block && isHtmlPage(parseHttpHead(record.block))) {
      if (record.contentLength >= MAX_PAGE_BYTES) skipped.push({ url: record.targetUri, reason: `larger than ${MAX_PAGE_BYTES / MB} MB`, code: 'FILE_TOO_LARGE' })
      else if (!pageIds.has(record.id)) {
        // Copies of a record id are ignored: the first one is the record.
        pageIds.add(record.id)
        pairing.addPage(ref)
        if (pairing.pageCount > MAX_PAGES) {
          throw new AttestError('FILE_TOO_LARGE', `${where} holds more than ${MAX_PAGES.toLocaleString('en')} archived HTML pages, the most Attest imports from one web archive; split it or export only the pages you need. Nothing was imported.`)
        }
      }
    }
  }
  const plan = pairing.pairs()
  checkHeldBytes(plan, where)
  return { warcinfoId, pages: plan.map(({ page, request }) => ({ id: page.id, requestId: request?.id ?? null })), skipped }
}

// Only what pairing needs is kept of a record, not its fields.
function refOf(record: WarcRecordMeta, index: number): RecordRef {
  return { id: record.id, index, contentLength: record.contentLength, targetUri: record.targetUri, date: record.date, concurrentTo: record.concurrentTo }
}

function isHtmlPage(head: ParsedHead | null): boolean {
  if (!head || statusOf(head.firstLine) !== 200) return false
  return /^\s*(text\/html|application\/xhtml\+xml)/i.test(headerValue(head.headers, 'content-type') ?? '')
}

// In the second pass a page whose request record comes later (the order most
// crawlers write) waits for it, and a request waits for a later page. Walking
// the plan in file order gives the most that will ever wait at once.
function checkHeldBytes(plan: Array<{ page: RecordRef; request: RecordRef | null }>, where: string): void {
  const changes: Array<[number, number]> = []
  for (const { page, request } of plan) {
    if (!request) continue
    const [first, second] = page.index < request.index ? [page, request] : [request, page]
    changes.push([first.index, first.contentLength], [second.index, -first.contentLength])
  }
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let held = 0
  for (const [, delta] of changes) {
    held += delta
    if (held > MAX_HELD_BYTES) {
      throw new AttestError('FILE_TOO_LARGE', `${where} keeps its pages too far from their request records (more than ${MAX_HELD_BYTES / MB} MB would wait in memory to pair them); nothing was imported.`)
    }
  }
}

/** Second pass: reads the planned records' blocks and stores each page as soon as its request record has been read. */
async function importMember(run: ImportRun, member: Member, plan: MemberPlan, budget: InflationBudget): Promise<void> {
  const number = new Map(plan.pages.map((p, i) => [p.id, run.result.pages.length + i + 1]))
  // The pages each record completes, and the records still to be read.
  const completes = new Map<string, PagePlan[]>()
  for (const p of plan.pages) for (const id of [p.id, p.requestId]) if (id) completes.set(id, [...(completes.get(id) ?? []), p])
  const wanted = new Set([plan.warcinfoId, ...completes.keys()].filter((id): id is string => id !== null))
  const held = new Map<string, WarcRecordRead>()
  const done = new Set<string>()
  const stored: Array<[number, StoredWebSnapshot]> = []
  try {
    for await (const record of records(run, member, budget, (r) => wanted.has(r.id))) {
      if (!record.block) continue
      wanted.delete(record.id)
      held.set(record.id, record)
      for (const page of completes.get(record.id) ?? []) {
        const response = held.get(page.id)
        const request = page.requestId ? held.get(page.requestId) : null
        if (!response || request === undefined) continue
        const warcinfo = plan.warcinfoId ? (held.get(plan.warcinfoId) ?? null) : null
        const snapshot = await importPage(run, member.name, { response, request, warcinfo }, number.get(page.id)!)
        if (snapshot) stored.push([number.get(page.id)!, snapshot])
        done.add(page.id)
        held.delete(page.id)
        // A request is let go once every page it goes with is done.
        if (page.requestId && completes.get(page.requestId)!.every((p) => done.has(p.id))) held.delete(page.requestId)
      }
    }
  } finally {
    run.result.pages.push(...stored.sort((a, b) => a[0] - b[0]).map(([, s]) => s))
  }
}

/** Stores one page as a snapshot whose bytes are a WARC of its records; null (and a skipped entry) when its text cannot be had. */
async function importPage(
  run: ImportRun,
  member: string,
  records: { response: WarcRecordRead; request: WarcRecordRead | null; warcinfo: WarcRecordRead | null },
  number: number
): Promise<StoredWebSnapshot | null> {
  const { response: page, request, warcinfo } = records
  const head = parseHttpHead(page.block!)!
  const payload = page.block!.subarray(head.length)
  const bytes = Buffer.concat([...(warcinfo ? [recordBytes(warcinfo)] : []), ...(request ? [recordBytes(request)] : []), recordBytes(page)])
  // Chunked framing (kept by some tools) wraps the content encoding: undo it first.
  const decoded = decodeBody(dechunk(Buffer.from(payload), head.headers), head.headers, MAX_PAGE_BYTES)
  if (decoded.tooLarge) {
    run.result.skipped.push({ url: page.targetUri, reason: decoded.error!, code: 'FILE_TOO_LARGE' })
    return null
  }
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(headerValue(head.headers, 'content-type') ?? '')?.[1]
  let extraction
  try {
    extraction = await extractDocument(decoded.body, { fileName: 'page.html', charset })
  } catch (err) {
    run.result.skipped.push({ url: page.targetUri, reason: (err as Error).message })
    return null
  }
  const url = page.targetUri ?? `urn:attest:warc:${run.sha256}:${page.id}`
  const stored = storeWebSnapshot(run.db, run.stamp, {
    warc: bytes,
    fileName: `${basename(member).replace(/\.(warc(\.gz)?|wacz)$/i, '')}-${number}.warc`,
    text: extraction.text,
    textMethod: `archived HTML (scripts not run) → ${extraction.textMethod}`,
    textStatus: extraction.textStatus === 'ok' ? 'ok' : 'empty',
    capturedAt: isoDate(page.date) ?? run.stamp.at,
    captureMethod: `web-archive-import (${run.file})`,
    originalUrl: url,
    archivedUrl: `urn:attest:warc:${run.sha256}:${page.id}`,
    httpHeaders: Object.fromEntries(head.headers.map(([k, v]) => [k.toLowerCase(), v])),
    warnings: extraction.warnings,
    metadata: {
      ...extraction.metadata,
      webArchive: { file: run.file, sha256: run.sha256, member, responseRecordId: page.id, requestRecordId: request?.id ?? null }
    }
  })
  run.stored++
  return stored
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
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1').replace(/;[\s\S]*$/, '').trim(), 16)
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
