import type { Migration } from './types'

// Version 2: links from report sentences to exact passages of snapshots, and
// the review state of each sentence.
//
// A link is evidence about exact bytes, so it is never rewritten: its
// content columns are frozen by a trigger, removal only sets the removal
// columns once (who, when, why), and an edit is a new link that names the one
// it supersedes. Every change is also an event in the log.
export const linksAndReviews: Migration = {
  version: 2,
  name: 'links-and-reviews',
  up(db) {
    db.exec(`
CREATE TABLE links (
  id              TEXT PRIMARY KEY,
  report_id       INTEGER NOT NULL REFERENCES reports(id) ON DELETE RESTRICT,
  sentence_id     TEXT NOT NULL REFERENCES sentences(id) ON DELETE RESTRICT,
  snapshot_id     INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE RESTRICT,
  snapshot_sha256 TEXT NOT NULL CHECK (length(snapshot_sha256) = 64),
  relation        TEXT NOT NULL CHECK (relation IN ('supports', 'contradicts', 'context', 'quotes')),
  start           INTEGER NOT NULL CHECK (start >= 0),
  end             INTEGER NOT NULL CHECK (end > start),
  exact           TEXT NOT NULL,
  prefix          TEXT NOT NULL,
  suffix          TEXT NOT NULL,
  pages           TEXT CHECK (pages IS NULL OR json_valid(pages)),
  note            TEXT,
  supersedes      TEXT REFERENCES links(id) ON DELETE RESTRICT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  removed_at      TEXT,
  removed_by      TEXT,
  removed_why     TEXT,
  CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removed_why IS NULL))
) STRICT;
CREATE INDEX links_report ON links(report_id, sentence_id);
CREATE INDEX links_snapshot ON links(snapshot_id);

CREATE TRIGGER links_no_delete BEFORE DELETE ON links
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a link cannot be deleted; remove it with a reason instead'); END;

CREATE TRIGGER links_frozen BEFORE UPDATE ON links
WHEN OLD.removed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.report_id IS NOT OLD.report_id OR NEW.sentence_id IS NOT OLD.sentence_id
  OR NEW.snapshot_id IS NOT OLD.snapshot_id OR NEW.snapshot_sha256 IS NOT OLD.snapshot_sha256
  OR NEW.relation IS NOT OLD.relation OR NEW.start IS NOT OLD.start OR NEW.end IS NOT OLD.end
  OR NEW.exact IS NOT OLD.exact OR NEW.prefix IS NOT OLD.prefix OR NEW.suffix IS NOT OLD.suffix
  OR NEW.pages IS NOT OLD.pages OR NEW.note IS NOT OLD.note OR NEW.supersedes IS NOT OLD.supersedes
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a link is never rewritten; remove it and link again'); END;

CREATE TABLE reviews (
  sentence_id TEXT PRIMARY KEY REFERENCES sentences(id) ON DELETE RESTRICT,
  status      TEXT NOT NULL CHECK (status IN ('unreviewed', 'supported', 'partly-supported', 'contradicted', 'unsupported', 'not-checkable', 'opinion')),
  note        TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;
`)
  }
}
