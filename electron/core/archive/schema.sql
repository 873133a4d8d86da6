-- Generated from the migrations (schema version 10); do not edit by hand.

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size   INTEGER NOT NULL CHECK (size >= 0),
  bytes  BLOB NOT NULL
) STRICT;

CREATE TABLE bundle_import_chains (
  import_id INTEGER NOT NULL REFERENCES bundle_imports(id) ON DELETE RESTRICT,
  head      TEXT NOT NULL REFERENCES imported_events(hash) ON DELETE RESTRICT,
  events    INTEGER NOT NULL CHECK (events >= 1),
  PRIMARY KEY (import_id, head)
) STRICT;

CREATE TABLE bundle_imports (
  id             INTEGER PRIMARY KEY,
  payload_sha256 TEXT NOT NULL CHECK (length(payload_sha256) = 64),
  report_sha256  TEXT NOT NULL CHECK (length(report_sha256) = 64),
  signer         TEXT,
  bag_info       TEXT NOT NULL CHECK (json_valid(bag_info)),
  imported_at    TEXT NOT NULL,
  imported_by    TEXT NOT NULL
) STRICT;

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

CREATE TABLE passage_index (
  snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id) ON DELETE RESTRICT,
  splitter    TEXT NOT NULL,
  passages    INTEGER NOT NULL CHECK (passages >= 0)
) STRICT;

CREATE TABLE passages (
  id          INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE RESTRICT,
  start       INTEGER NOT NULL CHECK (start >= 0),
  end         INTEGER NOT NULL CHECK (end > start),
  text        TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE passages_fts USING fts5(
  text,
  content = 'passages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3 4'
);

CREATE TABLE 'passages_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'passages_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'passages_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'passages_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
  snapshot_id INTEGER NOT NULL UNIQUE REFERENCES snapshots(id) ON DELETE RESTRICT,
  segmenter   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
) STRICT;

CREATE TABLE review_heads (
        sentence_id TEXT NOT NULL REFERENCES sentences(id) ON DELETE RESTRICT,
        event_hash  TEXT NOT NULL CHECK (length(event_hash) = 64),
        status      TEXT NOT NULL,
        note        TEXT,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        PRIMARY KEY (sentence_id, event_hash)
      ) STRICT;

CREATE TABLE reviews (
  sentence_id TEXT PRIMARY KEY REFERENCES sentences(id) ON DELETE RESTRICT,
  status      TEXT NOT NULL CHECK (status IN ('unreviewed', 'supported', 'partly-supported', 'contradicted', 'unsupported', 'not-checkable', 'opinion')),
  note        TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;

CREATE TABLE sentences (
  id        TEXT PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE RESTRICT,
  idx       INTEGER NOT NULL CHECK (idx >= 0),
  start     INTEGER NOT NULL CHECK (start >= 0),
  end       INTEGER NOT NULL CHECK (end >= start),
  text      TEXT NOT NULL,
  UNIQUE (report_id, idx)
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

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
      , pulled_filed_seq TEXT NOT NULL DEFAULT '0' CHECK (pulled_filed_seq GLOB '[0-9]*')) STRICT;

CREATE TABLE sync_received (
        hash       TEXT PRIMARY KEY REFERENCES imported_events(hash) ON DELETE RESTRICT,
        hub        TEXT NOT NULL REFERENCES sync_hubs(hub) ON DELETE RESTRICT,
        hub_seq    TEXT NOT NULL,
        archive_id TEXT NOT NULL,
        -- the hub member (PostgreSQL role) who pushed it: whose device it came from
        pushed_by  TEXT NOT NULL
      ) STRICT;

CREATE TABLE sync_sources (
        remote_uid TEXT PRIMARY KEY,
        source_id  INTEGER REFERENCES sources(id) ON DELETE RESTRICT,
        metadata   TEXT NOT NULL CHECK (json_valid(metadata)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        matched_by TEXT CHECK (matched_by IN ('uid', 'external-id', 'url-and-bytes', 'created'))
      ) STRICT;

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

CREATE INDEX bundle_imports_report ON bundle_imports(report_sha256);

CREATE INDEX comments_on_sentence ON comments(sentence_id) WHERE sentence_id IS NOT NULL;

CREATE INDEX comments_on_source ON comments(source_id) WHERE source_id IS NOT NULL;

CREATE INDEX events_subject ON events(subject, seq);

CREATE INDEX imported_events_seq ON imported_events(seq);

CREATE INDEX imported_events_subject ON imported_events(subject, seq);

CREATE INDEX link_anchors_snapshot ON link_anchors(snapshot_id, status);

CREATE INDEX links_report ON links(report_id, sentence_id);

CREATE INDEX links_snapshot ON links(snapshot_id);

CREATE INDEX passages_snapshot ON passages(snapshot_id, start);

CREATE INDEX reports_source ON reports(source_id);

CREATE INDEX snapshots_original_url ON snapshots(original_url);

CREATE INDEX snapshots_sha256 ON snapshots(sha256);

CREATE INDEX snapshots_text_sha256 ON snapshots(text_sha256);

CREATE INDEX sources_url ON sources(url);

CREATE INDEX sync_received_archive ON sync_received(archive_id);

CREATE INDEX tags_by_key ON tags(key);

CREATE UNIQUE INDEX tags_live_on_sentence ON tags(sentence_id, key) WHERE removed_at IS NULL AND sentence_id IS NOT NULL;

CREATE UNIQUE INDEX tags_live_on_source ON tags(source_id, key) WHERE removed_at IS NULL AND source_id IS NOT NULL;

CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: archived bytes cannot be deleted'); END;

CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: archived bytes cannot be changed'); END;

CREATE TRIGGER bundle_import_chains_no_delete BEFORE DELETE ON bundle_import_chains
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a bundle import record cannot be deleted'); END;

CREATE TRIGGER bundle_import_chains_no_update BEFORE UPDATE ON bundle_import_chains
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a bundle import record cannot be changed'); END;

CREATE TRIGGER bundle_imports_no_delete BEFORE DELETE ON bundle_imports
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a bundle import record cannot be deleted'); END;

CREATE TRIGGER bundle_imports_no_update BEFORE UPDATE ON bundle_imports
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a bundle import record cannot be changed'); END;

CREATE TRIGGER comments_frozen BEFORE UPDATE ON comments
WHEN OLD.removed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.sentence_id IS NOT OLD.sentence_id OR NEW.source_id IS NOT OLD.source_id
  OR NEW.body IS NOT OLD.body OR NEW.supersedes IS NOT OLD.supersedes
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a comment is never rewritten; write a new version instead'); END;

CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a comment cannot be deleted; remove it instead'); END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: the event log cannot be deleted'); END;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: the event log cannot be changed'); END;

CREATE TRIGGER imported_events_no_delete BEFORE DELETE ON imported_events
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: an imported event cannot be deleted'); END;

CREATE TRIGGER imported_events_no_update BEFORE UPDATE ON imported_events
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: an imported event cannot be changed'); END;

CREATE TRIGGER links_frozen BEFORE UPDATE ON links
WHEN OLD.removed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.report_id IS NOT OLD.report_id OR NEW.sentence_id IS NOT OLD.sentence_id
  OR NEW.snapshot_id IS NOT OLD.snapshot_id OR NEW.snapshot_sha256 IS NOT OLD.snapshot_sha256
  OR NEW.relation IS NOT OLD.relation OR NEW.start IS NOT OLD.start OR NEW.end IS NOT OLD.end
  OR NEW.exact IS NOT OLD.exact OR NEW.prefix IS NOT OLD.prefix OR NEW.suffix IS NOT OLD.suffix
  OR NEW.pages IS NOT OLD.pages OR NEW.note IS NOT OLD.note OR NEW.supersedes IS NOT OLD.supersedes
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a link is never rewritten; remove it and link again'); END;

CREATE TRIGGER links_no_delete BEFORE DELETE ON links
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a link cannot be deleted; remove it with a reason instead'); END;

CREATE TRIGGER sentences_no_delete BEFORE DELETE ON sentences
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a report sentence cannot be deleted'); END;

CREATE TRIGGER sentences_no_update BEFORE UPDATE ON sentences
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a report sentence cannot be changed'); END;

CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a snapshot cannot be deleted'); END;

CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a snapshot cannot be changed'); END;

CREATE TRIGGER tags_frozen BEFORE UPDATE ON tags
WHEN OLD.removed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.sentence_id IS NOT OLD.sentence_id OR NEW.source_id IS NOT OLD.source_id
  OR NEW.label IS NOT OLD.label OR NEW.key IS NOT OLD.key OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a tag is never rewritten; remove it and tag again'); END;

CREATE TRIGGER tags_no_delete BEFORE DELETE ON tags
BEGIN SELECT RAISE(ABORT, 'SNAPSHOT_IMMUTABLE: a tag cannot be deleted; remove it instead'); END;
