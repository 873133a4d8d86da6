import type { HubMigration } from './types'

// Cases shared after add-member (attest hub share-case). A member pulls in
// hub order, so the events of a case shared today that were pushed before
// their cursor would never reach them. Each share is therefore numbered in
// the same sequence as case filings (shared_seq draws from filed_seq's), under
// the same push lock: a pull's filing cursor then passes a share exactly as it
// passes a filing, and the back-fill (electron/core/hub/case-filings.ts)
// fetches the shared case's older events once. Rows that exist when this
// migration runs get a number too, so their members back-fill once (events
// they already hold are applied as duplicates, i.e. skipped).

export const caseShares: HubMigration = {
  version: 6,
  name: 'case-shares',
  sql: `
ALTER TABLE attest.case_members ADD COLUMN shared_seq bigint NOT NULL DEFAULT nextval(pg_get_serial_sequence('attest.case_subjects', 'filed_seq'));
CREATE TRIGGER case_members_order BEFORE INSERT ON attest.case_members FOR EACH STATEMENT EXECUTE FUNCTION attest.serialise_pushes();
`
}
