import { foundation } from './0001-foundation'
import type { HubMigration } from './types'

/** Every hub migration, in order; versions 1..n with no gaps. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [foundation]

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1].version
