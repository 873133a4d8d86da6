// The one API contract. Every front door — Electron IPC, the `attest serve`
// HTTP bridge, the renderer's client — is generated from this object: the
// zod schema validates arguments where they arrive (main / server), and the
// phantom `output` type types the client. Add an operation here and in
// operation-names.ts, then implement it in electron/core/api/handlers.ts.
import { z } from 'zod'
import { RELATIONS, SOURCE_KINDS, STATUSES, type Link, type Review, type Snapshot, type Source, type SourceWithSnapshots, type Report } from '../model'
import type {
  ArchiveEventData,
  ArchiveInfo,
  ArchiveTag,
  CaptureSummary,
  CaseImportSummary,
  CaptureView,
  ChangedLink,
  CheckReport,
  ExportSummary,
  ImportJobProgress,
  ImportSummary,
  HubState,
  HubSyncSummary,
  ReportCitations,
  ReviewDispute,
  VerdictSignOff,
  ReferenceImportSummary,
  ReportTag,
  ReportView,
  SearchResults,
  SentenceHistoryEntry,
  SentenceSuggestions,
  SnapshotDiff,
  SubjectComment,
  SubjectNotes,
  SubjectTag,
  TrustedKey
} from './types'
import type { OperationName } from './operation-names'
import { CITATION_FORMATS, CITATION_STYLES } from '../citations'

interface Operation<I extends z.ZodType, O> {
  input: I
  output: O
  /** Operations that touch the local file system by path: allowed on the desktop and on a loopback server only. */
  localPaths?: boolean
}

/** `op<Output>()(inputSchema)`: the output type is declared, the input type inferred from the schema. */
function op<O>() {
  return <I extends z.ZodType>(input: I, extra: { localPaths?: boolean } = {}): Operation<I, O> => ({
    input,
    output: undefined as unknown as O,
    ...extra
  })
}

const id = z.number().int().positive()
const offset = z.number().int().nonnegative()
const MAX_UPLOAD_BASE64 = Math.ceil((512 * 1024 * 1024 * 4) / 3)

// Only web addresses a browser should fetch: file:, data:, javascript: and
// the like would read the user's own machine or run code, not capture a page.
const webUrl = z
  .string()
  .trim()
  .min(1)
  .max(8192)
  .refine(
    (v) => {
      try {
        const u = new URL(v)
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
      } catch {
        return false
      }
    },
    { message: 'must be a full http:// or https:// address' }
  )

// A file's bytes come either inline (base64, fine for IPC and small files)
// or, over HTTP, as an upload made first with PUT /api/upload, named by id.
const jobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'must be 8–64 letters, digits, - or _' })
const uploadId = z.string().regex(/^[0-9a-f]{32}$/, { message: 'must be the id PUT /api/upload returned' })
const oneSource = (v: { base64?: string; uploadId?: string }): boolean => (v.base64 === undefined) !== (v.uploadId === undefined)
const oneSourceMessage = { message: 'give the file as base64 or as an uploadId (exactly one)' }

// A path a server or the desktop resolves by itself would land wherever its
// working folder happens to be; only the caller knows what it meant.
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((v) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(v), { message: 'must be an absolute path (a relative one would be resolved against the server\'s working folder, not yours)' })

// Tags and comments are about one sentence or one source, never both.
const notesSubject = z.object({ sentenceId: z.string().min(1).max(64).optional(), sourceId: id.optional() })
const oneSubject = (v: { sentenceId?: string; sourceId?: number }): boolean => (v.sentenceId === undefined) !== (v.sourceId === undefined)
const oneSubjectMessage = { message: 'name exactly one subject: sentenceId or sourceId' }
const MAX_COMMENT_CHARS = 20_000

/** An Ed25519 key fingerprint as `attest keygen` prints it. */
const keyFingerprint = z.string().trim().regex(/^[0-9a-fA-F]{64}$/, { message: 'must be a key fingerprint: 64 hex digits' })

export const contract = {
  getArchiveInfo: op<ArchiveInfo>()(z.object({}).strict()),
  listSources: op<SourceWithSnapshots[]>()(z.object({}).strict()),
  listReports: op<Report[]>()(z.object({}).strict()),
  getReportView: op<ReportView>()(z.object({ reportId: id }).strict()),
  getSnapshot: op<Snapshot>()(z.object({ snapshotId: id }).strict()),
  getCaptureView: op<CaptureView>()(z.object({ snapshotId: id }).strict()),
  getSnapshotBytes: op<{ mediaType: string; base64: string; sha256: string }>()(
    z.object({ snapshotId: id }).strict()
  ),
  importFile: op<ImportSummary>()(
    z
      .object({
        name: z.string().min(1).max(1024),
        base64: z.string().max(MAX_UPLOAD_BASE64).optional(),
        uploadId: uploadId.optional(),
        report: z.boolean().optional(),
        password: z.string().max(1024).optional(),
        sourceId: id.optional(),
        // names the import so getImportProgress and cancelImport can find it
        jobId: jobId.optional()
      })
      .strict()
      .refine(oneSource, oneSourceMessage)
  ),
  getImportProgress: op<ImportJobProgress>()(z.object({ jobId }).strict()),
  cancelImport: op<ImportJobProgress>()(z.object({ jobId }).strict()),
  importPath: op<ImportSummary>()(
    z.object({ path: absolutePath, report: z.boolean().optional(), password: z.string().max(1024).optional(), sourceId: id.optional(), jobId: jobId.optional() }).strict(),
    { localPaths: true }
  ),
  importCase: op<CaseImportSummary>()(z.object({ path: absolutePath }).strict(), { localPaths: true }),
  addSnapshot: op<ImportSummary>()(
    z
      .object({ sourceId: id, name: z.string().min(1).max(1024), base64: z.string().max(MAX_UPLOAD_BASE64).optional(), uploadId: uploadId.optional(), password: z.string().max(1024).optional() })
      .strict()
      .refine(oneSource, oneSourceMessage)
  ),
  createLink: op<Link>()(
    z
      .object({
        sentenceId: z.string().min(1).max(64),
        snapshotId: id,
        start: offset,
        end: offset,
        relation: z.enum(RELATIONS),
        note: z.string().max(10_000).optional()
      })
      .strict()
      .refine((v) => v.end > v.start, { message: 'end must be after start' })
  ),
  removeLink: op<{ removed: true }>()(
    z.object({ linkId: z.string().min(1).max(64), why: z.string().min(1).max(10_000) }).strict()
  ),
  setStatus: op<Review>()(
    z.object({ sentenceId: z.string().min(1).max(64), status: z.enum(STATUSES), note: z.string().max(10_000).nullable().optional() }).strict()
  ),
  /** With a range, only sentences from..to-1 (to is cut to the report's end): the review checks what is in view first. */
  checkReport: op<CheckReport>()(
    z
      .object({
        reportId: id,
        range: z
          .object({ from: offset, to: offset })
          .strict()
          .refine((r) => r.to > r.from, { message: 'to must be after from' })
          .optional()
      })
      .strict()
  ),
  suggest: op<SentenceSuggestions[]>()(
    z.object({ reportId: id, sentenceIndex: offset.optional(), top: z.number().int().min(1).max(50).optional() }).strict()
  ),
  /** A suggested passage is not evidence for the sentence: never offered for it again (kept in the log). */
  rejectSuggestion: op<{ rejected: true }>()(
    z
      .object({ sentenceId: z.string().min(1).max(64), snapshotId: id, start: offset, end: offset, why: z.string().max(10_000).optional() })
      .strict()
      .refine((v) => v.end > v.start, { message: 'end must be after start' })
  ),
  search: op<SearchResults>()(
    z
      .object({
        query: z.string().max(1000),
        limit: z.number().int().min(1).max(200).optional(),
        offset: offset.max(10_000).optional(),
        kind: z.enum(SOURCE_KINDS).optional(),
        publisher: z.string().max(200).optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional()
      })
      .strict()
  ),
  listEvents: op<ArchiveEventData[]>()(
    z.object({ subject: z.string().max(200).optional(), limit: z.number().int().min(1).max(10_000).optional() }).strict()
  ),
  setUserName: op<{ userName: string }>()(z.object({ name: z.string().trim().min(1).max(200) }).strict()),
  exportBundle: op<ExportSummary>()(
    z
      .object({
        reportId: id,
        path: absolutePath,
        format: z.enum(['zip', 'dir']).optional(),
        claimReview: z.boolean().optional(),
        // an Ed25519 private key as `attest keygen` writes it (PKCS#8 PEM), to sign the bundle
        signKeyPem: z.string().min(1).max(16_384).optional(),
        // names the export so getImportProgress (bytes written) and cancelImport can find it
        jobId: jobId.optional()
      })
      .strict(),
    { localPaths: true }
  ),
  listTrustedKeys: op<TrustedKey[]>()(z.object({}).strict()),
  addTrustedKey: op<TrustedKey>()(z.object({ fingerprint: keyFingerprint, name: z.string().trim().min(1).max(200) }).strict()),
  removeTrustedKey: op<TrustedKey>()(z.object({ fingerprint: keyFingerprint }).strict()),
  // A network action, not a local path one: allowed from IPC and the loopback bridge alike.
  captureUrl: op<CaptureSummary>()(
    z.object({ url: webUrl, sourceId: id.optional(), timeoutSeconds: z.number().int().min(2).max(600).optional() }).strict()
  ),
  diffSnapshots: op<SnapshotDiff>()(z.object({ a: id, b: id }).strict()),
  listChangedLinks: op<ChangedLink[]>()(z.object({ reportId: id.optional() }).strict()),
  getSentenceHistory: op<SentenceHistoryEntry[]>()(z.object({ sentenceId: z.string().min(1).max(64) }).strict()),
  // a new version of the link (same passage) that supersedes the old one, which is removed saying so
  reviseLink: op<Link>()(
    z
      .object({ linkId: z.string().min(1).max(64), relation: z.enum(RELATIONS).optional(), note: z.string().max(10_000).nullable().optional() })
      .strict()
      .refine((v) => v.relation !== undefined || v.note !== undefined, { message: 'give a relation or a note to change' })
  ),
  // a source's details as a person corrects them; only the fields given change (logged with before/after)
  updateSource: op<Source>()(
    z
      .object({
        sourceId: id,
        title: z.string().max(1000).nullable().optional(),
        publisher: z.string().max(500).nullable().optional(),
        authors: z.array(z.string().max(300)).max(200).optional(),
        url: z.string().max(8192).nullable().optional(),
        published: z.string().max(40).nullable().optional(),
        kind: z.enum(SOURCE_KINDS).optional(),
        notes: z.string().max(100_000).nullable().optional()
      })
      .strict()
      .refine((v) => Object.keys(v).length > 1, { message: 'give at least one detail to change' })
  ),
  // the sources a report's live links cite, as a formatted list (bundled CSL styles) or CSL-JSON / BibTeX / RIS
  citeReport: op<ReportCitations>()(
    z.object({ reportId: id, style: z.enum(CITATION_STYLES).optional(), format: z.enum(CITATION_FORMATS).optional() }).strict()
  ),
  // a CSL-JSON, BibTeX, RIS or Zotero RDF file (its attachments read from beside it): each item a source
  importReferences: op<ReferenceImportSummary>()(z.object({ path: z.string().min(1).max(4096) }).strict(), { localPaths: true }),
  // tags and comments on a sentence or a source (a source's comments are its notes); every change is an event
  getNotes: op<SubjectNotes>()(notesSubject.strict().refine(oneSubject, oneSubjectMessage)),
  addTag: op<SubjectTag[]>()(notesSubject.extend({ label: z.string().max(1000) }).strict().refine(oneSubject, oneSubjectMessage)),
  removeTag: op<SubjectTag[]>()(notesSubject.extend({ label: z.string().max(1000) }).strict().refine(oneSubject, oneSubjectMessage)),
  listTags: op<ArchiveTag[]>()(z.object({}).strict()),
  // The team hub (PostgreSQL). The URL is kept without a password: that stays
  // in PGPASSWORD or ~/.pgpass, never in the archive or a bundle.
  getHubState: op<HubState>()(z.object({}).strict()),
  setHub: op<HubState>()(z.object({ url: z.string().trim().max(2048).regex(/^postgres(ql)?:\/\//, 'a hub URL starts with postgres://').nullable() }).strict()),
  syncNow: op<HubSyncSummary>()(z.object({}).strict()),
  listDisputes: op<ReviewDispute[]>()(z.object({ reportId: id.optional() }).strict()),
  listSignOffs: op<VerdictSignOff[]>()(z.object({ reportId: id.optional() }).strict()),
  signOff: op<VerdictSignOff[]>()(z.object({ sentenceId: z.string().min(1).max(200) }).strict()),
  setSignOffRule: op<HubState>()(z.object({ required: z.boolean() }).strict()),
  listReportTags: op<ReportTag[]>()(z.object({ reportId: id }).strict()),
  addComment: op<SubjectComment>()(notesSubject.extend({ body: z.string().max(MAX_COMMENT_CHARS) }).strict().refine(oneSubject, oneSubjectMessage)),
  // a new version that supersedes the comment (the old one is removed, saying so)
  editComment: op<SubjectComment>()(z.object({ commentId: z.string().min(1).max(64), body: z.string().max(MAX_COMMENT_CHARS) }).strict()),
  removeComment: op<{ removed: true }>()(z.object({ commentId: z.string().min(1).max(64) }).strict())
} satisfies Record<OperationName, Operation<z.ZodType, unknown>>

export type Contract = typeof contract
export type OpInput<K extends OperationName> = z.input<Contract[K]['input']>
export type OpOutput<K extends OperationName> = Contract[K]['output']

/** The client every front end uses: one async function per operation. */
export type AttestApi = { [K in OperationName]: (input: OpInput<K>) => Promise<OpOutput<K>> }

export type { Review, Link }
