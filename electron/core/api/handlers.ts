import { existsSync } from 'node:fs'
import { basename, isAbsolute, join, resolve } from 'node:path'
import { AttestError } from '../../../shared/errors'
import type { OpInput, OpOutput } from '../../../shared/api/contract'
import type { OperationName } from '../../../shared/api/operation-names'
import type { AnchorStatus, CaptureSummary, ImportJobProgress, ImportSummary } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { withArchiveErrors } from '../archive/sqlite-errors'
import type { CaptureBrowser } from '../capture/capture-browser'
import { getSource, listSources } from '../archive/sources'
import { getSnapshot, getSnapshotMeta, listSnapshots } from '../archive/snapshots'
import { getReport, listReports } from '../archive/reports'
import { getBlob } from '../archive/blobs'
import { listEvents } from '../archive/events'
import { getUserName, setSetting, stampFor } from '../archive/settings'
import type { ImportResult } from '../import/import-file'
import { createImportJobs } from './import-jobs'
import { createLink, removeLink } from '../linking/links'
import { setReview } from '../linking/reviews'
import { getReportView } from '../linking/report-view'
import { checkReport } from '../checks/check-report'
import { suggestForReport } from '../suggest/suggest'
import { rejectSuggestion } from '../suggest/feedback'
import { searchArchive } from '../search/search'
import { addTrustedKey, listTrustedKeys, removeTrustedKey } from '../bundle/trusted-keys'
import { takeUpload } from './uploads'
import { listChangedLinks } from '../capture/reanchor'
import { diffTexts } from '../../../shared/diff/text-diff'
import { sentenceHistory } from '../linking/sentence-history'
import { reviseLink } from '../linking/revise-link'
import { editSource } from '../archive/edit-source'
import { addTag, listArchiveTags, listReportTags, removeTag } from '../notes/tags'
import { addComment, editComment, removeComment } from '../notes/comments'
import { getSubjectNotes } from '../notes/subject-notes'
import { listDisputes } from '../sync/review-heads'
import { listVerdictSignOffs, setSignOffRule, signOffReview } from '../sync/sign-off'

/** Handlers may be sync or async; the dispatcher awaits either. */
export type Handlers = { [K in OperationName]: (input: OpInput<K>) => OpOutput<K> | Promise<OpOutput<K>> }

export interface HandlerContext {
  db: ArchiveDb
  archivePath: string
  now?: () => Date
  /**
   * The browser web captures run in. The desktop app passes an off-screen
   * Electron window; without it (CLI, `attest serve`) an installed Chromium
   * is driven through playwright-core.
   */
  captureBrowser?: () => Promise<CaptureBrowser>
  /** Hears each change of a named import's progress (the core host forwards them as events). */
  onImportProgress?: (progress: ImportJobProgress) => void
}

async function launchInstalledChromium(): Promise<CaptureBrowser> {
  const executablePath = findCaptureBrowser()
  const { launchPlaywrightBrowser } = await import('../capture/playwright-browser')
  return launchPlaywrightBrowser({ executablePath })
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
    warnings: r.warnings,
    attachments: (r.attachments ?? []).map((a) => ({ snapshotId: a.id, fileName: a.fileName, mediaType: a.mediaType, sha256: a.sha256 }))
  }
}

// Where Chromium or Chrome usually lives, per platform. The desktop app does
// not ship a browser for capturing: it drives one the user already has.
function chromiumCandidates(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']
  }
  if (platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter((r): r is string => Boolean(r))
    return roots.flatMap((r) => [join(r, 'Chromium', 'Application', 'chrome.exe'), join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')])
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']
}

/** The browser to capture with, or an error that says what to install (nothing is captured without one). */
export function findCaptureBrowser(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string {
  const chosen = env.ATTEST_CHROMIUM
  if (chosen) {
    if (exists(chosen)) return chosen
    throw new AttestError('IO_ERROR', `Capturing web pages needs Chromium, but ATTEST_CHROMIUM points to ${chosen}, which does not exist. Correct ATTEST_CHROMIUM, or unset it to use an installed Chromium or Google Chrome.`)
  }
  const found = chromiumCandidates().find(exists)
  if (found) return found
  throw new AttestError(
    'IO_ERROR',
    'Capturing web pages needs Chromium or Google Chrome installed on this computer, and neither was found. Install one (on Debian or Ubuntu: sudo apt install chromium), or set ATTEST_CHROMIUM to its path, then capture again. Until then, save the page from your browser and use “Add snapshot…”.'
  )
}

/** An imported file's bytes: inline base64, or an upload streamed to disk beforehand (taken once). */
async function fileBytes(base64: string | undefined, uploadId: string | undefined): Promise<Buffer> {
  if (uploadId !== undefined) return takeUpload(uploadId)
  return Buffer.from(base64 ?? '', 'base64')
}

// Operations whose module brings a heavy package (jsdom, mammoth, parse5,
// playwright-core, citation-js, pg) load it when first called: reading an
// archive, as most `attest` processes do, then loads none of them (about a
// second of CPU per process before this, issue #15).
const importing = () => import('../import/import-file')
const hubSettings = () => import('../sync/hub-settings')

/**
 * The archive's operations for one open archive, shared by the desktop
 * (IPC), `attest serve` (HTTP) and tests. Inputs arrive validated by
 * `dispatch`; these functions only do the work.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { db } = ctx
  const stamp = () => stampFor(db, ctx.now?.() ?? new Date())
  const jobs = createImportJobs(ctx.onImportProgress)
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
    getCaptureView: async ({ snapshotId }) => (await import('../replay/capture-view')).getCaptureView(db, snapshotId),
    getSnapshotBytes: ({ snapshotId }) => {
      const s = getSnapshotMeta(db, snapshotId)
      if (!s) throw new AttestError('NOT_FOUND', `No snapshot ${snapshotId}.`)
      return { mediaType: s.mediaType, sha256: s.sha256, base64: getBlob(db, s.sha256)!.toString('base64') }
    },
    importFile: async ({ name, base64, uploadId, report, password, sourceId, jobId }) => {
      const job = jobs.begin(jobId)
      try {
        const { importBytes } = await importing()
        return toImportSummary(await importBytes(db, stamp(), await fileBytes(base64, uploadId), { fileName: basename(name), report, password, sourceId, ocr: job.ocr }))
      } finally {
        job.end()
      }
    },
    getImportProgress: ({ jobId }) => jobs.progress(jobId),
    cancelImport: ({ jobId }) => jobs.cancel(jobId),
    importPath: async ({ path, report, password, sourceId, jobId }) => {
      const job = jobs.begin(jobId)
      try {
        const { importFile } = await importing()
        return toImportSummary(await importFile(db, stamp(), resolve(path), { report, password, sourceId, ocr: job.ocr }))
      } finally {
        job.end()
      }
    },
    importCase: async ({ path }) => {
      const { importCase } = await import('../import/import-case')
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
    addSnapshot: async ({ sourceId, name, base64, uploadId, password }) =>
      toImportSummary(await (await importing()).importBytes(db, stamp(), await fileBytes(base64, uploadId), { fileName: basename(name), password, sourceId })),
    createLink: (input) => createLink(db, stamp(), input),
    removeLink: ({ linkId, why }) => {
      removeLink(db, stamp(), linkId, why)
      return { removed: true as const }
    },
    setStatus: ({ sentenceId, status, note }) => setReview(db, stamp(), sentenceId, status, note ?? null),
    checkReport: ({ reportId, range }) => {
      const report = getReport(db, reportId)
      if (!report) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
      return checkReport(db, report, { range })
    },
    suggest: ({ reportId, sentenceIndex, top }) => suggestForReport(db, reportId, { sentenceIndex, top }),
    rejectSuggestion: (input) => rejectSuggestion(db, stamp(), input),
    search: (input) => searchArchive(db, input.query, input),
    listEvents: ({ subject, limit }) => listEvents(db, { subject, last: limit }),
    setUserName: ({ name }) => {
      setSetting(db, 'user.name', name)
      return { userName: getUserName(db) }
    },
    exportBundle: async ({ reportId, path, format, claimReview, signKeyPem, jobId }) => {
      // Never resolved here: a relative path would land in this process's working folder (the server's), not where the caller meant.
      if (!isAbsolute(path)) throw new AttestError('INVALID_ARGUMENT', `The export path must be absolute on this computer, not "${path}"; nothing was exported.`)
      const job = jobs.begin(jobId)
      try {
        const { exportBundle } = await import('../bundle/export-bundle')
        return await exportBundle(db, reportId, path, { format: format ?? 'zip', claimReview: claimReview ?? false, signKeyPem, onProgress: job.onBytes })
      } finally {
        job.end()
      }
    },
    listTrustedKeys: () => listTrustedKeys(db),
    addTrustedKey: ({ fingerprint, name }) => addTrustedKey(db, stamp(), fingerprint, name),
    removeTrustedKey: ({ fingerprint }) => removeTrustedKey(db, stamp(), fingerprint),
    captureUrl: async ({ url, sourceId, timeoutSeconds }): Promise<CaptureSummary> => {
      // Refuse what cannot succeed before spending seconds starting a browser.
      if (sourceId !== undefined && !getSource(db, sourceId)) throw new AttestError('NOT_FOUND', `No source with id ${sourceId}.`)
      const { captureUrl } = await import('../capture/capture-url')
      const browser = ctx.captureBrowser ? await ctx.captureBrowser() : await launchInstalledChromium()
      try {
        const r = await captureUrl(db, stamp(), url, { sourceId, browser, limits: timeoutSeconds ? { timeoutMs: timeoutSeconds * 1000 } : {} })
        const relinked: Record<AnchorStatus, number> = { same: 0, moved: 0, changed: 0, missing: 0 }
        for (const a of r.anchors) relinked[a.status]++
        return {
          ...toImportSummary({ created: r.created, source: r.source, snapshot: r.snapshot, report: null, warnings: r.warnings }),
          reportId: r.reportId,
          requestedUrl: r.capture.requestedUrl,
          finalUrl: r.capture.finalUrl,
          capturedAt: r.capture.capturedAt,
          httpStatus: r.capture.status,
          browser: r.capture.browser,
          exchanges: r.capture.stats.exchanges,
          relinked
        }
      } finally {
        await browser.close()
      }
    },
    diffSnapshots: ({ a, b }) => {
      const sa = getSnapshot(db, a)
      const sb = getSnapshot(db, b)
      if (!sa || !sb) throw new AttestError('NOT_FOUND', `No snapshot ${!sa ? a : b}.`)
      // Read-only on purpose: unlike `attest diff`, looking at a comparison records nothing.
      return { a: sa, b: sb, changes: diffTexts(sa.text, sb.text) }
    },
    listChangedLinks: ({ reportId }) => {
      if (reportId !== undefined && !getReport(db, reportId)) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
      return listChangedLinks(db, reportId)
    },
    getSentenceHistory: ({ sentenceId }) => sentenceHistory(db, sentenceId),
    reviseLink: ({ linkId, relation, note }) => reviseLink(db, stamp(), linkId, { relation, note }),
    updateSource: ({ sourceId, ...edit }) => editSource(db, stamp(), sourceId, edit),
    citeReport: async ({ reportId, style, format }) => (await import('../cite/cite-report')).citeReport(db, reportId, { style, format }),
    importReferences: async ({ path }) => {
      const { importReferences, toReferenceSummary } = await import('../cite/import-references')
      return toReferenceSummary(await importReferences(db, stamp(), resolve(path)))
    },
    getHubState: async () => (await hubSettings()).getHubState(db),
    setHub: async ({ url }) => (await hubSettings()).setHub(db, url),
    syncNow: async () => (await hubSettings()).syncWithHub(db, undefined, { now: ctx.now }),
    listDisputes: ({ reportId }) => listDisputes(db, reportId),
    listSignOffs: ({ reportId }) => listVerdictSignOffs(db, reportId),
    signOff: ({ sentenceId }) => {
      signOffReview(db, stamp(), sentenceId)
      return listVerdictSignOffs(db).filter((v) => v.sentenceId === sentenceId)
    },
    setSignOffRule: async ({ required }) => {
      setSignOffRule(db, stamp(), required)
      return (await hubSettings()).getHubState(db)
    },
    getNotes: (subject) => getSubjectNotes(db, subject),
    addTag: (input) => addTag(db, stamp(), input),
    removeTag: (input) => removeTag(db, stamp(), input),
    listTags: () => listArchiveTags(db),
    listReportTags: ({ reportId }) => listReportTags(db, reportId),
    addComment: (input) => addComment(db, stamp(), input),
    editComment: ({ commentId, body }) => editComment(db, stamp(), commentId, body),
    removeComment: ({ commentId }) => removeComment(db, stamp(), commentId)
  }
  // SQLite's failures become the archive's (read-only, disk full, damaged), whichever door called.
  return withArchiveErrors(db, api)
}
