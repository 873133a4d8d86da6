import { foundation } from './0001-foundation'
import { cheapHexChecks } from './0002-cheap-hex-checks'
import { archiveCheckPerStatement } from './0003-archive-check-per-statement'
import { copyPush } from './0004-copy-push'
import { caseSubjects } from './0005-case-subjects'
import { caseShares } from './0006-case-shares'
import { teamSettings } from './0007-team-settings'
import { blobScope } from './0008-blob-scope'
import { eventJson } from './0009-event-json'
import type { HubMigration } from './types'

/** Every hub migration, in order; versions 1..n with no gaps. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [foundation, cheapHexChecks, archiveCheckPerStatement, copyPush, caseSubjects, caseShares, teamSettings, blobScope, eventJson]

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS.at(-1)?.version ?? 0
