// A capture fails for reasons outside the archive (offline, no browser, a bad
// address), and the core already says which in plain words. The generic
// wording for IO_ERROR ("could not reach the archive") would mislead here, so
// capture errors lead with the core's own sentence.
import { plainError, type PlainError } from '../../errors/messages'

export function captureError(err: unknown): PlainError {
  const e = plainError(err)
  if (e.code === 'IO_ERROR') {
    const browserMissing = /Chromium|Chrome/.test(e.detail)
    const check = browserMissing ? '' : 'Check the address and that this computer is online, then try again.'
    // The core usually says already that nothing was kept; say it once.
    const kept = /Nothing was captured/.test(e.detail) ? '' : ' Nothing was added to the archive.'
    return { ...e, title: e.detail, action: `${check}${kept}`.trim() }
  }
  if (e.code === 'INVALID_ARGUMENT') {
    return { ...e, title: 'That is not a web address Attest can capture.', action: 'Give the full address, starting with https:// (or http://).' }
  }
  return e
}

/** What the user typed, as a full address: a bare "example.org/page" means https. */
export function normalizeAddress(input: string): string {
  const t = input.trim()
  if (!t) return t
  // "localhost:8080/x" has no scheme; "file:///x" or "javascript:…" do (and are refused by the archive).
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(t) || /^(javascript|data|file|about|mailto|blob):/i.test(t) ? t : `https://${t}`
}
