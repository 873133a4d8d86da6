import { basename, resolve } from 'node:path'
import { AttestError } from '../../../shared/errors'
import type { OpInput, OpOutput } from '../../../shared/api/contract'
import type { OperationName } from '../../../shared/api/operation-names'
import type { ImportSummary } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { listSources } from '../archive/sources'
import { getSnapshot, getSnapshotMeta, listSnapshots } from '../archive/snapshots'
import { getReport, listReports } from '../archive/reports'
import { getBlob } from '../archive/blobs'
import { listEvents } from '../archive/events'
import { getUserName, setSetting, stampFor } from '../archive/settings'
import { importBytes, importFile, type ImportResult } from '../import/import-file'
import { importCase } from '../import/import-case'
import { createLink, removeLink } from '../linking/links'
import { setReview } from '../linking/reviews'
import { getReportView } from '../linking/report-view'
import { checkReport } from '../checks/check-report'
import { suggestForReport } from '../suggest/suggest'
import { searchArchive } from '../search/search'
import { exportBundle } from '../bundle/export-bundle'

/** Handlers may be sync or async; the dispatcher awaits either. */
export type Handlers = { [K in OperationName]: (input: OpInput<K>) => OpOutput<K> | Promise<OpOutput<K>> }

export interface HandlerContext {
  db: ArchiveDb
  archivePath: string
  now?: () => Date
}

function toImportSummary(r: ImportResult): ImportSummary {
  return {
    created: r.created,
    sourceId: r.source.id,
    sourceLabel: r.source.title ?? r.source.externalId ?? r.source.uid,
    snapshotId: r.snapshot.id,
    sha256: r.snapshot.sha256,
    reportId: r.report?.id ?? null,
    sentences: r.report?.sentenceCount ?? null,
    warnings: r.warnings
  }
}

/**
 * The archive's operations for one open archive, shared by the desktop
 * (IPC), `attest serve` (HTTP) and tests. Inputs arrive validated by
 * `dispatch`; these functions only do the work.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { db } = ctx
  const stamp = () => stampFor(db, ctx.now?.() ?? new Date())
  const api: Handlers = {
    getArchiveInfo: () => {
      const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
      return {
        path: ctx.archivePath,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        userName: getUserName(db),
        counts: {
          sources: count('sources'),
          snapshots: count('snapshots'),
          reports: count('reports'),
          links: db.prepare(`SELECT count(*) FROM links WHERE removed_at IS NULL`).pluck().get() as number,
          events: count('events')
        }
      }
    },
    listSources: () =>
      listSources(db).map((s) => {
        const snapshots = listSnapshots(db, s.id)
        return { ...s, captured: snapshots.length > 0, snapshots }
      }),
    listReports: () => listReports(db),
    getReportView: ({ reportId }) => getReportView(db, reportId),
    getSnapshot: ({ snapshotId }) => {
      const s = getSnapshot(db, snapshotId)
      if (!s) throw new AttestError('NOT_FOUND', `No snapshot ${snapshotId}.`)
      return s
    },
    getSnapshotBytes: ({ snapshotId }) => {
      const s = getSnapshotMeta(db, snapshotId)
      if (!s) throw new AttestError('NOT_FOUND', `No snapshot ${snapshotId}.`)
      return { mediaType: s.mediaType, sha256: s.sha256, base64: getBlob(db, s.sha256)!.toString('base64') }
    },
    importFile: async ({ name, base64, report, password, sourceId }) =>
      toImportSummary(await importBytes(db, stamp(), Buffer.from(base64, 'base64'), { fileName: basename(name), report, password, sourceId })),
    importPath: async ({ path, report, password, sourceId }) =>
      toImportSummary(await importFile(db, stamp(), resolve(path), { report, password, sourceId })),
    importCase: async ({ path }) => {
      const r = await importCase(db, stamp(), resolve(path))
      return {
        case: r.case,
        reportId: r.report.id,
        sources: r.sources.length,
        snapshots: r.sources.reduce((n, s) => n + s.snapshots.length, 0),
        createdSources: r.created.sources,
        createdSnapshots: r.created.snapshots,
        warnings: r.warnings
      }
    },
    addSnapshot: async ({ sourceId, name, base64, password }) =>
      toImportSummary(await importBytes(db, stamp(), Buffer.from(base64, 'base64'), { fileName: basename(name), password, sourceId })),
    createLink: (input) => createLink(db, stamp(), input),
    removeLink: ({ linkId, why }) => {
      removeLink(db, stamp(), linkId, why)
      return { removed: true as const }
    },
    setStatus: ({ sentenceId, status, note }) => setReview(db, stamp(), sentenceId, status, note ?? null),
    checkReport: ({ reportId }) => {
      const report = getReport(db, reportId)
      if (!report) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
      return checkReport(db, report)
    },
    suggest: ({ reportId, sentenceIndex, top }) => suggestForReport(db, reportId, { sentenceIndex, top }),
    search: (input) => searchArchive(db, input.query, input),
    listEvents: ({ subject, limit }) => {
      const events = listEvents(db, { subject })
      return limit ? events.slice(-limit) : events
    },
    setUserName: ({ name }) => {
      setSetting(db, 'user.name', name)
      return { userName: getUserName(db) }
    },
    exportBundle: async ({ reportId, path, format, claimReview }) => exportBundle(db, reportId, resolve(path), { format: format ?? 'zip', claimReview: claimReview ?? false })
  }
  return api
}
