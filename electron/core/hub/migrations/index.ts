import { foundation } from './0001-foundation'
import { cheapHexChecks } from './0002-cheap-hex-checks'
import { archiveCheckPerStatement } from './0003-archive-check-per-statement'
import type { HubMigration } from './types'

/** Every hub migration, in order; versions 1..n with no gaps. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [foundation, cheapHexChecks, archiveCheckPerStatement]

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1].version
