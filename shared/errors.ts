// Errors cross every boundary (IPC, HTTP, CLI) as data: a closed set of codes
// the UI can turn into words a fact-checker can act on, plus a message for
// people and optional details for machines.

export const ERROR_CODES = [
  'USAGE',
  'NOT_FOUND',
  'AMBIGUOUS',
  'INVALID_ARGUMENT',
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'PDF_PASSWORD_REQUIRED',
  'PDF_WRONG_PASSWORD',
  'PDF_INVALID',
  'HTML_INVALID',
  'WARC_INVALID',
  'DOCX_INVALID',
  'EMAIL_INVALID',
  'HASH_MISMATCH',
  'CASE_INVALID',
  'REFERENCES_INVALID',
  'ARCHIVE_FROM_NEWER_VERSION',
  'ARCHIVE_NOT_ATTEST',
  'ARCHIVE_CORRUPT',
  'ARCHIVE_READ_ONLY',
  'DISK_FULL',
  'IO_ERROR',
  'SNAPSHOT_IMMUTABLE',
  'INTEGRITY_FAILED',
  'BUNDLE_INVALID',
  'BUNDLE_TAMPERED',
  'UNAUTHORIZED',
  'HUB_UNREACHABLE',
  'HUB_AUTH_FAILED',
  'HUB_TLS_FAILED',
  'HUB_FORBIDDEN',
  'HUB_TOO_NEW',
  'HUB_NOT_INITIALIZED',
  'HUB_CHAIN_CONFLICT',
  'CANCELLED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorData {
  code: ErrorCode
  message: string
  details?: unknown
}

export class AttestError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AttestError'
    this.code = code
    this.details = details
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/** Any thrown value becomes error data; unknown errors keep their message but get INTERNAL. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof AttestError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message }
}

export function fromErrorData(data: ErrorData): AttestError {
  return new AttestError(data.code, data.message, data.details)
}
