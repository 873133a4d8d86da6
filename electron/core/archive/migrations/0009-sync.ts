import type { Migration } from './types'

// Version 9: syncing with a team hub (a PostgreSQL database, see electron/core/hub).
//
// Other people's events arrive verbatim in imported_events (as bundles' do);
// these tables hold what sync itself must remember:
// - sync_hubs: per hub, this archive's identity there and how far it has
//   pulled. The cursor moves only in the transaction that applied the events
//   it covers, so a killed sync resumes exactly where the last commit ended.
// - sync_sources: another archive's source uid and which local source it is
//   (the same document archived by two people is one source). Metadata of a
//   source not yet matched waits here until its first snapshot arrives,
//   because matching by canonical URL needs the bytes.
// - sync_received: which imported events came by sync (and from which hub
//   position), as opposed to bundles: reviews merge differently (below).
// - review_heads: per sentence, the review events no later review cites as
//   its basis. One head is the sentence's status; heads that disagree are a
//   dispute (two people gave different statuses while apart), open until a
//   review citing all of them resolves it. Heads are a function of the set of
//   review events, not of the order they arrived in, so every archive that has
//   the same events shows the same statuses and the same disputes.
export const sync: Migration = {
  version: 9,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_hubs (
        hub            TEXT PRIMARY KEY,
        archive_uid    TEXT NOT NULL,
        pulled_hub_seq TEXT NOT NULL DEFAULT '0' CHECK (pulled_hub_seq GLOB '[0-9]*'),
        pushed_seq     INTEGER NOT NULL DEFAULT 0 CHECK (pushed_seq >= 0),
        -- Who this archive's person is on the hub, as of the last sync (sign-off needs an editor).
        member_role    TEXT,
        member_editor  INTEGER NOT NULL DEFAULT 0 CHECK (member_editor IN (0, 1)),
        last_push_at   TEXT,
        last_pull_at   TEXT
      ) STRICT;

      CREATE TABLE sync_sources (
        remote_uid TEXT PRIMARY KEY,
        source_id  INTEGER REFERENCES sources(id) ON DELETE RESTRICT,
        metadata   TEXT NOT NULL CHECK (json_valid(metadata)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        matched_by TEXT CHECK (matched_by IN ('uid', 'external-id', 'url-and-bytes', 'created'))
      ) STRICT;

      CREATE TABLE sync_received (
        hash       TEXT PRIMARY KEY REFERENCES imported_events(hash) ON DELETE RESTRICT,
        hub        TEXT NOT NULL REFERENCES sync_hubs(hub) ON DELETE RESTRICT,
        hub_seq    TEXT NOT NULL,
        archive_id TEXT NOT NULL,
        -- the hub member (PostgreSQL role) who pushed it: whose device it came from
        pushed_by  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_received_archive ON sync_received(archive_id);
      -- A sentence's review history is read by subject on every synced review.
      CREATE INDEX imported_events_subject ON imported_events(subject, seq);

      CREATE TABLE review_heads (
        sentence_id TEXT NOT NULL REFERENCES sentences(id) ON DELETE RESTRICT,
        event_hash  TEXT NOT NULL CHECK (length(event_hash) = 64),
        status      TEXT NOT NULL,
        note        TEXT,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        PRIMARY KEY (sentence_id, event_hash)
      ) STRICT;
    `)
  }
}
