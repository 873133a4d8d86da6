import type { ArchiveDb } from './open-archive'
import { scalar, statement } from './statements'

/** Stores bytes under their SHA-256 unless already present. Returns true when new. */
export function insertBlob(db: ArchiveDb, sha256: string, bytes: Uint8Array): boolean {
  const info = statement(db, `INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING`).run(sha256, bytes.byteLength, bytes)
  return info.changes > 0
}

export function getBlob(db: ArchiveDb, sha256: string): Buffer | null {
  return scalar<Buffer>(db, `SELECT bytes FROM blobs WHERE sha256 = ?`).get(sha256) ?? null
}
