import type { Migration } from './types'

// Version 5: bundles imported from other archives.
//
// A bundle's events were hashed in ANOTHER archive's chain, so they cannot be
// appended to ours without re-hashing, which would destroy exactly the
// provenance they prove. They are kept verbatim in `imported_events`, keyed
// by their own hash (the same event arriving in two bundles from the same
// archive is stored once; any chain can be walked back from its head by
// prev_hash). `bundle_imports` records each import — which report, which
// bag (the SHA-256 of its manifest-sha256.txt), who signed it — with the
// heads of the chains it brought, and our own chain gets one
// `bundle.imported` event pointing at all of it.
// Repeated from 0001 on purpose, not shared: a released migration's SQL must
// never change, even if a helper it used later does.
const immutable = (table: string, what: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: ${what} cannot be changed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: ${what} cannot be deleted'); END;
`

export const bundleImports: Migration = {
  version: 5,
  name: 'bundle-imports',
  up(db) {
    db.exec(`
CREATE TABLE imported_events (
  hash      TEXT PRIMARY KEY CHECK (length(hash) = 64),
  seq       INTEGER NOT NULL CHECK (seq >= 1),
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  data      TEXT NOT NULL CHECK (json_valid(data)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64)
) STRICT;
${immutable('imported_events', 'an imported event')}

CREATE TABLE bundle_imports (
  id             INTEGER PRIMARY KEY,
  payload_sha256 TEXT NOT NULL CHECK (length(payload_sha256) = 64),
  report_sha256  TEXT NOT NULL CHECK (length(report_sha256) = 64),
  signer         TEXT,
  bag_info       TEXT NOT NULL CHECK (json_valid(bag_info)),
  imported_at    TEXT NOT NULL,
  imported_by    TEXT NOT NULL
) STRICT;
CREATE INDEX bundle_imports_report ON bundle_imports(report_sha256);
${immutable('bundle_imports', 'a bundle import record')}

CREATE TABLE bundle_import_chains (
  import_id INTEGER NOT NULL REFERENCES bundle_imports(id) ON DELETE RESTRICT,
  head      TEXT NOT NULL REFERENCES imported_events(hash) ON DELETE RESTRICT,
  events    INTEGER NOT NULL CHECK (events >= 1),
  PRIMARY KEY (import_id, head)
) STRICT;
${immutable('bundle_import_chains', 'a bundle import record')}
`)
  }
}
