// POST /api/download/bundle: the browser's export. A page cannot choose a
// path on the server's disk (and must not: a path typed there is resolved
// against the server's folder), so the bridge exports the bundle into a
// private temp folder through the contract's own exportBundle and streams
// the ZIP back as a download, then removes it.
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AttestError, toErrorData, type ErrorData, type Result } from '../../shared/errors'
import type { ExportSummary } from '../../shared/api/types'
import { dispatch } from '../core/api/dispatch'
import type { Handlers } from '../core/api/handlers'
import { readBody } from './read-body'

/** The request carries only which report and options (a signing key at most); never a path. */
const MAX_REQUEST_BYTES = 64 * 1024

function sendResult(res: ServerResponse, headers: Record<string, string>, result: Result<never>): void {
  const body = JSON.stringify(result)
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
  res.end(body)
}

const ALLOWED = ['reportId', 'claimReview', 'signKeyPem']

/** What the export may be asked for from a page: the report, the ClaimReview option and a signing key; never a path. */
function exportInput(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AttestError('INVALID_ARGUMENT', 'The download request must be a JSON object such as {"reportId": 1}.')
  const extra = Object.keys(raw).filter((k) => !ALLOWED.includes(k))
  if (extra.length) throw new AttestError('INVALID_ARGUMENT', `The download request takes ${ALLOWED.join(', ')} only, not ${extra.join(', ')}; the server chooses where the bundle is written.`)
  return raw as Record<string, unknown>
}

function errorOf(err: unknown): ErrorData {
  if (err instanceof SyntaxError) return { code: 'INVALID_ARGUMENT', message: `The download request is not valid JSON: ${err.message}` }
  if (err && typeof err === 'object' && 'code' in err && 'message' in err && !(err instanceof Error)) return err as ErrorData
  return toErrorData(err)
}

/** A file name for the download: the report's id in the archive, nothing the user typed. */
export function bundleFileName(reportId: number): string {
  return `attest-report-${reportId}.zip`
}

export async function sendBundleDownload(req: IncomingMessage, res: ServerResponse, handlers: Handlers, headers: Record<string, string>): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return sendResult(res, headers, { ok: false, error: { code: 'USAGE', message: 'Use POST for /api/download/bundle, with {"reportId": N} as the body.' } })
  }
  let dir: string | null = null
  try {
    const input = exportInput(JSON.parse((await readBody(req, MAX_REQUEST_BYTES)).toString('utf8') || '{}'))
    dir = await mkdtemp(join(tmpdir(), 'attest-download-'))
    const name = typeof input.reportId === 'number' ? bundleFileName(input.reportId) : 'bundle.zip'
    const path = join(dir, name)
    const result = (await dispatch(handlers, 'exportBundle', { ...input, path, format: 'zip' }, { allowLocalPaths: true })) as Result<ExportSummary>
    if (!result.ok) throw result.error
    const size = (await stat(path)).size
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/zip',
      'Content-Length': size,
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Attest-Files': String(result.value.files)
    })
    const folder = dir
    dir = null // removed once streamed (or the client went away)
    await new Promise<void>((done) => {
      const stream = createReadStream(path)
      const finish = () => {
        // The bundle is already sent: a temp folder that will not go away is not the client's failure.
        rm(folder, { recursive: true, force: true }).then(done, done)
      }
      stream.on('error', () => res.destroy())
      res.on('close', finish)
      stream.pipe(res)
    })
  } catch (err) {
    // nothing of a failed export stays on the server's disk, and the answer comes after the clean-up
    if (dir) await rm(dir, { recursive: true, force: true })
    if (res.headersSent) return void res.destroy()
    sendResult(res, headers, { ok: false, error: errorOf(err) })
  }
}
