import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { GENESIS_HASH } from '../archive/events'
import type { HubEvent } from './hub-port'

// What a puller can prove about another archive's chain. Each event is
// re-hashed on arrival (apply-remote.ts), so its content matches its hash;
// continuity proves that no event was taken out, put in or re-written with a
// fresh hash on the hub, because each event names its predecessor's hash.
//
// A member who sees every case receives every chain whole, in order: each
// event must follow the one before it (event 1 the genesis hash), and a gap
// is refused — nothing on the hub hides events from them.
//
// A member limited to some cases sees a chain with holes where row-level
// security hid the events of other cases, and back-filled events (a snapshot
// opened by a newer link) arrive after their successors. For them the rule is
// local: an event must agree with each neighbour this archive holds — the
// event before it (its prev hash), the event after it (that one's prev hash),
// and any event already held at its number (the same hash). A hole is allowed
// only between events that are not neighbours; a tampered event that sits
// next to a held one is still caught, and one that does not is caught by its
// own hash, by attest hub check, and by every member who sees the whole chain.

interface Link {
  hash: string
  prevHash: string
}

export class ChainContinuity {
  private readonly seen = new Map<string, Link>()
  private readonly lookup

  constructor(
    db: ArchiveDb,
    private readonly gapsHidden: boolean
  ) {
    this.lookup = db.prepare(
      `SELECT i.hash, i.prev_hash AS prevHash FROM imported_events i JOIN sync_received r ON r.hash = i.hash WHERE i.seq = ? AND r.archive_id = ?`
    )
  }

  private held(archiveId: string, seq: number): Link | undefined {
    return this.seen.get(`${archiveId}#${seq}`) ?? (this.lookup.get(seq, archiveId) as Link | undefined)
  }

  /** Throws HUB_CHAIN_CONFLICT, naming the chain, when `e` contradicts what is held of it; then remembers it. */
  check(e: HubEvent): void {
    const refuse = (why: string): never => {
      throw new AttestError(
        'HUB_CHAIN_CONFLICT',
        `The hub's chain of archive ${e.archiveId} (pushed by ${e.pushedBy}) is broken at event ${e.seq}: ${why}. Nothing of this batch was applied; this archive refuses that chain until the hub's owner runs "attest hub check".`
      )
    }
    const same = this.held(e.archiveId, e.seq)
    if (same) {
      if (same.hash !== e.hash) refuse('this archive already holds a different event with that number')
      return
    }
    if (e.seq === 1 && e.prevHash !== GENESIS_HASH) refuse('the first event does not start from the genesis hash')
    const before = e.seq > 1 ? this.held(e.archiveId, e.seq - 1) : undefined
    if (before && before.hash !== e.prevHash) refuse(`it does not follow event ${e.seq - 1}`)
    if (e.seq > 1 && !before && !this.gapsHidden) refuse(`event ${e.seq - 1} never arrived, and this member sees every case`)
    if (this.gapsHidden) {
      const after = this.held(e.archiveId, e.seq + 1)
      if (after && after.prevHash !== e.hash) refuse(`event ${e.seq + 1}, already here, does not follow it`)
    }
    this.seen.set(`${e.archiveId}#${e.seq}`, { hash: e.hash, prevHash: e.prevHash })
  }
}
