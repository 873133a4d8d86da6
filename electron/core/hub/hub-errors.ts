import { AttestError } from '../../../shared/errors'

// node-postgres reports failures three ways: Node socket errors (code
// ECONNREFUSED…), TLS errors (code ERR_TLS_…, or OpenSSL's words), and server
// errors carrying a SQLSTATE. Each becomes one AttestError a person can act on.

const UNREACHABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'])
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|CERT_|ERR_OSSL_)/

interface PgLikeError {
  code?: string
  message?: string
}

/** Where the error happened, for the message (never the password). */
export function describeHub(url: string): string {
  try {
    const u = new URL(url)
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`
  } catch {
    return 'the hub'
  }
}

export function toHubError(err: unknown, where: string): AttestError {
  if (err instanceof AttestError) return err
  const e = (err ?? {}) as PgLikeError
  const code = e.code ?? ''
  const message = e.message ?? String(err)
  if (code === 'AT001') return new AttestError('HUB_CHAIN_CONFLICT', message)
  if (code === 'AT004') return new AttestError('INTEGRITY_FAILED', `${where} refused an event: ${message}`)
  if (code === '23505' && /events_hash_key/.test(message)) {
    return new AttestError('HUB_CHAIN_CONFLICT', `${where} already holds one of these events in another archive (is this a copy of an archive registered under another id?): ${message}`)
  }
  if (code === '42501' && /permission denied for schema attest/.test(message)) {
    return new AttestError('HUB_FORBIDDEN', `${where}: this role is not a member of the hub (${message}); the hub's owner adds members with attest hub add-member`)
  }
  if (code === '42501' && /row-level security policy for table "(events|case_subjects)"/.test(message)) {
    // The append policy: own name, own archive, and a case this member may
    // write. Sync never pushes under another's name or archive, so the case is
    // the cause a person meets (unshared, or never shared); the rest is named.
    return new AttestError(
      'HUB_FORBIDDEN',
      `${where} refused an event (${message}): a member appends only under their own name, to their own archive, ` +
        `and in cases shared with them — through sync, that means the event's case is not shared with this member (any more). ` +
        `The change stays in this archive, and syncing stops at it until the hub's owner shares the case again (attest hub share-case)`
    )
  }
  if (code === '42501' || code === 'AT002') return new AttestError('HUB_FORBIDDEN', `${where} refused: ${message}`)
  if (code === '28P01' || code === '28000') return new AttestError('HUB_AUTH_FAILED', `${where} did not accept the role or password: ${message}`)
  if (code === '3D000') return new AttestError('NOT_FOUND', `${where}: ${message}; check the database name in the URL`)
  if (code === '53100') return new AttestError('DISK_FULL', `${where} is out of disk space; nothing was stored by this call: ${message}`)
  if (code === 'AT003' || code === '23514' || code === '22P02') return new AttestError('INVALID_ARGUMENT', `${where} refused the data: ${message}`)
  if (TLS_CODES.test(code) || /certificate|does not support SSL|SSL|TLS|Hostname\/IP does not match/i.test(message)) {
    return new AttestError('HUB_TLS_FAILED', `${where}: the TLS connection could not be verified (${message}); check the host name in the URL and the CA certificate (sslrootcert)`)
  }
  if (UNREACHABLE_SOCKET.has(code) || code.startsWith('08') || code === '57P01' || code === '57P03' || /timeout|terminated|Connection ended/i.test(message)) {
    return new AttestError('HUB_UNREACHABLE', `${where} cannot be reached (${code || message}); work goes on offline and syncs later`)
  }
  return new AttestError('INTERNAL', `${where}: ${message}${code ? ` [SQLSTATE ${code}]` : ''}`)
}
