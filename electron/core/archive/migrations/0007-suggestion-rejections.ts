import type { Migration } from './types'

// Version 7: suggestions a person rejected. They are evidence about this
// archive (that passage is not evidence for that sentence): suggest never
// offers a rejected passage for its sentence again, and the event log keeps
// who rejected it, when and why.
export const suggestionRejections: Migration = {
  version: 7,
  name: 'suggestion-rejections',
  up(db) {
    db.exec(`
      CREATE TABLE suggestion_rejections (
        id          INTEGER PRIMARY KEY,
        sentence_id TEXT NOT NULL REFERENCES sentences(id) ON DELETE RESTRICT,
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE RESTRICT,
        start       INTEGER NOT NULL CHECK (start >= 0),
        end         INTEGER NOT NULL CHECK (end > start),
        why         TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        UNIQUE (sentence_id, snapshot_id, start, end)
      ) STRICT;
    `)
  }
}
