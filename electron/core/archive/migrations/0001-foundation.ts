import type { Migration } from './types'

// Version 1: sources, immutable snapshots over content-addressed blobs,
// reports with their sentences, settings, and the hash-chained event log.
//
// Immutability is enforced by the database itself (triggers), not by
// convention: no code path, present or future, can rewrite archived bytes,
// a snapshot's metadata, a report's sentences or a logged event.
const immutable = (table: string, what: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: ${what} cannot be changed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: ${what} cannot be deleted'); END;
`

export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size   INTEGER NOT NULL CHECK (size >= 0),
  bytes  BLOB NOT NULL
) STRICT;
${immutable('blobs', 'archived bytes')}

CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  external_id TEXT UNIQUE,
  kind        TEXT NOT NULL DEFAULT 'unknown' CHECK (kind IN ('primary', 'secondary', 'unknown')),
  title       TEXT,
  publisher   TEXT,
  authors     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors) AND json_type(authors) = 'array'),
  url         TEXT,
  published   TEXT,
  identifiers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(identifiers) AND json_type(identifiers) = 'object'),
  notes       TEXT,
  extra       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra) AND json_type(extra) = 'object'),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- The extracted text is the last column so that listing snapshots does not
-- walk the overflow pages of long documents.
CREATE TABLE snapshots (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
  sha256         TEXT NOT NULL REFERENCES blobs(sha256) ON DELETE RESTRICT,
  media_type     TEXT NOT NULL,
  byte_size      INTEGER NOT NULL CHECK (byte_size >= 0),
  file_name      TEXT,
  captured_at    TEXT NOT NULL,
  captured_by    TEXT NOT NULL,
  capture_method TEXT NOT NULL,
  original_url   TEXT,
  archived_url   TEXT,
  http_headers   TEXT CHECK (http_headers IS NULL OR json_valid(http_headers)),
  text_encoding  TEXT,
  text_method    TEXT NOT NULL,
  text_status    TEXT NOT NULL CHECK (text_status IN ('ok', 'empty', 'no-text-layer')),
  text_sha256    TEXT NOT NULL CHECK (length(text_sha256) = 64),
  text_length    INTEGER NOT NULL CHECK (text_length >= 0),
  page_count     INTEGER,
  page_map       TEXT CHECK (page_map IS NULL OR json_valid(page_map)),
  warnings       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
  metadata       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  imported_at    TEXT NOT NULL,
  imported_by    TEXT NOT NULL,
  text           TEXT NOT NULL,
  UNIQUE (source_id, sha256)
) STRICT;
CREATE INDEX snapshots_sha256 ON snapshots(sha256);
${immutable('snapshots', 'a snapshot')}

CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
  snapshot_id INTEGER NOT NULL UNIQUE REFERENCES snapshots(id) ON DELETE RESTRICT,
  segmenter   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX reports_source ON reports(source_id);

-- Sentence ids are derived from the snapshot hash and the offsets, so the
-- same report split the same way has the same ids in every archive and bundle.
CREATE TABLE sentences (
  id        TEXT PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE RESTRICT,
  idx       INTEGER NOT NULL CHECK (idx >= 0),
  start     INTEGER NOT NULL CHECK (start >= 0),
  end       INTEGER NOT NULL CHECK (end >= start),
  text      TEXT NOT NULL,
  UNIQUE (report_id, idx)
) STRICT;
${immutable('sentences', 'a report sentence')}

CREATE TABLE events (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  data      TEXT NOT NULL CHECK (json_valid(data)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;
${immutable('events', 'the event log')}
`)
  }
}
