import type { Migration } from './types'
import { foundation } from './0001-foundation'
import { linksAndReviews } from './0002-links-and-reviews'
import { searchIndex } from './0003-search-index'
import { captures } from './0004-captures'
import { bundleImports } from './0005-bundle-imports'
import { eventSubjects } from './0006-event-subjects'
import { suggestionRejections } from './0007-suggestion-rejections'
import { tagsAndComments } from './0008-tags-and-comments'
import { sync } from './0009-sync'
import { syncLookups } from './0010-sync-lookups'

/** Every migration, in order. Versions are 1..n with no gaps (checked by a test). */
export const MIGRATIONS: readonly Migration[] = [foundation, linksAndReviews, searchIndex, captures, bundleImports, eventSubjects, suggestionRejections, tagsAndComments, sync, syncLookups]

/** The schema version an up-to-date archive is at (0, a fresh file, if there were no migrations). */
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0
