import type { HubMigration } from './types'

// The hub's first schema: members and the cases shared with them, archives,
// the events of every archive's hash chain, and content-addressed blobs in
// 1 MB chunks. PostgreSQL itself enforces who may do what:
// - nobody (the owner included) can UPDATE, DELETE or TRUNCATE events, blobs
//   or chunks: triggers refuse it, so only a superuser who disables triggers
//   can alter them, and `attest hub check` finds what they altered;
// - members are LOGIN roles in attest_member (attest_editor for editors); they
//   own no table, and row-level security lets each append only under their own
//   name, only to their own archive, and read only what their scope allows;
// - a new event must continue its archive's chain (seq + 1, previous hash);
// - a sign-off must come from an editor and not sign off their own review.
// Trigger functions that must see past row-level security (the chain, the
// reviewed event) are SECURITY DEFINER with a fixed search_path; they read,
// never write.

// Pushes serialise on this advisory lock ("atte" in ASCII), taken before any
// hub_seq is drawn. hub_seq comes from an identity sequence when a row is
// formed, but becomes visible at commit; without the lock, a push that drew
// 41 could commit after one that drew 42, and a puller that had already read
// up to 42 (its cursor is "hub_seq > last seen") would never see 41. With one
// push at a time, hub_seq commits in order, so a cursor never skips a row.
// The statement-level trigger takes the lock before any row (and its hub_seq)
// exists, so even a client that forgot to lock cannot break the order.
export const PUSH_LOCK_KEY = 1635021925

export const foundation: HubMigration = {
  version: 1,
  name: 'foundation',
  sql: `
DO $roles$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'attest_member') THEN CREATE ROLE attest_member NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'attest_editor') THEN CREATE ROLE attest_editor NOLOGIN; END IF;
END $roles$;
GRANT attest_member TO attest_editor;

CREATE TABLE attest.members (
  role_name text PRIMARY KEY,
  display_name text NOT NULL,
  editor boolean NOT NULL DEFAULT false,
  scope text NOT NULL DEFAULT 'all' CHECK (scope IN ('all', 'cases')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attest.case_members (
  case_id text NOT NULL,
  role_name text NOT NULL REFERENCES attest.members,
  PRIMARY KEY (case_id, role_name)
);

CREATE TABLE attest.archives (
  archive_id text PRIMARY KEY CHECK (length(archive_id) BETWEEN 1 AND 200),
  owner_role text NOT NULL REFERENCES attest.members,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attest.events (
  hub_seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  archive_id text NOT NULL REFERENCES attest.archives,
  seq bigint NOT NULL CHECK (seq >= 1),
  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  -- The canonical JSON text the event hash covers, byte for byte, so that
  -- hub check can re-hash it (jsonb would reorder keys and drop duplicates).
  data text NOT NULL,
  -- Derived data the pusher attaches for receivers (a snapshot's full row, a
  -- report's sentence boundaries): NOT part of the hashed event; receivers
  -- re-check what they can (text and bytes by their hashes).
  sidecar text CHECK (sidecar IS NULL OR sidecar::jsonb IS NOT NULL),
  case_id text,
  pushed_by text NOT NULL DEFAULT current_user,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (archive_id, seq)
);
CREATE INDEX events_case ON attest.events (case_id, hub_seq) WHERE case_id IS NOT NULL;

CREATE TABLE attest.blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  chunks integer NOT NULL CHECK (chunks >= 0),
  stored_by text NOT NULL DEFAULT current_user,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Chunks are written first and their blob row last, in one transaction; the
-- deferred foreign key means no chunk outlives a push that did not finish.
CREATE TABLE attest.blob_chunks (
  sha256 text NOT NULL REFERENCES attest.blobs DEFERRABLE INITIALLY DEFERRED,
  n integer NOT NULL CHECK (n >= 0),
  bytes bytea NOT NULL,
  PRIMARY KEY (sha256, n)
);
-- Blobs are mostly compressed formats (PDF, images, WARC.gz): do not try again.
ALTER TABLE attest.blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE FUNCTION attest.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'attest hub: % on %.% is refused: events and blobs are immutable', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'AT002';
END $fn$;

CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON attest.events FOR EACH ROW EXECUTE FUNCTION attest.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON attest.events FOR EACH STATEMENT EXECUTE FUNCTION attest.refuse_change();
CREATE TRIGGER blobs_immutable BEFORE UPDATE OR DELETE ON attest.blobs FOR EACH ROW EXECUTE FUNCTION attest.refuse_change();
CREATE TRIGGER blobs_no_truncate BEFORE TRUNCATE ON attest.blobs FOR EACH STATEMENT EXECUTE FUNCTION attest.refuse_change();
CREATE TRIGGER blob_chunks_immutable BEFORE UPDATE OR DELETE ON attest.blob_chunks FOR EACH ROW EXECUTE FUNCTION attest.refuse_change();
CREATE TRIGGER blob_chunks_no_truncate BEFORE TRUNCATE ON attest.blob_chunks FOR EACH STATEMENT EXECUTE FUNCTION attest.refuse_change();

CREATE FUNCTION attest.serialise_pushes() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(${PUSH_LOCK_KEY});
  RETURN NULL;
END $fn$;
CREATE TRIGGER events_push_order BEFORE INSERT ON attest.events FOR EACH STATEMENT EXECUTE FUNCTION attest.serialise_pushes();

-- Checked once per INSERT statement over all its rows (a transition table),
-- not row by row: a push of 5,000 events costs one call of this function.
-- It runs after the rows are in place and before the statement ends; raising
-- undoes the whole statement.
CREATE FUNCTION attest.check_events() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
DECLARE
  bad record;
  chain record;
  signoff record;
BEGIN
  -- hub_seq and received_at are the hub's: a member who supplies their own
  -- (OVERRIDING SYSTEM VALUE) could break the pullers' order. Under the push
  -- lock the new rows must be the highest numbers, none beyond the sequence.
  SELECT a.hub_seq INTO bad FROM added a
  WHERE a.hub_seq > pg_sequence_last_value('attest.events_hub_seq_seq'::regclass) OR a.received_at <> now()
  LIMIT 1;
  IF FOUND OR EXISTS (
    SELECT 1 FROM attest.events e
    WHERE e.hub_seq > (SELECT min(hub_seq) FROM added) AND NOT EXISTS (SELECT 1 FROM added a WHERE a.hub_seq = e.hub_seq)
  ) THEN
    RAISE EXCEPTION 'attest hub: hub_seq and received_at are assigned by the hub' USING ERRCODE = '42501';
  END IF;

  -- Each event's hash is the SHA-256 of its canonical JSON (electron/core/
  -- archive/events.ts hashEvent: keys sorted, no spaces; data is stored as
  -- the canonical text already), so a client cannot store an event whose
  -- content does not match its hash.
  SELECT a.archive_id, a.seq INTO bad FROM added a
  WHERE a.hash <> encode(sha256(convert_to(
    '{"action":' || to_json(a.action)::text || ',"actor":' || to_json(a.actor)::text || ',"at":' || to_json(a.at)::text
    || ',"data":' || a.data || ',"prev":' || to_json(a.prev_hash)::text || ',"seq":' || a.seq::text
    || ',"subject":' || to_json(a.subject)::text || '}', 'UTF8')), 'hex')
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attest hub: event % of archive % does not hash to its recorded hash', bad.seq, bad.archive_id USING ERRCODE = 'AT004';
  END IF;

  -- Each archive's new events continue its chain: the first follows the head
  -- the hub held before (or the genesis hash), each next one its predecessor.
  WITH firsts AS (
    SELECT archive_id, min(seq) AS first_seq FROM added GROUP BY archive_id
  ), heads AS (
    SELECT f.archive_id, h.seq AS head_seq, h.hash AS head_hash
    FROM firsts f LEFT JOIN LATERAL (
      SELECT e.seq, e.hash FROM attest.events e WHERE e.archive_id = f.archive_id AND e.seq < f.first_seq ORDER BY e.seq DESC LIMIT 1
    ) h ON true
  ), ordered AS (
    SELECT a.archive_id, a.seq, a.prev_hash, lag(a.seq) OVER w AS before_seq, lag(a.hash) OVER w AS before_hash
    FROM added a WINDOW w AS (PARTITION BY a.archive_id ORDER BY a.seq)
  )
  SELECT o.archive_id, o.seq, coalesce(h.head_seq, 0) AS head_seq, h.head_hash INTO chain
  FROM ordered o JOIN heads h USING (archive_id)
  WHERE (o.before_seq IS NULL AND (o.seq <> coalesce(h.head_seq, 0) + 1 OR o.prev_hash <> coalesce(h.head_hash, repeat('0', 64))))
     OR (o.before_seq IS NOT NULL AND (o.seq <> o.before_seq + 1 OR o.prev_hash <> o.before_hash))
  ORDER BY o.archive_id, o.seq
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attest hub: event % of archive % does not continue its chain; the hub holds % of its events%', chain.seq, chain.archive_id, chain.head_seq,
      CASE WHEN chain.head_hash IS NULL THEN '' ELSE ', the last hashed ' || left(chain.head_hash, 12) END
      USING ERRCODE = 'AT001';
  END IF;

  -- Sign-off: by an editor, of a review.set event the hub holds, pushed by someone else.
  SELECT a.pushed_by INTO bad FROM added a
  WHERE a.action = 'review.signed-off'
    AND NOT CASE WHEN EXISTS (SELECT 1 FROM attest.members m WHERE m.role_name = a.pushed_by AND m.editor)
                 THEN pg_has_role(a.pushed_by, 'attest_editor', 'MEMBER') ELSE false END
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attest hub: only an editor may sign a review off, and % is not one', bad.pushed_by USING ERRCODE = '42501';
  END IF;
  SELECT a.pushed_by, r.pushed_by AS reviewed_by INTO signoff
  FROM added a LEFT JOIN attest.events r ON r.hash = (a.data::jsonb ->> 'reviewHash')
  WHERE a.action = 'review.signed-off' AND (r.hash IS NULL OR r.action <> 'review.set' OR r.pushed_by = a.pushed_by)
  LIMIT 1;
  IF FOUND THEN
    IF signoff.reviewed_by = signoff.pushed_by THEN
      RAISE EXCEPTION 'attest hub: % may not sign off their own review; another editor must', signoff.pushed_by USING ERRCODE = '42501';
    END IF;
    RAISE EXCEPTION 'attest hub: a sign-off must name a review.set event the hub holds (data.reviewHash)' USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER events_check AFTER INSERT ON attest.events REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION attest.check_events();

-- A blob row is the promise that every chunk is there: refuse it otherwise,
-- so a reader never sees a half-written blob.
CREATE FUNCTION attest.check_blob_complete() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  found_chunks integer;
  found_bytes bigint;
BEGIN
  SELECT count(*), coalesce(sum(octet_length(bytes)), 0) INTO found_chunks, found_bytes FROM attest.blob_chunks WHERE sha256 = NEW.sha256;
  IF found_chunks <> NEW.chunks OR found_bytes <> NEW.size THEN
    RAISE EXCEPTION 'attest hub: blob % is incomplete (% of % chunks, % of % bytes)', NEW.sha256, found_chunks, NEW.chunks, found_bytes, NEW.size
      USING ERRCODE = 'AT003';
  END IF;
  RETURN NEW;
END $fn$;
CREATE TRIGGER blobs_complete BEFORE INSERT ON attest.blobs FOR EACH ROW EXECUTE FUNCTION attest.check_blob_complete();

ALTER TABLE attest.archives ENABLE ROW LEVEL SECURITY;
CREATE POLICY archives_read ON attest.archives FOR SELECT USING (true);
CREATE POLICY archives_register ON attest.archives FOR INSERT WITH CHECK (owner_role = current_user);

ALTER TABLE attest.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_append ON attest.events FOR INSERT WITH CHECK (
  pushed_by = current_user
  AND EXISTS (SELECT 1 FROM attest.archives a WHERE a.archive_id = events.archive_id AND a.owner_role = current_user)
);
CREATE POLICY events_read ON attest.events FOR SELECT USING (
  EXISTS (SELECT 1 FROM attest.members m WHERE m.role_name = current_user AND m.scope = 'all')
  OR EXISTS (SELECT 1 FROM attest.archives a WHERE a.archive_id = events.archive_id AND a.owner_role = current_user)
  OR (case_id IS NOT NULL AND EXISTS (SELECT 1 FROM attest.case_members c WHERE c.case_id = events.case_id AND c.role_name = current_user))
);

ALTER TABLE attest.blobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY blobs_read ON attest.blobs FOR SELECT USING (true);
CREATE POLICY blobs_store ON attest.blobs FOR INSERT WITH CHECK (stored_by = current_user);

GRANT USAGE ON SCHEMA attest TO attest_member;
GRANT SELECT ON attest.hub_schema, attest.members, attest.case_members, attest.archives, attest.events, attest.blobs, attest.blob_chunks TO attest_member;
GRANT INSERT ON attest.archives, attest.events, attest.blobs, attest.blob_chunks TO attest_member;
`
}
