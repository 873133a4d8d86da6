import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { fromEventRow, GENESIS_HASH, type ArchiveEvent, type EventRow } from '../archive/events'
import type { HubPort } from './hub-port'
import { caseOfEvent, filingsOf } from './cases'
import { blobsFor, sidecarsFor } from './push'

// Snapshots that reached this archive inside an imported bundle live in the
// bundle's chain (another archive's events, kept verbatim), not in ours, so
// pushing our chain never sends them and a colleague would skip our links to
// them. Each such chain goes to the hub as an archive of its own, registered
// by whoever pushes it first (`bundle-` + its first event's hash: the same
// chain gets the same id from every member who imported it), with its
// snapshots' bytes — pushed before our own chain, so a colleague's pull meets
// a bundle's snapshot before our link to it. The hub re-checks it like any
// chain (hashes, continuity); it is pushed under our name, its events keep
// their authors. A chain the hub cannot take is skipped and said so: it is
// already there under its own archive (its author syncs too), another member
// shares it, or it holds a sign-off the hub's rules refuse from us.

export interface BundleChainsPushed {
  chains: number
  events: number
  skipped: Array<{ chain: string; why: string }>
}

/** The chain ending at `head`, from its first event; null when a link is missing here. */
function chainTo(db: ArchiveDb, head: string): ArchiveEvent[] | null {
  const get = db.prepare(`SELECT seq, at, actor, action, subject, data, prev_hash, hash FROM imported_events WHERE hash = ?`)
  const back: ArchiveEvent[] = []
  for (let hash = head; hash !== GENESIS_HASH; ) {
    const row = get.get(hash) as EventRow | undefined
    if (!row) return null
    back.push(fromEventRow(row))
    hash = row.prev_hash
  }
  const chain = back.reverse()
  return chain.every((e, i) => e.seq === i + 1) ? chain : null
}

/** Each imported chain once, at its longest (a later bundle of the same archive extends an earlier one). */
function bundleChains(db: ArchiveDb): ArchiveEvent[][] {
  const heads = db.prepare(`SELECT DISTINCT head FROM bundle_import_chains`).pluck().all() as string[]
  // A chain that also came by sync is on the hub already, under its author's archive.
  const viaHub = db.prepare(`SELECT 1 FROM sync_received WHERE hash = ?`).pluck()
  const longest = new Map<string, ArchiveEvent[]>()
  for (const head of heads) {
    const chain = chainTo(db, head)
    const first = chain?.[0]
    if (!chain || !first || viaHub.get(first.hash)) continue
    if ((longest.get(first.hash)?.length ?? 0) < chain.length) longest.set(first.hash, chain)
  }
  return [...longest.values()]
}

const SKIPPABLE = new Set(['HUB_CHAIN_CONFLICT', 'HUB_FORBIDDEN', 'INTEGRITY_FAILED'])

/** Registers the chain's archive with its first push (one transaction: a refused push leaves no empty archive). */
async function pushChain(db: ArchiveDb, hub: HubPort, chain: ArchiveEvent[], archiveId: string, name: string): Promise<number> {
  const head = await hub.headOf(archiveId)
  const fresh = chain.filter((e) => e.seq > (head?.seq ?? 0))
  if (fresh.length === 0) return 0
  // A bundle carries its report's documents, not every snapshot its chain
  // names (the chain is its archive's whole prefix): what is not here is not
  // sent, and a colleague's pull skips that snapshot saying so.
  const here = db.prepare(`SELECT EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?) OR EXISTS (SELECT 1 FROM snapshots WHERE text_sha256 = ?)`).pluck()
  const blobs = blobsFor(db, fresh)
  const present = [...blobs.keys()].filter((sha) => here.get(sha, sha) === 1)
  for (const sha of await hub.missingBlobs(present)) {
    const read = blobs.get(sha)
    if (read) await hub.putBlob(sha, read())
  }
  const side = sidecarsFor(db, fresh)
  // The chain's own snapshot.created events name their sources: the hub finds them in this same push.
  const owners = new Map<string, string[]>()
  for (const e of chain) {
    const source = (e.data as { source?: unknown }).source
    if (e.action === 'snapshot.created' && typeof source === 'string') owners.set(e.subject, [...(owners.get(e.subject) ?? []), `source:${source}`])
  }
  await hub.pushEvents(
    archiveId,
    fresh.map((e) => {
      const caseId = caseOfEvent(db, e)
      const files = filingsOf(db, e, caseId)
        .filter((f) => f.subject.startsWith('snapshot:'))
        .flatMap((f) => [f, ...(owners.get(f.subject) ?? []).map((subject) => ({ caseId: f.caseId, subject }))])
      return { ...e, caseId, ...(side.has(e.hash) ? { sidecar: side.get(e.hash) } : {}), ...(files.length ? { files } : {}) }
    }),
    { register: name }
  )
  return fresh.length
}

export async function pushBundleChains(db: ArchiveDb, hub: HubPort, pusher: string): Promise<BundleChainsPushed> {
  const out: BundleChainsPushed = { chains: 0, events: 0, skipped: [] }
  for (const chain of bundleChains(db)) {
    const first = chain[0]
    if (!first) continue
    const archiveId = `bundle-${first.hash}`
    try {
      const sent = await pushChain(db, hub, chain, archiveId, `a bundle's chain, shared by ${pusher}`)
      out.chains += sent > 0 ? 1 : 0
      out.events += sent
    } catch (err) {
      if (!(err instanceof AttestError) || !SKIPPABLE.has(err.code)) throw err
      out.skipped.push({ chain: archiveId, why: err.message })
    }
  }
  return out
}
