import type { HubMigration } from './types'

// The foreign key from events to archives checked each pushed row on its own
// (one lookup per row, ~15 µs): on a 5,000-event push as a member, 77–86 ms
// of ~450 ms in the database, and pushes ran ~20 % faster without it (three
// of four alternating runs of 30,000 events; docs/SCALING.md). Its rule stays,
// checked once per INSERT statement instead, in the statement-level trigger
// that already checks the chain: every new event must name a registered
// archive. What the foreign key also gave — an archive with events cannot be
// deleted or renamed — becomes stricter: no archive row can be deleted,
// truncated or have its id changed, by any role (archives are the anchor of an
// immutable chain). Its name may still change (by the hub's owner only:
// members have no UPDATE grant).

export const archiveCheckPerStatement: HubMigration = {
  version: 3,
  name: 'archive-check-per-statement',
  sql: `
CREATE FUNCTION attest.refuse_archive_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'attest hub: % on attest.archives is refused: an archive is never removed or renamed, its events name it', TG_OP
    USING ERRCODE = 'AT002';
END $fn$;
CREATE TRIGGER archives_keep BEFORE DELETE ON attest.archives FOR EACH ROW EXECUTE FUNCTION attest.refuse_archive_change();
CREATE TRIGGER archives_keep_id BEFORE UPDATE OF archive_id ON attest.archives FOR EACH ROW
  WHEN (OLD.archive_id IS DISTINCT FROM NEW.archive_id) EXECUTE FUNCTION attest.refuse_archive_change();
CREATE TRIGGER archives_no_truncate BEFORE TRUNCATE ON attest.archives FOR EACH STATEMENT EXECUTE FUNCTION attest.refuse_archive_change();

CREATE OR REPLACE FUNCTION attest.check_events() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
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

  -- Every event belongs to a registered archive (what the foreign key checked
  -- row by row): one anti-join over the statement's rows.
  SELECT a.archive_id INTO bad FROM added a
  WHERE NOT EXISTS (SELECT 1 FROM attest.archives r WHERE r.archive_id = a.archive_id)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attest hub: archive % is not registered on the hub; register it before pushing its events', bad.archive_id USING ERRCODE = '23503';
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

ALTER TABLE attest.events DROP CONSTRAINT events_archive_id_fkey;
`
}
