import { existsSync, readFileSync } from 'node:fs'
import type { ConnectionOptions } from 'node:tls'
import pg from 'pg'
import { AttestError } from '../../../shared/errors'
import { describeHub, toHubError } from './hub-errors'

// A hub URL is a libpq-style postgres:// URL. node-postgres lets the URL's own
// ssl* parameters override any ssl object we pass, so we take them out and
// build the TLS options ourselves, with libpq's meanings:
//   (none), disable, allow, prefer  plain TCP (only on a trusted network)
//   require                         encrypted, server not verified
//   verify-ca                       certificate must chain to sslrootcert (or the system CAs)
//   verify-full                     verify-ca, and the certificate must name the host in the URL

const SSL_PARAMS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'sslpassword', 'connect_timeout']

export interface HubConnection {
  pool: pg.Pool
  /** user@host:port/db, for messages. */
  where: string
}

export function hubPoolConfig(url: string): pg.PoolConfig {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new AttestError('INVALID_ARGUMENT', `"${describeHub(url)}" is not a hub URL; expected postgres://ROLE@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=CA.pem`)
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new AttestError('INVALID_ARGUMENT', `a hub URL starts with postgres:// (got ${parsed.protocol}//)`)
  }
  const params = parsed.searchParams
  const mode = params.get('sslmode') ?? 'disable'
  const timeoutSeconds = Number(params.get('connect_timeout') ?? 10)
  const ssl = tlsOptions(mode, params)
  for (const p of SSL_PARAMS) params.delete(p)
  return {
    connectionString: parsed.toString(),
    ssl,
    connectionTimeoutMillis: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : 10_000,
    max: 4,
    application_name: 'attest',
    // A hub that stops answering mid-call (network gone, server frozen) must
    // end in HUB_UNREACHABLE, not a sync that waits forever.
    keepAlive: true,
    query_timeout: 120_000,
    // JIT compiling costs more than it saves on these short indexed queries
    // (68 of 137 ms of a 5,000-event pull page, measured on PostgreSQL 15).
    // Timestamps as text in one known form, whatever the server's defaults (hub.ts EVENT_COLUMNS).
    options: '-c jit=off -c TimeZone=UTC -c DateStyle=ISO'
  }
}

function tlsOptions(mode: string, params: URLSearchParams): ConnectionOptions | false {
  if (['disable', 'allow', 'prefer'].includes(mode)) return false
  if (mode === 'require') return { rejectUnauthorized: false }
  if (mode !== 'verify-ca' && mode !== 'verify-full') {
    throw new AttestError('INVALID_ARGUMENT', `sslmode=${mode} is not one of disable, require, verify-ca, verify-full`)
  }
  const options: ConnectionOptions = { rejectUnauthorized: true }
  const rootcert = params.get('sslrootcert')
  if (rootcert) options.ca = readPem(rootcert, 'sslrootcert')
  const cert = params.get('sslcert')
  const key = params.get('sslkey')
  if (cert) options.cert = readPem(cert, 'sslcert')
  if (key) options.key = readPem(key, 'sslkey')
  // verify-ca trusts any name on a certificate from the CA; verify-full keeps Node's host check.
  if (mode === 'verify-ca') options.checkServerIdentity = () => undefined
  return options
}

function readPem(path: string, what: string): string {
  if (!existsSync(path)) throw new AttestError('INVALID_ARGUMENT', `${what}=${path}: no such file`)
  return readFileSync(path, 'utf8')
}

/** A pool for the hub; idle connections that drop (hub restart) are replaced on next use. */
export function connectHub(url: string): HubConnection {
  const pool = new pg.Pool(hubPoolConfig(url))
  pool.on('error', () => undefined)
  return { pool, where: `hub ${describeHub(url)}` }
}

/** Runs fn in one transaction on one pooled client; every failure is mapped to a hub error. */
export async function inTransaction<T>(conn: HubConnection, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(conn, async (client) => {
    await client.query('BEGIN')
    try {
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    }
  })
}

/**
 * Runs fn on one pooled client; every failure is mapped to a hub error, and a
 * client that failed is closed, not reused (after a dropped connection or a
 * COPY stopped midway it cannot serve another query).
 */
export async function withClient<T>(conn: HubConnection, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await conn.pool.connect().catch((err: unknown) => {
    throw toHubError(err, conn.where)
  })
  // A connection that drops while checked out also emits 'error' on the client;
  // the failed query reports it, so the event itself must not crash the process.
  const ignore = () => undefined
  client.on('error', ignore)
  let failed = false
  try {
    return await fn(client)
  } catch (err) {
    failed = true
    throw toHubError(err, conn.where)
  } finally {
    client.removeListener('error', ignore)
    client.release(failed)
  }
}

export async function query<R extends pg.QueryResultRow>(conn: HubConnection, sql: string, values: unknown[] = []): Promise<R[]> {
  try {
    return (await conn.pool.query<R>(sql, values)).rows
  } catch (err) {
    throw toHubError(err, conn.where)
  }
}
