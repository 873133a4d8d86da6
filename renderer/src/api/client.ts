// The renderer's single door to the archive. Both transports speak the same
// contract (shared/api/contract.ts) and return Result JSON; this file turns
// them into an AttestApi whose functions resolve with the value or reject
// with an AttestError, so components handle failure in one way.
import type { AttestApi, OpInput, OpOutput } from '../../../shared/api/contract'
import { OPERATION_NAMES, type OperationName } from '../../../shared/api/operation-names'
import { AttestError, fromErrorData, isErrorCode, type Result } from '../../../shared/errors'

import type { MenuCommand, ProgressEvent } from '../../../shared/api/events'
import { desktopReplayPrefix, serverReplayPrefix } from '../features/source-viewer/web-capture/replay-prefix'

export type { MenuCommand, ProgressEvent }

/** What the Electron preload exposes on `window.attest`. */
export type DesktopBridge = {
  [K in OperationName]: (input: OpInput<K>) => Promise<Result<OpOutput<K>>>
} & {
  platform: 'electron'
  onMenu(cb: (command: MenuCommand) => void): () => void
  onProgress(cb: (p: ProgressEvent) => void): () => void
  /** Where a file the user picked or dropped is on disk ('' when it has no path). */
  pathForFile(file: File): string
}

export interface Client {
  api: AttestApi
  platform: 'electron' | 'browser'
  /** Menu commands from the desktop shell; a no-op subscription in the browser. */
  onMenu(cb: (command: MenuCommand) => void): () => void
  onProgress(cb: (p: ProgressEvent) => void): () => void
  /**
   * The browser's export: the server writes the bundle and sends it back as a
   * download (a page cannot choose a path on the server). Absent on the
   * desktop, where the bundle is written to a path on this computer.
   */
  downloadBundle?(input: BundleRequest): Promise<BundleDownload>
  /** How the offline replay URLs of a web capture begin (its hash names it); absent where replay is not served. */
  replayPrefix?(sha256: string): Promise<string>
}

export interface BundleRequest {
  reportId: number
  claimReview?: boolean
  /** An Ed25519 private key (PKCS#8 PEM, as `attest keygen` writes it) to sign the bundle with. */
  signKeyPem?: string
}

export interface BundleDownload {
  fileName: string
  bytes: number
  files: number | null
}

type Call = (name: OperationName, input: unknown) => Promise<Result<unknown>>

/** Builds the AttestApi from one generic call: no per-operation code to drift from the contract. */
export function apiFrom(call: Call): AttestApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const name of OPERATION_NAMES) {
    api[name] = async (input: unknown) => {
      let result: Result<unknown>
      try {
        result = await call(name, input ?? {})
      } catch (err) {
        // A transport that throws (network down, server gone) is not an archive
        // error; it still has to reach the user as one readable message.
        throw new AttestError('IO_ERROR', `Could not reach the archive: ${err instanceof Error ? err.message : String(err)}`)
      }
      if (result && typeof result === 'object' && 'ok' in result) {
        if (result.ok) return result.value
        const code = isErrorCode(result.error?.code) ? result.error.code : 'INTERNAL'
        throw fromErrorData({ ...result.error, code })
      }
      throw new AttestError('INTERNAL', `Unexpected answer from the archive for ${name}.`)
    }
  }
  return api as unknown as AttestApi
}

const TOKEN_KEY = 'attest.token'

/**
 * The `attest serve` token arrives once in the address bar. Keeping it in
 * sessionStorage lets a reload keep working, and removing it from the URL keeps
 * it out of history, bookmarks and screenshots.
 */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const url = new URL(loc.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return storage.getItem(TOKEN_KEY)
}

export function httpCall(token: string | null, fetchImpl: typeof fetch = fetch.bind(window)): Call {
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  return async (name, input) => {
    // File bytes travel as a raw upload first (the server streams it to
    // disk), then the operation names the upload: no file inside JSON.
    if ((name === 'importFile' || name === 'addSnapshot') && typeof (input as { base64?: unknown }).base64 === 'string') {
      const { base64, ...rest } = input as { base64: string }
      const put = await fetchImpl('/api/upload', { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/octet-stream' }, body: base64ToBytes(base64) })
      const uploaded = (await readResult(put)) as Result<{ uploadId: string }>
      if (!uploaded.ok) return uploaded
      input = { ...rest, uploadId: uploaded.value.uploadId }
    }
    const res = await fetchImpl(`/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify(input)
    })
    return readResult(res)
  }
}

/**
 * Under `attest serve`, streams a file the user picked straight to the server
 * (PUT /api/upload) and gives its upload id: the page never encodes the bytes,
 * so a large file costs its main thread nothing. Null when not served with a
 * token (the desktop, or tests with an in-memory client).
 */
export async function uploadToServer(file: Blob, storage: Storage = window.sessionStorage, fetchImpl: typeof fetch = fetch.bind(window)): Promise<string | null> {
  const token = storage.getItem(TOKEN_KEY)
  if (!token) return null
  const put = await fetchImpl('/api/upload', { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, body: file })
  const uploaded = (await readResult(put)) as Result<{ uploadId: string }>
  if (!uploaded.ok) throw fromErrorData(uploaded.error)
  return uploaded.value.uploadId
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return bytes
}

async function readResult(res: Response): Promise<Result<unknown>> {
  const text = await res.text()
  try {
    return JSON.parse(text) as Result<unknown>
  } catch {
    return {
      ok: false,
      error: {
        code: res.status === 401 || res.status === 403 ? 'UNAUTHORIZED' : 'INTERNAL',
        message: `The archive server answered ${res.status} ${res.statusText}.`
      }
    }
  }
}

/** Asks `attest serve` for a report's bundle and hands it to the browser as a download. */
export function httpDownloadBundle(token: string | null, fetchImpl: typeof fetch = fetch.bind(window), save: (blob: Blob, fileName: string) => void = saveBlob) {
  return async (input: BundleRequest): Promise<BundleDownload> => {
    let res: Response
    try {
      res = await fetchImpl('/api/download/bundle', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input)
      })
    } catch (err) {
      throw new AttestError('IO_ERROR', `Could not reach the archive: ${err instanceof Error ? err.message : String(err)}`)
    }
    if (!res.ok || (res.headers.get('Content-Type') ?? '').startsWith('application/json')) {
      const result = (await res.json().catch(() => null)) as Result<unknown> | null
      if (result && !result.ok) throw fromErrorData({ ...result.error, code: isErrorCode(result.error?.code) ? result.error.code : 'INTERNAL' })
      throw new AttestError('INTERNAL', `The archive server answered ${res.status} ${res.statusText} instead of a bundle.`)
    }
    const fileName = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `attest-report-${input.reportId}.zip`
    const blob = await res.blob()
    save(blob, fileName)
    const files = Number(res.headers.get('X-Attest-Files'))
    return { fileName, bytes: blob.size, files: Number.isFinite(files) && files > 0 ? files : null }
  }
}

/** The browser's own download, as if the user clicked a link to the file. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // the download has started from the URL; give it a moment before freeing the blob
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * On the desktop, the absolute path of a file the user picked or dropped, so
 * the core reads it from disk itself; null in the browser (the bytes must be
 * sent) or when the file has no path.
 */
export function desktopPathOf(file: File): string | null {
  const path = desktopBridge()?.pathForFile(file)
  return path ? path : null
}

function desktopBridge(): DesktopBridge | null {
  const candidate = (window as unknown as { attest?: DesktopBridge }).attest
  return candidate && candidate.platform === 'electron' ? candidate : null
}

export function createClient(): Client {
  const bridge = desktopBridge()
  if (bridge) {
    return {
      api: apiFrom((name, input) => (bridge[name] as (i: unknown) => Promise<Result<unknown>>)(input)),
      platform: 'electron',
      onMenu: (cb) => bridge.onMenu(cb),
      onProgress: (cb) => bridge.onProgress(cb),
      replayPrefix: async (sha256) => desktopReplayPrefix(sha256)
    }
  }
  const token = takeToken()
  return {
    api: apiFrom(httpCall(token)),
    platform: 'browser',
    onMenu: () => () => {},
    onProgress: () => () => {},
    downloadBundle: httpDownloadBundle(token),
    replayPrefix: (sha256) => serverReplayPrefix(token, sha256)
  }
}
