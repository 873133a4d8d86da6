import type { Migration } from './types'

// Version 10: what sync looks up on every snapshot event, indexed, and a
// second pull cursor for members who see only some cases.
// - snapshots_text_sha256: push and pull find a snapshot's text by its hash
//   (the text blob is sent and received once, whichever snapshot has it);
//   without an index each snapshot event scanned the table (5,000 lookups
//   among 5,000 snapshots with 2 KB texts: ~0.7 s scanning, ~8 ms indexed,
//   measured in one run; the scan grows with the square of a first pull).
// - imported_events_seq: a pull checks each arriving event against its
//   neighbours in the chain this archive holds (sync/chain-continuity.ts),
//   looked up by number.
// - sync_hubs.pulled_filed_seq: how far this archive has read the hub's
//   case_subjects (hub migration 4). A link filed under a case makes older
//   events (its snapshot and source) readable to that case's members; this
//   cursor says which filings have been followed back to such events.
export const syncLookups: Migration = {
  version: 10,
  name: 'sync-lookups',
  up(db) {
    db.exec(`
      CREATE INDEX snapshots_text_sha256 ON snapshots(text_sha256);
      CREATE INDEX imported_events_seq ON imported_events(seq);
      ALTER TABLE sync_hubs ADD COLUMN pulled_filed_seq TEXT NOT NULL DEFAULT '0' CHECK (pulled_filed_seq GLOB '[0-9]*');
    `)
  }
}
