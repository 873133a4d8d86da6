import type { Migration } from './types'

// Version 4: web captures and re-anchoring.
//
// A re-capture of a web page is a new immutable snapshot of the same source.
// `link_anchors` records where each link made on an older snapshot of that
// source lands in a newer one, with anchor()'s score and a status a
// fact-checker can act on:
//   same    — the passage is there, unchanged, at the same offsets
//   moved   — the passage is there, unchanged, elsewhere in the text
//   changed — only an approximate match remains: the source was edited ("changed since linked")
//   missing — the passage is gone
// A row is computed once per (link, snapshot): both sides are immutable, so
// the answer can only change with the anchoring rules, and then a new row
// replaces the old one with an event in the log (capture/reanchor.ts).
//
// The indexes find the source a URL was captured for, so capturing a URL
// again files the new snapshot under the same source.
export const captures: Migration = {
  version: 4,
  name: 'captures',
  up(db) {
    db.exec(`
CREATE TABLE link_anchors (
  link_id     TEXT NOT NULL REFERENCES links(id) ON DELETE RESTRICT,
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE RESTRICT,
  start       INTEGER CHECK (start IS NULL OR start >= 0),
  end         INTEGER CHECK (end IS NULL OR end >= start),
  exact       TEXT,
  score       REAL NOT NULL CHECK (score >= 0 AND score <= 1),
  method      TEXT CHECK (method IS NULL OR method IN ('position', 'quote', 'fuzzy')),
  status      TEXT NOT NULL CHECK (status IN ('same', 'moved', 'changed', 'missing')),
  checked_at  TEXT NOT NULL,
  checked_by  TEXT NOT NULL,
  PRIMARY KEY (link_id, snapshot_id),
  CHECK ((status = 'missing') = (start IS NULL)),
  CHECK ((start IS NULL) = (end IS NULL) AND (start IS NULL) = (exact IS NULL) AND (start IS NULL) = (method IS NULL))
) STRICT;
CREATE INDEX link_anchors_snapshot ON link_anchors(snapshot_id, status);

CREATE INDEX sources_url ON sources(url);
CREATE INDEX snapshots_original_url ON snapshots(original_url);
`)
  }
}
