import type { HubMigration } from './types'

// An event's data must be JSON. The hub re-hashes each event over its data
// text spliced into the canonical JSON (check_events) but never parsed it,
// so a member writing raw SQL could push data such as `{"text":` with a
// matching hash; every colleague's pull then stopped at that event for good
// (the client parses data to apply it). Now refused at push, once per
// statement: one cast of each row's data to json (validation only, no
// jsonb tree), and only when that fails a search for the event to name.
// Events from before this version are named by `attest hub check`.

export const eventJson: HubMigration = {
  version: 9,
  name: 'event-json',
  sql: `
CREATE FUNCTION attest.is_json(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  PERFORM t::json;
  RETURN true;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END $fn$;

CREATE FUNCTION attest.check_event_json() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
DECLARE
  bad record;
BEGIN
  BEGIN
    PERFORM count(a.data::json) FROM added a;
  EXCEPTION WHEN invalid_text_representation THEN
    SELECT a.archive_id, a.seq INTO bad FROM added a WHERE NOT attest.is_json(a.data) ORDER BY a.archive_id, a.seq LIMIT 1;
    RAISE EXCEPTION 'attest hub: event % of archive % has data that is not JSON; no client could apply it', bad.seq, bad.archive_id USING ERRCODE = '22P02';
  END;
  RETURN NULL;
END $fn$;
CREATE TRIGGER events_json AFTER INSERT ON attest.events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION attest.check_event_json();
`
}
