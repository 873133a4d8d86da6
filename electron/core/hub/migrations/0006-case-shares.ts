import type { HubMigration } from './types'

// Cases shared after add-member (attest hub share-case). A member pulls in
// hub order, so the events of a case shared today that were pushed before
// their cursor would never reach them. Each share is therefore numbered in
// the same sequence as case filings (shared_seq draws from filed_seq's), under
// the same push lock: a pull's filing cursor then passes a share exactly as it
// passes a filing, and the back-fill (electron/core/hub/case-filings.ts)
// fetches the shared case's older events once. Rows that exist when this
// migration runs were made by add-member, before their member's first pull,
// so they need no back-fill: 0 spares each such member a second pull of
// their whole cases.

export const caseShares: HubMigration = {
  version: 6,
  name: 'case-shares',
  sql: `
ALTER TABLE attest.case_members ADD COLUMN shared_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE attest.case_members ALTER COLUMN shared_seq SET DEFAULT nextval(pg_get_serial_sequence('attest.case_subjects', 'filed_seq'));
CREATE TRIGGER case_members_order BEFORE INSERT ON attest.case_members FOR EACH STATEMENT EXECUTE FUNCTION attest.serialise_pushes();
`
}
