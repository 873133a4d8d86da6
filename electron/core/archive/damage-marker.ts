import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'

// SQLite cannot be trusted to record its own damage (writing to a damaged file
// may spread it), so the finding is kept in a small file beside the archive.
// Until `attest recover` has copied what can be read, the archive is opened
// read-only. The marker remembers which file it describes: an archive
// restored from a backup under the same name is not held hostage.

export interface DamageMarker {
  foundAt: string
  what: string
  file: { size: number; mtimeMs: number }
}

export function damageMarkerPath(archivePath: string): string {
  return `${archivePath}.damaged`
}

function fileIdentity(archivePath: string): { size: number; mtimeMs: number } | null {
  try {
    const s = statSync(archivePath)
    return { size: s.size, mtimeMs: Math.floor(s.mtimeMs) }
  } catch {
    return null
  }
}

/** Records that the archive is damaged; best effort (a read-only folder cannot take the marker, and the error still says what happened). */
export function markDamaged(archivePath: string, what: string, now: Date = new Date()): void {
  const file = fileIdentity(archivePath)
  if (!file) return
  const marker: DamageMarker = { foundAt: now.toISOString(), what, file }
  try {
    writeFileSync(damageMarkerPath(archivePath), JSON.stringify(marker, null, 2) + '\n')
  } catch {
    // Nothing more to do: the caller reports the damage either way.
  }
}

/** The marker for this very file, or null (none, unreadable, or left over from a file since replaced). */
export function readDamageMarker(archivePath: string): DamageMarker | null {
  let marker: DamageMarker
  try {
    marker = JSON.parse(readFileSync(damageMarkerPath(archivePath), 'utf8')) as DamageMarker
  } catch {
    return null
  }
  const file = fileIdentity(archivePath)
  if (!file || typeof marker.what !== 'string' || marker.file?.size !== file.size || marker.file?.mtimeMs !== file.mtimeMs) return null
  return marker
}

export function clearDamageMarker(archivePath: string): void {
  rmSync(damageMarkerPath(archivePath), { force: true })
}
