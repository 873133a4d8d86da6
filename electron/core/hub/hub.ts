import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PoolClient } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { AttestError } from '../../../shared/errors'
import { canonicalJson } from '../../../shared/canonical-json'
import { GENESIS_HASH, type ArchiveEvent } from '../archive/events'
import { PgBlobStore, type BlobStore } from './blob-store'
import { fileSubjects, lastFiling, pullFiled, type FiledWindow } from './case-filings'
import { connectHub, inTransaction, query, withClient, type HubConnection } from './connection'
import { copyOutText } from './copy-text'
import { requireCurrentVersion } from './migrate'
import { PUSH_LOCK_KEY } from './migrations/0001-foundation'

// The team hub as one archive's sync sees it. Every rule that matters (own
// name, own archive, continuous chains, immutability, sign-off) is enforced by
// PostgreSQL; the checks here only turn a refusal into a clear error earlier.

export interface PushOptions {
  /** Register the archive under this name in the push's transaction (see registerIn). */
  register?: string
}

export interface HubEvent {
  hubSeq: string
  archiveId: string
  seq: number
  hash: string
  prevHash: string
  at: string
  actor: string
  action: string
  subject: string
  /** Parsed from dataText on first read (an event the hub altered into non-JSON throws INTEGRITY_FAILED there). */
  readonly data: unknown
  /**
   * data as the hub stores it: the canonical JSON text the event's hash covers (the hub's trigger
   * re-hashed it), so a receiver verifies the hash over this text without parsing and re-serialising.
   */
  readonly dataText: string
  /** Derived data the pusher attached (a snapshot's full row, a report's sentences); NOT covered by the hash: receivers re-check it. */
  readonly sidecar: unknown
  caseId: string | null
  pushedBy: string
  receivedAt: string
}

export interface HubMember {
  role: string
  displayName: string
  editor: boolean
  scope: 'all' | 'cases'
}

/**
 * An event to push; caseId (else data.caseId when a string) files it under a case for case-scoped members;
 * `files` are subjects it makes readable to that case's members (attest.case_subjects: a link's snapshot and source).
 */
export type HubPushEvent = ArchiveEvent & { caseId?: string | null; sidecar?: unknown; files?: ReadonlyArray<{ caseId: string; subject: string }> }

export interface Hub {
  whoami(): Promise<HubMember>
  /** Idempotent; the owner is the connected role. */
  registerArchive(archiveId: string, name: string): Promise<void>
  headOf(archiveId: string): Promise<{ seq: number; hash: string } | null>
  /** One transaction; continuity checked by the hub; events it already holds (same hash) are skipped. */
  pushEvents(archiveId: string, events: HubPushEvent[], options?: PushOptions): Promise<void>
  missingBlobs(sha256s: string[]): Promise<string[]>
  /** Chunked, idempotent, re-hashed before commit. */
  putBlob(sha256: string, bytes: Uint8Array): Promise<void>
  /** Others' events after a cursor, ordered by hubSeq (a cursor never skips one: see PUSH_LOCK_KEY). */
  pullEvents(afterHubSeq: string, limit: number, excludeArchiveId: string): Promise<HubEvent[]>
  /** The newest case filing this member may read ('0' when none). */
  lastFiling(): Promise<string>
  /** Older events made readable by filings in (afterFiledSeq, upToFiledSeq], a page at a time (see case-filings.ts). */
  pullFiled(window: FiledWindow, page: { afterHubSeq: string; limit: number }, excludeArchiveId: string): Promise<HubEvent[]>
  /** Re-hashed on read. */
  getBlob(sha256: string): Promise<Uint8Array>
  close(): Promise<void>
}

/**
 * The columns a reader needs, all as text. received_at is PostgreSQL's own
 * text (hub sessions run with TimeZone UTC and DateStyle ISO, connection.ts),
 * made ISO 8601 only when read: to_char per row cost the server ~0.7 µs a row
 * (docs/SCALING.md), and parsing into Date objects and back more.
 */
export const EVENT_COLUMNS = `hub_seq, archive_id, seq, hash, prev_hash, at, actor, action, subject, data, sidecar, case_id, pushed_by, received_at::text AS received_at`

const PG_UTC = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/

/** '2026-11-30 10:39:34.123456+00' as '2026-11-30T10:39:34.123Z'; any other text (not a UTC ISO-style timestamp) as it is. */
export function isoFromPg(text: string): string {
  const m = PG_UTC.exec(text)
  if (!m) return text
  return `${m[1] ?? ''}T${m[2] ?? ''}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`
}

export interface EventRow {
  hub_seq: string
  archive_id: string
  seq: string
  hash: string
  prev_hash: string
  at: string
  actor: string
  action: string
  subject: string
  data: string
  sidecar: string | null
  case_id: string | null
  pushed_by: string
  received_at: string
}

/**
 * A pulled event. data and sidecar stay JSON text until something reads them:
 * JSON.parse of every event's data, and the garbage its objects make, was
 * most of a pull page's cost (docs/SCALING.md), and the receiver's hash check
 * needs the text, not the objects. Sync's apply step reads data where an
 * event's effect needs it, so the parse moved there; it is not skipped.
 */
class PulledEvent implements HubEvent {
  readonly hubSeq: string
  readonly archiveId: string
  readonly seq: number
  readonly hash: string
  readonly prevHash: string
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subject: string
  readonly dataText: string
  readonly caseId: string | null
  readonly pushedBy: string
  private readonly receivedText: string
  private readonly sidecarText: string | null
  private parsedData: unknown = undefined
  private parsedSidecar: unknown = undefined

  /** The fields of EVENT_COLUMNS in their order, as text (only sidecar and case_id may be NULL). */
  constructor(f: readonly (string | null)[]) {
    const text = (i: number): string => f[i] ?? ''
    this.hubSeq = text(0)
    this.archiveId = text(1)
    this.seq = Number(f[2])
    this.hash = text(3)
    this.prevHash = text(4)
    this.at = text(5)
    this.actor = text(6)
    this.action = text(7)
    this.subject = text(8)
    this.dataText = text(9)
    this.sidecarText = f[10] ?? null
    this.caseId = f[11] ?? null
    this.pushedBy = text(12)
    this.receivedText = text(13)
  }

  get data(): unknown {
    if (this.parsedData === undefined) this.parsedData = this.parse(this.dataText)
    return this.parsedData
  }

  get receivedAt(): string {
    return isoFromPg(this.receivedText)
  }

  get sidecar(): unknown {
    if (this.sidecarText === null) return null
    if (this.parsedSidecar === undefined) this.parsedSidecar = this.parse(this.sidecarText)
    return this.parsedSidecar
  }

  /** Plain data for logs and JSON output (the getters are not own properties). */
  toJSON(): Record<string, unknown> {
    return { ...this, data: this.data, sidecar: this.sidecar, receivedAt: this.receivedAt, receivedText: undefined, sidecarText: undefined, parsedData: undefined, parsedSidecar: undefined }
  }

  /** Text that is not JSON was put on the hub behind its triggers (or by hand before hub version 9): one clear error, naming the event. */
  private parse(text: string): unknown {
    try {
      return JSON.parse(text)
    } catch {
      throw new AttestError(
        'INTEGRITY_FAILED',
        `event ${this.seq} of archive ${this.archiveId} on the hub is not JSON (altered behind the hub's triggers, or pushed by hand before hub version 9), so the pull stops there — the hub's owner runs attest hub check`
      )
    }
  }
}

export function fromHubRow(r: EventRow): HubEvent {
  return new PulledEvent([r.hub_seq, r.archive_id, r.seq, r.hash, r.prev_hash, r.at, r.actor, r.action, r.subject, r.data, r.sidecar, r.case_id, r.pushed_by, r.received_at])
}

/** How many columns EVENT_COLUMNS selects (a COPY row of another width is refused). */
const EVENT_FIELDS = 14

/** Connects as the URL's role and checks the hub's schema version; throws HUB_* errors a person can act on. */
export async function openHub(url: string, options: { blobs?: (conn: HubConnection) => BlobStore } = {}): Promise<Hub> {
  const conn = connectHub(url)
  try {
    await inTransaction(conn, (client) => requireCurrentVersion(client, conn.where))
  } catch (err) {
    await conn.pool.end().catch(() => undefined)
    throw err
  }
  return new PgHub(conn, (options.blobs ?? ((c) => new PgBlobStore(c)))(conn))
}

class PgHub implements Hub {
  constructor(
    private readonly conn: HubConnection,
    private readonly blobs: BlobStore
  ) {}

  async whoami(): Promise<HubMember> {
    const [m] = await query<{ role_name: string; display_name: string; editor: boolean; scope: 'all' | 'cases'; me: string }>(
      this.conn,
      'SELECT current_user AS me, m.* FROM (SELECT 1) one LEFT JOIN attest.members m ON m.role_name = current_user'
    )
    if (!m?.role_name) throw new AttestError('HUB_FORBIDDEN', `${this.conn.where}: role ${m?.me ?? 'this'} is not a member of this hub; its owner adds it with attest hub add-member`)
    return { role: m.role_name, displayName: m.display_name, editor: m.editor, scope: m.scope }
  }

  async registerArchive(archiveId: string, name: string): Promise<void> {
    await this.whoami() // a non-member is told so (HUB_FORBIDDEN) before anything else
    await inTransaction(this.conn, (client) => registerIn(client, archiveId, name))
  }

  async headOf(archiveId: string): Promise<{ seq: number; hash: string } | null> {
    const [h] = await query<{ seq: string; hash: string }>(this.conn, 'SELECT seq, hash FROM attest.events WHERE archive_id = $1 ORDER BY seq DESC LIMIT 1', [archiveId])
    return h ? { seq: Number(h.seq), hash: h.hash } : null
  }

  async pushEvents(archiveId: string, events: HubPushEvent[], options: PushOptions = {}): Promise<void> {
    if (events.length === 0) return
    checkOwnChain(events)
    await inTransaction(this.conn, async (client) => {
      if (options.register !== undefined) await registerIn(client, archiveId, options.register)
      // The same lock the hub's trigger takes; taken first so head and insert agree.
      await client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK_KEY])
      const head = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM attest.events WHERE archive_id = $1 ORDER BY seq DESC LIMIT 1', [archiveId])
      const headSeq = head.rows[0] ? Number(head.rows[0].seq) : 0
      const held = events.filter((e) => e.seq <= headSeq)
      await checkHeld(client, archiveId, held)
      const fresh = events.filter((e) => e.seq > headSeq)
      const [first] = fresh
      if (!first) return
      const expectedPrev = head.rows[0]?.hash ?? GENESIS_HASH
      if (first.seq !== headSeq + 1 || first.prevHash !== expectedPrev) {
        throw new AttestError('HUB_CHAIN_CONFLICT', `the hub holds events 1..${headSeq} of archive ${archiveId}; this push starts at event ${first.seq}${first.seq === headSeq + 1 ? ', which does not follow the hub’s last hash' : ''}`)
      }
      await insertEvents(client, archiveId, fresh)
      await fileSubjects(client, fresh.flatMap((e) => (e.files ?? []).map((f) => ({ ...f, because: e.hash }))))
    })
  }

  missingBlobs(sha256s: string[]): Promise<string[]> {
    return this.blobs.missing(sha256s)
  }

  putBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    return this.blobs.put(sha256, bytes)
  }

  async pullEvents(afterHubSeq: string, limit: number, excludeArchiveId: string): Promise<HubEvent[]> {
    if (!/^\d+$/.test(afterHubSeq)) throw new AttestError('INVALID_ARGUMENT', `hub cursor "${afterHubSeq}" is not a number`)
    const page = Math.max(1, Math.min(Math.trunc(limit) || 1, 10_000))
    // COPY takes no parameters: the cursor is checked digits, the page a number, the archive id a quoted literal.
    return withClient(this.conn, async (client) => {
      const events: HubEvent[] = []
      await copyOutText(
        client,
        `COPY (SELECT ${EVENT_COLUMNS} FROM attest.events WHERE hub_seq > ${afterHubSeq} AND archive_id <> ${client.escapeLiteral(excludeArchiveId)} ORDER BY hub_seq LIMIT ${page}) TO STDOUT`,
        EVENT_FIELDS,
        (f) => events.push(new PulledEvent(f))
      )
      return events
    })
  }

  getBlob(sha256: string): Promise<Uint8Array> {
    return this.blobs.get(sha256)
  }

  lastFiling(): Promise<string> {
    return lastFiling(this.conn)
  }

  pullFiled(window: FiledWindow, page: { afterHubSeq: string; limit: number }, excludeArchiveId: string): Promise<HubEvent[]> {
    return pullFiled(this.conn, window, page, excludeArchiveId)
  }

  async close(): Promise<void> {
    await this.conn.pool.end()
  }
}

/**
 * Registers the archive in the push's own transaction (unless it exists and
 * is this member's): a push the hub refuses then leaves no empty archive
 * behind, as a bundle's chain that turns out to be on the hub already did.
 */
async function registerIn(client: PoolClient, archiveId: string, name: string): Promise<void> {
  await client.query('INSERT INTO attest.archives (archive_id, owner_role, name) VALUES ($1, current_user, $2) ON CONFLICT (archive_id) DO NOTHING', [archiveId, name])
  const { rows } = await client.query<{ owner_role: string; mine: boolean }>('SELECT owner_role, owner_role = current_user AS mine FROM attest.archives WHERE archive_id = $1', [archiveId])
  const [a] = rows
  if (!a?.mine) throw new AttestError('HUB_FORBIDDEN', `archive ${archiveId} is registered on the hub by ${a?.owner_role ?? 'nobody (it could not be registered)'}; each person pushes only their own archive`)
}

/**
 * The batch must itself be a continuous run of one chain. Each event's hash is
 * not recomputed here: the hub's trigger re-hashes every new event in SQL and
 * refuses a mismatch (SQLSTATE AT004, INTEGRITY_FAILED), so hashing it here as
 * well only doubled the client's work (a fifth of a push, measured).
 */
function checkOwnChain(events: HubPushEvent[]): void {
  events.forEach((e, i) => {
    const before = events[i - 1]
    if (before && (e.seq !== before.seq + 1 || e.prevHash !== before.hash)) {
      throw new AttestError('INVALID_ARGUMENT', `events to push must be consecutive: event ${e.seq} does not follow event ${before.seq}`)
    }
  })
}

/** Events the hub already has must be the same events (same hash at the same seq). */
async function checkHeld(client: PoolClient, archiveId: string, held: HubPushEvent[]): Promise<void> {
  if (held.length === 0) return
  const r = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM attest.events WHERE archive_id = $1 AND seq = ANY($2::bigint[])', [archiveId, held.map((e) => e.seq)])
  const onHub = new Map(r.rows.map((row) => [Number(row.seq), row.hash]))
  for (const e of held) {
    if (onHub.get(e.seq) !== e.hash) {
      throw new AttestError('HUB_CHAIN_CONFLICT', `event ${e.seq} of archive ${archiveId} differs from the one the hub holds; the archive's history was rewritten after it was pushed — nothing was pushed`)
    }
  }
}

/**
 * A push is copied into a TEMP table of this session (PostgreSQL refuses COPY
 * into a table with row-level security) and moved into attest.events by
 * INSERT … SELECT, to which the events_append policy and the statement
 * triggers apply as to any insert. COPY spares the unnest() arrays: building
 * and parsing them cost more than the rows' own insert (docs/SCALING.md).
 *
 * The rows go in parts: while the server inserts one part, this process
 * builds the next part's COPY text. Built before, the text was a third of a
 * push's time with the server idle; the two now run on separate cores. Each
 * part's INSERT is checked by the statement triggers like any other; all
 * parts commit together or not at all.
 */
async function insertEvents(client: PoolClient, archiveId: string, events: HubPushEvent[]): Promise<void> {
  try {
    await client.query(`CREATE TEMP TABLE attest_push (part integer, seq bigint, hash text, prev_hash text, at text, actor text, action text,
      subject text, data text, case_id text, sidecar text) ON COMMIT DROP`)
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err
    throw new AttestError('HUB_FORBIDDEN', 'this hub does not let members create TEMP tables, which a push needs: its owner runs attest hub init (or GRANT TEMPORARY ON DATABASE … TO attest_member)')
  }
  const parts = Math.ceil(events.length / PUSH_PART)
  let text = copyText(events, 0)
  for (let part = 0; part < parts; part++) {
    await pipeline(Readable.from([text]), client.query(copyFrom('COPY pg_temp.attest_push FROM STDIN')))
    const moving = client.query(
      `INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data, case_id, sidecar)
       SELECT $1, seq, hash, prev_hash, at, actor, action, subject, data, case_id, sidecar FROM pg_temp.attest_push WHERE part = $2 ORDER BY seq`,
      [archiveId, part]
    )
    try {
      text = part + 1 < parts ? copyText(events, part + 1) : ''
    } finally {
      await moving
    }
  }
}

/** Rows per INSERT of a push (see insertEvents); 5,000 events make four parts. */
const PUSH_PART = 1250

/** The events of one part as COPY text-format lines, in one string. */
function copyText(events: HubPushEvent[], part: number): string {
  let text = ''
  const end = Math.min(events.length, (part + 1) * PUSH_PART)
  for (let i = part * PUSH_PART; i < end; i++) {
    const e = events[i]
    if (!e) continue
    const sidecar = e.sidecar === undefined || e.sidecar === null ? null : JSON.stringify(e.sidecar)
    text += `${part}\t${e.seq}\t${copyField(e.hash)}\t${copyField(e.prevHash)}\t${copyField(e.at)}\t${copyField(e.actor)}\t${copyField(e.action)}\t${copyField(e.subject)}\t${copyField(canonicalJson(e.data))}\t${copyField(caseIdOf(e))}\t${copyField(sidecar)}\n`
  }
  return text
}

const COPY_SPECIAL = /[\\\t\n\r]/
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** One field in COPY's text format: NULL is \N; backslash, tab, newline and carriage return are escaped. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N'
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c) : value
}

function caseIdOf(e: HubPushEvent): string | null {
  if (e.caseId !== undefined) return e.caseId
  const fromData = (e.data as { caseId?: unknown } | null)?.caseId
  return typeof fromData === 'string' ? fromData : null
}
