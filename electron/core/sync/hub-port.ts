import type { ArchiveEvent } from '../archive/events'
import type { HubEvent } from '../hub/hub'
import type { FiledWindow } from '../hub/case-filings'
import type { CaseFiling } from './cases'

// What sync needs of a hub. electron/core/hub implements it on PostgreSQL;
// keeping the port here lets the archive side of sync be read (and, later,
// pointed at another store) without the database code.

export type { HubEvent }

export interface HubPort {
  whoami(): Promise<{ role: string; displayName: string; editor: boolean; scope: 'all' | 'cases' }>
  registerArchive(archiveId: string, name: string): Promise<void>
  headOf(archiveId: string): Promise<{ seq: number; hash: string } | null>
  /** One transaction; events the hub already holds are checked and skipped. `sidecar` is not part of the hashed event. */
  pushEvents(archiveId: string, events: Array<ArchiveEvent & { sidecar?: unknown; caseId?: string | null; files?: CaseFiling[] }>, options?: { register?: string }): Promise<void>
  missingBlobs(sha256s: string[]): Promise<string[]>
  putBlob(sha256: string, bytes: Uint8Array): Promise<void>
  pullEvents(afterHubSeq: string, limit: number, excludeArchiveId: string): Promise<HubEvent[]>
  getBlob(sha256: string): Promise<Uint8Array>
  /** The newest case filing this member may read ('0' when none). */
  lastFiling(): Promise<string>
  /** Events at or before upToHubSeq whose subject was filed in (afterFiledSeq, upToFiledSeq] under one of this member's cases, in hub order, `limit` after `afterHubSeq`. */
  pullFiled(window: FiledWindow, page: { afterHubSeq: string; limit: number }, excludeArchiveId: string): Promise<HubEvent[]>
}
