import type { HubMigration } from './types'

// Pushes move to COPY (docs/SCALING.md, issue #12). PostgreSQL refuses COPY
// FROM into a table with row-level security, so a member copies a push into a
// TEMP table of their own session and then runs one INSERT … SELECT into
// attest.events: the policy's WITH CHECK and the statement triggers apply to
// that INSERT exactly as before, so no rule moves out of the database.
// - Members need TEMPORARY on the hub's database. PostgreSQL grants it to
//   PUBLIC by default; a hardened server may have revoked it, so it is granted
//   to attest_member here when the migrating role may (the database's owner or
//   a superuser), otherwise left as the server has it (a push then says
//   which grant is missing: HUB_FORBIDDEN).
// - check_events' chain check looked each archive's head up once per new row:
//   the planner inlined the heads CTE into a nested loop (5,000 backward index
//   scans on a 5,000-event push, ~35 of ~95 ms of the trigger, measured with
//   auto_explain as a member), then sorted the rows for a window. The same
//   rule now looks the head up once per archive (materialised CTEs) and pairs
//   each row with its predecessor by a hash self-join. Nothing else in the
//   function changes.

export const copyPush: HubMigration = {
  version: 4,
  name: 'copy-push',
  sql: `
DO $grant$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = current_database() AND pg_has_role(d.datdba, 'USAGE'))
     OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO attest_member', current_database());
  END IF;
END $grant$;

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

  -- Each archive's new events continue its chain: the one with no
  -- predecessor among the new rows follows the head the hub held before (or
  -- the genesis hash), every other one the new row at seq - 1. (seq is unique
  -- per archive, so a gap leaves a second row without a predecessor, which
  -- cannot follow the head.) A self-join on (archive_id, seq) instead of a
  -- window over the rows sorted: 4-13 ms against 23-34 ms on 5,000 rows.
  WITH firsts AS MATERIALIZED (
    SELECT archive_id, min(seq) AS first_seq FROM added GROUP BY archive_id
  ), heads AS MATERIALIZED (
    SELECT f.archive_id, h.seq AS head_seq, h.hash AS head_hash
    FROM firsts f LEFT JOIN LATERAL (
      SELECT e.seq, e.hash FROM attest.events e WHERE e.archive_id = f.archive_id AND e.seq < f.first_seq ORDER BY e.seq DESC LIMIT 1
    ) h ON true
  )
  SELECT a.archive_id, a.seq, coalesce(h.head_seq, 0) AS head_seq, h.head_hash INTO chain
  FROM added a JOIN heads h USING (archive_id)
  LEFT JOIN added p ON p.archive_id = a.archive_id AND p.seq = a.seq - 1
  WHERE CASE WHEN p.seq IS NULL
             THEN a.seq <> coalesce(h.head_seq, 0) + 1 OR a.prev_hash <> coalesce(h.head_hash, repeat('0', 64))
             ELSE a.prev_hash <> p.hash END
  ORDER BY a.archive_id, a.seq
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
`
}
