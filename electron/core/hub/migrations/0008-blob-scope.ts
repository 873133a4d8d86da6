import type { HubMigration } from './types'

// Case scope for documents, not only events. Until now every member could
// read every blob: `SELECT sha256 FROM attest.blobs` listed them all and
// attest.blob_chunks gave their bytes, so a freelancer limited to one case
// could read every document on the hub. Now a member reads a blob when
//   - they see every case, or
//   - they stored it, or
//   - a snapshot.created event they may read (events_read) names it: as the
//     snapshot's bytes (its subject is snapshot:<sha256>) or as its text
//     (data.textSha256, indexed below for snapshot events only).
// A chunk is readable with its blob. Whether the hub holds a blob at all
// stays answerable to any member (attest.held_blobs), so a member pushing a
// document someone else already stored does not send its bytes again: that
// tells only someone who already has the document that the hub has it too.
// The completeness check of a new blob row counts its chunks before that
// row exists, so it now runs as the hub's owner (SECURITY DEFINER, like the
// other checks): under the chunks' new policy the member could not see them.

export const blobScope: HubMigration = {
  version: 8,
  name: 'blob-scope',
  sql: `
CREATE INDEX events_snapshot_text ON attest.events ((data::jsonb ->> 'textSha256')) WHERE action = 'snapshot.created';

DROP POLICY blobs_read ON attest.blobs;
CREATE POLICY blobs_read ON attest.blobs FOR SELECT USING (
  EXISTS (SELECT 1 FROM attest.members m WHERE m.role_name = current_user AND m.scope = 'all')
  OR stored_by = current_user
  OR EXISTS (SELECT 1 FROM attest.events e WHERE e.subject = 'snapshot:' || blobs.sha256)
  OR EXISTS (SELECT 1 FROM attest.events e WHERE e.action = 'snapshot.created' AND (e.data::jsonb ->> 'textSha256') = blobs.sha256)
);

ALTER TABLE attest.blob_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY chunks_read ON attest.blob_chunks FOR SELECT USING (EXISTS (SELECT 1 FROM attest.blobs b WHERE b.sha256 = blob_chunks.sha256));
-- Written before their blob row (the foreign key is deferred), by whoever stores the blob.
CREATE POLICY chunks_store ON attest.blob_chunks FOR INSERT WITH CHECK (true);

ALTER FUNCTION attest.check_blob_complete() SECURITY DEFINER SET search_path = attest, pg_temp;

CREATE FUNCTION attest.held_blobs(wanted text[]) RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
  SELECT sha256 FROM attest.blobs WHERE sha256 = ANY(wanted)
$fn$;
REVOKE ALL ON FUNCTION attest.held_blobs(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION attest.held_blobs(text[]) TO attest_member;
`
}
