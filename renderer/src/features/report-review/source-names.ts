// Checks and suggestions name sources by external id (else uid); links by
// numeric id. One lookup turns either into the title a person recognises.
import type { SourceWithSnapshots } from '../../../../shared/model'

export interface SourceIndex {
  byRef(ref: string | null): SourceWithSnapshots | undefined
  byId(id: number): SourceWithSnapshots | undefined
  bySnapshot(snapshotId: number): SourceWithSnapshots | undefined
}

export function indexSources(sources: readonly SourceWithSnapshots[]): SourceIndex {
  const ref = new Map<string, SourceWithSnapshots>()
  const id = new Map<number, SourceWithSnapshots>()
  const snap = new Map<number, SourceWithSnapshots>()
  for (const s of sources) {
    id.set(s.id, s)
    ref.set(s.uid, s)
    if (s.externalId) ref.set(s.externalId, s)
    for (const sn of s.snapshots) snap.set(sn.id, s)
  }
  return {
    byRef: (r) => (r ? ref.get(r) : undefined),
    byId: (i) => id.get(i),
    bySnapshot: (i) => snap.get(i)
  }
}

export function sourceName(s: SourceWithSnapshots | undefined, fallback: string | null = null): string {
  if (!s) return fallback ?? 'unknown source'
  return s.title ?? s.externalId ?? s.uid
}

/** One wording of a source's kind everywhere (a suggestion must not call "secondary" what the list calls "unknown"). */
export function kindLabel(kind: string | null | undefined): string {
  if (kind === 'primary') return 'primary source'
  if (kind === 'secondary') return 'secondary source'
  return 'kind not set'
}

export function shortHash(sha: string): string {
  return sha.length > 16 ? `${sha.slice(0, 8)}…${sha.slice(-4)}` : sha
}

export function formatWhen(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
}
