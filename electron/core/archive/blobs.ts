import type { ArchiveDb } from './open-archive'

/** Stores bytes under their SHA-256 unless already present. Returns true when new. */
export function insertBlob(db: ArchiveDb, sha256: string, bytes: Uint8Array): boolean {
  const info = db.prepare(`INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING`).run(sha256, bytes.byteLength, bytes)
  return info.changes > 0
}

export function getBlob(db: ArchiveDb, sha256: string): Buffer | null {
  const row = db.prepare(`SELECT bytes FROM blobs WHERE sha256 = ?`).get(sha256) as { bytes: Buffer } | undefined
  return row?.bytes ?? null
}
