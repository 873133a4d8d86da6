import type { HubMigration } from './types'

// Cases (issue #12: "a freelancer sees only the cases shared with them").
// A case is one report (docs/ARCHITECTURE.md, "Cases on the hub"); the pusher
// files each event of a report under its case (events.case_id) and, for each
// link, the snapshot it quotes and that snapshot's source under the link's
// case here, so that a case's members may read them too: sources and
// snapshots serve several cases and are no case's own.
// - case_subjects is append-only like events (no UPDATE, DELETE, TRUNCATE by
//   anyone), numbered by the hub (filed_seq, under the push lock, so a reader's
//   cursor over it never skips a row, as with hub_seq).
// - A filing must be justified: it names the event (`because`) that uses the
//   subject — a link.created of that case quoting that snapshot, or the
//   report.created of that case — pushed by the one who files it; a source may
//   be filed only when a snapshot.created of that snapshot names it. So a
//   member limited to some cases cannot file another case's subjects, nor
//   make any source readable to themselves by filing it under their own.
// - A member may file, and push events filed, only under cases they may write
//   in: every case for a member with scope 'all', their own cases otherwise.
// - events_read also lets a case's members read events whose subject is filed
//   under one of their cases. events.subject gets an index for that lookup
//   and for a pull's back-fill of newly filed subjects (electron/core/sync/pull.ts).

export const caseSubjects: HubMigration = {
  version: 5,
  name: 'case-subjects',
  sql: `
CREATE TABLE attest.case_subjects (
  filed_seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL CHECK (length(case_id) BETWEEN 1 AND 200),
  subject text NOT NULL,
  because text NOT NULL CHECK (because ~ '^[0-9a-f]{64}$'),
  filed_by text NOT NULL DEFAULT current_user,
  filed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, subject)
);
CREATE INDEX case_subjects_subject ON attest.case_subjects (subject, case_id);
CREATE INDEX events_subject ON attest.events (subject);

CREATE TRIGGER case_subjects_immutable BEFORE UPDATE OR DELETE ON attest.case_subjects FOR EACH ROW EXECUTE FUNCTION attest.refuse_change();
CREATE TRIGGER case_subjects_no_truncate BEFORE TRUNCATE ON attest.case_subjects FOR EACH STATEMENT EXECUTE FUNCTION attest.refuse_change();
CREATE TRIGGER case_subjects_order BEFORE INSERT ON attest.case_subjects FOR EACH STATEMENT EXECUTE FUNCTION attest.serialise_pushes();

-- May this member write in this case? (SECURITY DEFINER: members read only
-- their own case_members rows anyway; this keeps the policies short.)
CREATE FUNCTION attest.may_write_case(who text, c text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
  SELECT EXISTS (SELECT 1 FROM attest.members m WHERE m.role_name = who AND m.scope = 'all')
      OR EXISTS (SELECT 1 FROM attest.case_members cm WHERE cm.role_name = who AND cm.case_id = c)
$fn$;

CREATE FUNCTION attest.check_case_subject() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
DECLARE
  why record;
  sha text;
BEGIN
  -- Under the push lock filed_seq only grows: a row numbered below one
  -- already there (OVERRIDING SYSTEM VALUE) could slip behind a reader's cursor.
  IF NEW.filed_seq <= coalesce((SELECT max(filed_seq) FROM attest.case_subjects), 0) OR NEW.filed_at <> now() THEN
    RAISE EXCEPTION 'attest hub: filed_seq and filed_at are assigned by the hub' USING ERRCODE = '42501';
  END IF;
  SELECT e.action, e.case_id, e.subject, e.data, e.pushed_by INTO why FROM attest.events e WHERE e.hash = NEW.because;
  IF NOT FOUND OR why.pushed_by <> NEW.filed_by OR why.case_id IS DISTINCT FROM NEW.case_id
     OR why.action NOT IN ('link.created', 'report.created') THEN
    RAISE EXCEPTION 'attest hub: % may not file % under case %: a filing names a link or report event of that case that they pushed', NEW.filed_by, NEW.subject, NEW.case_id
      USING ERRCODE = '42501';
  END IF;
  sha := CASE WHEN why.action = 'link.created' THEN 'snapshot:' || (why.data::jsonb ->> 'snapshot') ELSE why.subject END;
  IF NEW.subject = sha THEN
    RETURN NEW;
  END IF;
  IF NEW.subject LIKE 'source:%' AND EXISTS (
    SELECT 1 FROM attest.events s
    WHERE s.subject = sha AND s.action = 'snapshot.created' AND s.data::jsonb ->> 'source' = substr(NEW.subject, 8)
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'attest hub: event % does not use %, so it cannot file it under case %', left(NEW.because, 12), NEW.subject, NEW.case_id
    USING ERRCODE = '42501';
END $fn$;
CREATE TRIGGER case_subjects_check BEFORE INSERT ON attest.case_subjects FOR EACH ROW EXECUTE FUNCTION attest.check_case_subject();

ALTER TABLE attest.case_subjects ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_subjects_read ON attest.case_subjects FOR SELECT USING (attest.may_write_case(current_user, case_id));
CREATE POLICY case_subjects_file ON attest.case_subjects FOR INSERT WITH CHECK (filed_by = current_user AND attest.may_write_case(current_user, case_id));

DROP POLICY events_append ON attest.events;
CREATE POLICY events_append ON attest.events FOR INSERT WITH CHECK (
  pushed_by = current_user
  AND EXISTS (SELECT 1 FROM attest.archives a WHERE a.archive_id = events.archive_id AND a.owner_role = current_user)
  AND (case_id IS NULL OR attest.may_write_case(current_user, case_id))
);

DROP POLICY events_read ON attest.events;
CREATE POLICY events_read ON attest.events FOR SELECT USING (
  EXISTS (SELECT 1 FROM attest.members m WHERE m.role_name = current_user AND m.scope = 'all')
  OR EXISTS (SELECT 1 FROM attest.archives a WHERE a.archive_id = events.archive_id AND a.owner_role = current_user)
  OR (case_id IS NOT NULL AND EXISTS (SELECT 1 FROM attest.case_members c WHERE c.case_id = events.case_id AND c.role_name = current_user))
  OR EXISTS (
    SELECT 1 FROM attest.case_subjects s JOIN attest.case_members c ON c.case_id = s.case_id
    WHERE s.subject = events.subject AND c.role_name = current_user
  )
);

GRANT SELECT, INSERT ON attest.case_subjects TO attest_member;
`
}
