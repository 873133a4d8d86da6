import type { Migration } from './types'
import { indexAllSnapshots } from '../../search/index-snapshot'

// Version 3: full-text search over passages (sentence- or clause-sized spans)
// of every snapshot's extracted text.
//
// Unlike snapshots, passages are derived data: they are recomputed from the
// immutable text whenever the splitting rules change, so they may be deleted
// and rebuilt (index-snapshot.ts). The FTS5 index is external-content (the
// text is stored once, in `passages`) and kept in step by index-snapshot.ts,
// the only writer. Tokenizer: unicode61 with diacritics folded, no stemming
// in the index — inflections and related words are expanded at query time
// (shared/search), so a prefix typed by the user matches the words as
// written. Prefix indexes for 3 and 4 characters keep type-ahead prefix
// queries from merging thousands of term lists.
export const searchIndex: Migration = {
  version: 3,
  name: 'search-index',
  up(db) {
    db.exec(`
CREATE TABLE passages (
  id          INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE RESTRICT,
  start       INTEGER NOT NULL CHECK (start >= 0),
  end         INTEGER NOT NULL CHECK (end > start),
  text        TEXT NOT NULL
) STRICT;
CREATE INDEX passages_snapshot ON passages(snapshot_id, start);

-- Which snapshots are indexed, and by which splitting rules (to find what to
-- index after an import that skipped it, or to rebuild after a rule change).
CREATE TABLE passage_index (
  snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id) ON DELETE RESTRICT,
  splitter    TEXT NOT NULL,
  passages    INTEGER NOT NULL CHECK (passages >= 0)
) STRICT;

CREATE VIRTUAL TABLE passages_fts USING fts5(
  text,
  content = 'passages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3 4'
);
`)
    indexAllSnapshots(db)
  }
}
