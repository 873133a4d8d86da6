import type { HubMigration } from './types'

// Team settings (today the sign-off rule, `team.sign-off-rule`; any action
// named `team.…`) are the whole team's, and the editors'.
// - Only an editor may push one. The client refused a non-editor up front,
//   but PostgreSQL did not: a member connecting with their own client could
//   turn the sign-off rule off for everyone, and every archive would follow
//   the newest rule event. The same test as for a sign-off (a member row
//   marked editor and membership of attest_editor, attest.is_editor), in a statement trigger
//   of its own beside check_events.
// - Every member may read them. A case-limited member (a freelancer) never
//   received the rule, so their archive and the bundles they export showed a
//   verdict awaiting sign-off as final.
// Events pushed before this version are not re-checked (`attest hub check`
// names any team event whose pusher is not an editor now).

export const teamSettings: HubMigration = {
  version: 7,
  name: 'team-settings',
  sql: `
-- Whether a role is an editor of this hub now: a member row marked editor and
-- membership of attest_editor (a role since dropped is no editor). One test
-- for this trigger and for attest hub check.
CREATE FUNCTION attest.is_editor(who text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM attest.members m JOIN pg_roles r ON r.rolname = m.role_name WHERE m.role_name = who AND m.editor)
              THEN pg_has_role(who, 'attest_editor', 'MEMBER') ELSE false END
$fn$;

CREATE FUNCTION attest.check_team_settings() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = attest, pg_temp AS $fn$
DECLARE
  bad record;
BEGIN
  SELECT a.pushed_by, a.action INTO bad FROM added a
  WHERE a.action LIKE 'team.%' AND NOT attest.is_editor(a.pushed_by)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attest hub: only an editor may change a team setting (%), and % is not one', bad.action, bad.pushed_by USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER events_team_settings AFTER INSERT ON attest.events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION attest.check_team_settings();

-- Permissive policies are OR-ed: this one adds team settings to what events_read lets a member see.
CREATE POLICY events_read_team ON attest.events FOR SELECT USING (action LIKE 'team.%');
`
}
