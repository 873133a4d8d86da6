// The capture operations through the one dispatcher every front door uses
// (validation → handler → Result), on real temp archives; captureUrl drives
// the real Chromium against a page served on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempArchive } from '../../../helpers/temp-archive'
import { html, refusedUrl, startLocalSite, type LocalSite } from '../../../helpers/local-site'
import { createHandlers, findCaptureBrowser } from '../../../../electron/core/api/handlers'
import { dispatch } from '../../../../electron/core/api/dispatch'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import type { CaptureSummary, ChangedLink, ImportSummary, ReportView, SnapshotDiff } from '../../../../shared/api/types'
import type { Link } from '../../../../shared/model'
import type { ErrorData } from '../../../../shared/errors'
import { codePointLength } from '../../../../shared/text/code-points'
import { nth } from '../../../helpers/nth'
import { firstItems } from '../../../helpers/first-items'

const BEFORE = 'The agency said 3,000 troops would be sent to the border.'
const AFTER = 'The agency said 4,500 troops would be sent to the border.'
const SOURCE_V1 = `Troops to the border\n\nThe order was signed on Monday evening at the White House.\n\n${BEFORE} Further deployments were possible.\n`
const SOURCE_V2 = SOURCE_V1.replace(BEFORE, AFTER)

function api(db: ArchiveDb, path: string) {
  const handlers = createHandlers({ db, archivePath: path, now: () => new Date('2026-02-01T10:00:00.000Z') })
  // As the loopback HTTP bridge calls it: no local paths. Capture must still work.
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const r = await dispatch(handlers, name, input, { allowLocalPaths: false })
    if (!r.ok) throw Object.assign(new Error(r.error.message), { data: r.error })
    return r.value as T
  }
  const fail = async (name: string, input: unknown): Promise<ErrorData> => {
    const r = await dispatch(handlers, name, input, { allowLocalPaths: false })
    if (r.ok) throw new Error(`${name} unexpectedly succeeded`)
    return r.error
  }
  return { call, fail }
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')

/** Offsets (code points) of `needle` in `text`. */
function span(text: string, needle: string) {
  const i = text.indexOf(needle)
  if (i < 0) throw new Error(`"${needle}" not in text`)
  const start = codePointLength(text.slice(0, i))
  return { start, end: start + codePointLength(needle) }
}

describe('diffSnapshots and listChangedLinks', () => {
  it('diffs two snapshots of one source and lists the link whose passage changed', async () => {
    const a = tempArchive()
    try {
      const { call, fail } = api(a.db, a.path)
      const v1 = await call<ImportSummary>('importFile', { name: 'article-v1.txt', base64: b64(SOURCE_V1) })
      const report = await call<ImportSummary>('importFile', {
        name: 'report.txt',
        base64: b64('The order was signed on Monday. Three thousand troops were sent south.'),
        report: true
      })
      const view = await call<ReportView>('getReportView', { reportId: report.reportId })
      const [s0, s1] = firstItems(view.sentences, 2)
      const same = await call<Link>('createLink', { sentenceId: s0.id, snapshotId: v1.snapshotId, ...span(SOURCE_V1, 'The order was signed on Monday evening'), relation: 'supports' })
      const edited = await call<Link>('createLink', { sentenceId: s1.id, snapshotId: v1.snapshotId, ...span(SOURCE_V1, BEFORE), relation: 'supports' })

      // Nothing changed yet: only one snapshot.
      expect(await call<ChangedLink[]>('listChangedLinks', { reportId: report.reportId })).toEqual([])

      // The edited article arrives as a second snapshot of the same source.
      const v2 = await call<ImportSummary>('addSnapshot', { sourceId: v1.sourceId, name: 'article-v2.txt', base64: b64(SOURCE_V2) })
      expect(v2.sourceId).toBe(v1.sourceId)
      expect(v2.snapshotId).not.toBe(v1.snapshotId)

      const diff = await call<SnapshotDiff>('diffSnapshots', { a: v1.snapshotId, b: v2.snapshotId })
      expect(diff.a.id).toBe(v1.snapshotId)
      expect(diff.b.id).toBe(v2.snapshotId)
      expect(diff.a.text).toBe(SOURCE_V1)
      expect(diff.changes).toEqual([{ before: '3,000', after: '4,500', ...(() => {
        const x = span(SOURCE_V1, '3,000')
        const y = span(SOURCE_V2, '4,500')
        return { startA: x.start, endA: x.end, startB: y.start, endB: y.end }
      })() }])
      // Looking at a comparison records nothing.
      const eventsBefore = (await call<unknown[]>('listEvents', {})).length
      await call('diffSnapshots', { a: v2.snapshotId, b: v1.snapshotId })
      expect((await call<unknown[]>('listEvents', {})).length).toBe(eventsBefore)

      const changed = await call<ChangedLink[]>('listChangedLinks', { reportId: report.reportId })
      expect(changed).toHaveLength(1)
      expect(changed[0]).toMatchObject({
        linkId: edited.id,
        reportId: report.reportId,
        sentenceId: s1.id,
        sentenceIndex: 1,
        sourceId: v1.sourceId,
        linkedSnapshotId: v1.snapshotId,
        latestSnapshotId: v2.snapshotId,
        status: 'changed',
        linkedText: BEFORE,
        currentText: AFTER
      })
      expect(nth(changed, 0).score).toBeGreaterThan(0.8)
      expect(nth(changed, 0).score).toBeLessThanOrEqual(1)
      expect(changed.some((c) => c.linkId === same.id)).toBe(false)
      // Without a report: every report's changed links.
      expect((await call<ChangedLink[]>('listChangedLinks', {})).map((c) => c.linkId)).toEqual([edited.id])

      expect((await fail('diffSnapshots', { a: v1.snapshotId, b: 999 })).code).toBe('NOT_FOUND')
      expect((await fail('diffSnapshots', { a: 'one', b: 2 })).code).toBe('INVALID_ARGUMENT')
      expect((await fail('listChangedLinks', { reportId: 999 })).code).toBe('NOT_FOUND')
    } finally {
      a.cleanup()
    }
  })
})

describe('captureUrl', () => {
  let site: LocalSite
  let base = ''
  let paragraph = BEFORE

  beforeAll(async () => {
    site = await startLocalSite({
      '/article': html(
        () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Troops to the border</title></head><body><article><h1>Troops to the border</h1>
<p>The order was signed on Monday evening at the White House, officials said, adding that it would be reviewed within ninety days.</p>
<p>${paragraph} Further deployments were possible, according to two officials who spoke on condition of anonymity.</p>
<p>Local authorities had not been consulted, the mayor said in a statement released on Tuesday morning.</p></article></body></html>`
      )
    })
    base = site.base
  })

  afterAll(() => site?.close())

  it('captures a page, re-captures the edited page as a new snapshot of the same source, and reports the changed link', async () => {
    const a = tempArchive()
    try {
      const { call } = api(a.db, a.path)
      paragraph = BEFORE
      const first = await call<CaptureSummary>('captureUrl', { url: `${base}/article`, timeoutSeconds: 20 })
      expect(first).toMatchObject({ created: true, reportId: null, requestedUrl: `${base}/article`, finalUrl: `${base}/article`, httpStatus: 200 })
      expect(first.sourceLabel).toBe('Troops to the border')
      expect(first.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(first.exchanges).toBeGreaterThanOrEqual(1)
      expect(first.browser).toMatch(/Chromium/)
      expect(first.relinked).toEqual({ same: 0, moved: 0, changed: 0, missing: 0 })

      const snap = await call<{ text: string; mediaType: string }>('getSnapshot', { snapshotId: first.snapshotId })
      expect(snap.mediaType).toBe('application/warc')
      const report = await call<ImportSummary>('importFile', { name: 'r.txt', base64: b64('About three thousand troops were sent.'), report: true })
      const view = await call<ReportView>('getReportView', { reportId: report.reportId })
      const link = await call<Link>('createLink', { sentenceId: nth(view.sentences, 0).id, snapshotId: first.snapshotId, ...span(snap.text, BEFORE), relation: 'supports' })

      paragraph = AFTER
      const second = await call<CaptureSummary>('captureUrl', { url: `${base}/article`, sourceId: first.sourceId })
      expect(second.sourceId).toBe(first.sourceId)
      expect(second.snapshotId).not.toBe(first.snapshotId)
      expect(second.relinked).toEqual({ same: 0, moved: 0, changed: 1, missing: 0 })

      const diff = await call<SnapshotDiff>('diffSnapshots', { a: first.snapshotId, b: second.snapshotId })
      expect(diff.changes.map((c) => [c.before, c.after])).toEqual([['3,000', '4,500']])
      const changed = await call<ChangedLink[]>('listChangedLinks', { reportId: report.reportId })
      expect(changed.map((c) => [c.linkId, c.status, c.currentText])).toEqual([[link.id, 'changed', AFTER]])
    } finally {
      a.cleanup()
    }
  })

  it('refuses addresses that are not http(s) before starting a browser, and unknown sources', async () => {
    const a = tempArchive()
    try {
      const { fail } = api(a.db, a.path)
      for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'example.org/page', 'data:text/html,<p>x</p>', '']) {
        const e = await fail('captureUrl', { url })
        expect(e.code, url).toBe('INVALID_ARGUMENT')
      }
      expect((await fail('captureUrl', { url: `${base}/article`, sourceId: 42 })).code).toBe('NOT_FOUND')
      expect((await fail('captureUrl', { url: `${base}/article`, timeoutSeconds: 1 })).code).toBe('INVALID_ARGUMENT')
    } finally {
      a.cleanup()
    }
  })

  it('says in words when the site cannot be reached, and files nothing', async () => {
    const a = tempArchive()
    try {
      const { call, fail } = api(a.db, a.path)
      // A port nothing listens on: connection refused, as when offline.
      const e = await fail('captureUrl', { url: await refusedUrl('/gone'), timeoutSeconds: 10 })
      expect(e.code).toBe('IO_ERROR')
      expect(e.message).toMatch(/Nothing was captured/)
      expect((await call<{ counts: { snapshots: number } }>('getArchiveInfo', {})).counts.snapshots).toBe(0)
    } finally {
      a.cleanup()
    }
  })

  it('without a Chromium it says what to install (and how to point Attest at one)', () => {
    expect(() => findCaptureBrowser({}, () => false)).toThrow(/needs Chromium or Google Chrome installed.*apt install chromium.*ATTEST_CHROMIUM.*Add snapshot/s)
    expect(() => findCaptureBrowser({ ATTEST_CHROMIUM: '/nowhere/chrome' }, () => false)).toThrow(/ATTEST_CHROMIUM points to \/nowhere\/chrome/)
    expect(findCaptureBrowser({ ATTEST_CHROMIUM: '/opt/chrome' }, (p) => p === '/opt/chrome')).toBe('/opt/chrome')
    let code = ''
    try {
      findCaptureBrowser({}, () => false)
    } catch (err) {
      code = (err as { code: string }).code
    }
    expect(code).toBe('IO_ERROR')
  })
})
