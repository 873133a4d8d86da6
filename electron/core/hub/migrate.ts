import type pg from 'pg'
import { AttestError } from '../../../shared/errors'
import { HUB_MIGRATIONS, HUB_SCHEMA_VERSION } from './migrations'

// Migrations run as the hub's owner (the role `attest hub init` connects as),
// all pending ones in one transaction under an advisory lock, so two inits at
// once, or one that fails half-way, leave the hub at a whole version.

const MIGRATION_LOCK_KEY = 1635021926

export async function hubVersion(client: pg.ClientBase): Promise<number | null> {
  const schema = await client.query<{ t: string | null }>(`SELECT to_regclass('attest.hub_schema') AS t`)
  if (!schema.rows[0]?.t) return null
  const r = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM attest.hub_schema`)
  return r.rows[0]?.v ?? 0
}

export function refuseNewer(version: number, where: string): void {
  if (version > HUB_SCHEMA_VERSION) {
    throw new AttestError(
      'HUB_TOO_NEW',
      `${where} has schema version ${version}, newer than this Attest knows (${HUB_SCHEMA_VERSION}); update Attest before using this hub`
    )
  }
}

/** The hub's version, if it is exactly this build's; otherwise the error that says what to do. */
export async function requireCurrentVersion(client: pg.ClientBase, where: string): Promise<number> {
  const version = await hubVersion(client)
  if (!version) throw new AttestError('HUB_NOT_INITIALIZED', `${where} is not an Attest hub yet: its owner runs attest hub init on it`)
  refuseNewer(version, where)
  if (version < HUB_SCHEMA_VERSION) {
    throw new AttestError('HUB_NOT_INITIALIZED', `${where} is at schema version ${version}, this Attest needs ${HUB_SCHEMA_VERSION}: its owner runs attest hub init on it`)
  }
  return version
}

/** Brings the hub to this build's schema; returns the versions before and after. Call inside a transaction. */
export async function migrateHub(client: pg.ClientBase, where: string): Promise<{ from: number; to: number }> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
  await client.query('CREATE SCHEMA IF NOT EXISTS attest')
  await client.query(
    `CREATE TABLE IF NOT EXISTS attest.hub_schema (
       version integer PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now(),
       applied_by text NOT NULL DEFAULT current_user
     )`
  )
  const from = (await hubVersion(client)) ?? 0
  refuseNewer(from, where)
  for (const m of HUB_MIGRATIONS) {
    if (m.version <= from) continue
    await client.query(m.sql)
    await client.query('INSERT INTO attest.hub_schema (version, name) VALUES ($1, $2)', [m.version, m.name])
  }
  return { from, to: HUB_SCHEMA_VERSION }
}
