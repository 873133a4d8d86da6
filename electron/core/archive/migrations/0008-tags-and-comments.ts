import type { Migration } from './types'

// Version 8: tags and comments on sentences and sources (a source's comments
// are its notes). Both are what people say about the evidence, so like links
// they are never rewritten: a row's content is frozen by trigger, removal
// sets who and when once, and a comment's edit is a new row that names the
// one it supersedes. Every change is also an event in the log.
//
// A tag keeps the form it was typed in (`label`) and a case-folded `key` for
// matching, so "NATO" and "nato" are one tag; a subject carries each tag once
// while it is live.
export const tagsAndComments: Migration = {
  version: 8,
  name: 'tags-and-comments',
  up(db) {
    db.exec(`
CREATE TABLE tags (
  id          INTEGER PRIMARY KEY,
  sentence_id TEXT REFERENCES sentences(id) ON DELETE RESTRICT,
  source_id   INTEGER REFERENCES sources(id) ON DELETE RESTRICT,
  label       TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  added_at    TEXT NOT NULL,
  added_by    TEXT NOT NULL,
  removed_at  TEXT,
  removed_by  TEXT,
  CHECK ((sentence_id IS NULL) <> (source_id IS NULL)),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX tags_live_on_sentence ON tags(sentence_id, key) WHERE removed_at IS NULL AND sentence_id IS NOT NULL;
CREATE UNIQUE INDEX tags_live_on_source ON tags(source_id, key) WHERE removed_at IS NULL AND source_id IS NOT NULL;
CREATE INDEX tags_by_key ON tags(key);

CREATE TRIGGER tags_no_delete BEFORE DELETE ON tags
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a tag cannot be deleted; remove it instead'); END;

CREATE TRIGGER tags_frozen BEFORE UPDATE ON tags
WHEN OLD.removed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.sentence_id IS NOT OLD.sentence_id OR NEW.source_id IS NOT OLD.source_id
  OR NEW.label IS NOT OLD.label OR NEW.key IS NOT OLD.key OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a tag is never rewritten; remove it and tag again'); END;

CREATE TABLE comments (
  id          TEXT PRIMARY KEY,
  sentence_id TEXT REFERENCES sentences(id) ON DELETE RESTRICT,
  source_id   INTEGER REFERENCES sources(id) ON DELETE RESTRICT,
  body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  supersedes  TEXT UNIQUE REFERENCES comments(id) ON DELETE RESTRICT,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  removed_at  TEXT,
  removed_by  TEXT,
  CHECK ((sentence_id IS NULL) <> (source_id IS NULL)),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL))
) STRICT;
CREATE INDEX comments_on_sentence ON comments(sentence_id) WHERE sentence_id IS NOT NULL;
CREATE INDEX comments_on_source ON comments(source_id) WHERE source_id IS NOT NULL;

CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a comment cannot be deleted; remove it instead'); END;

CREATE TRIGGER comments_frozen BEFORE UPDATE ON comments
WHEN OLD.removed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.sentence_id IS NOT OLD.sentence_id OR NEW.source_id IS NOT OLD.source_id
  OR NEW.body IS NOT OLD.body OR NEW.supersedes IS NOT OLD.supersedes
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a comment is never rewritten; write a new version instead'); END;
`)
  }
}
