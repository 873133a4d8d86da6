import { userInfo } from 'node:os'
import type { ArchiveDb } from './open-archive'
import type { Stamp } from './events'
import { writeTransaction } from './write-transaction'
import { scalar, statement } from './statements'

export function getSetting(db: ArchiveDb, key: string): string | null {
  return scalar<string, [string]>(db, `SELECT value FROM settings WHERE key = ?`).get(key) ?? null
}

export function setSetting(db: ArchiveDb, key: string, value: string): void {
  writeTransaction(db, () => {
    statement(db, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value)
  })
}

function osUserName(): string {
  try {
    return userInfo().username || 'unknown'
  } catch {
    // userInfo throws when the uid has no passwd entry (some containers)
    return process.env.USER || process.env.USERNAME || 'unknown'
  }
}

/** The name recorded as "who" in provenance: the archive's setting, else the OS user. */
export function getUserName(db: ArchiveDb): string {
  return getSetting(db, 'user.name') ?? osUserName()
}

/**
 * The fact-checking organisation that publishes reviews (ClaimReview's
 * author, BagIt's Source-Organization): `org.name`, and `org.reviewUrl`, the
 * web address its published reviews of a report live under (each review's
 * `url` is that address with the sentence id as fragment). Null when unset.
 */
export function getOrganisation(db: ArchiveDb): { name: string | null; reviewUrl: string | null } {
  return { name: getSetting(db, 'org.name'), reviewUrl: getSetting(db, 'org.reviewUrl') }
}

/** A provenance stamp for one operation: who, and one timestamp for every row the operation writes. */
export function stampFor(db: ArchiveDb, now: Date = new Date(), actor?: string): Stamp {
  return { actor: actor ?? getUserName(db), at: now.toISOString() }
}
