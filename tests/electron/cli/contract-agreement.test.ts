// The CLI is one more client of the contract: for the same input it answers
// what the dispatch (IPC) and the HTTP bridge answer — the same JSON when the
// input is good, the same error code and message when it is not.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OperationName } from '../../../shared/api/operation-names'
import { createHandlers, type Handlers } from '../../../electron/core/api/handlers'
import { dispatch } from '../../../electron/core/api/dispatch'
import { openArchive, type ArchiveDb } from '../../../electron/core/archive/open-archive'
import { listSentences, resolveReport } from '../../../electron/core/archive/reports'
import { resolveSource } from '../../../electron/core/archive/sources'
import { findPassage } from '../../../electron/core/linking/find-passage'
import { startHttpBridge, type HttpBridge } from '../../../electron/server/http-bridge'
import { importCaseWithGoldLinks } from '../../helpers/troops-case'
import { tempArchive } from '../../helpers/temp-archive'
import { runCliInProcess } from '../../helpers/cli'
import { rawRequest } from '../server/http-request'

const REPORT = 'independent-troops-border'
const FINGERPRINT = 'ab'.repeat(32)

let a: ReturnType<typeof tempArchive>
let db: ArchiveDb
let handlers: Handlers
let bridge: HttpBridge
let reportId: number

beforeAll(async () => {
  a = tempArchive()
  await importCaseWithGoldLinks(a.db)
  a.db.close()
  db = openArchive(a.path)
  handlers = createHandlers({ db, archivePath: a.path })
  bridge = await startHttpBridge({ backend: { handlers, readSnapshotBlob: () => null }, rendererDir: null, port: 0 })
  reportId = resolveReport(db, REPORT).id
})

afterAll(async () => {
  await bridge?.close()
  db?.close()
  a?.cleanup()
})

const cli = (...args: string[]) => runCliInProcess([...args, '--archive', a.path, '--json'])

async function viaDispatch(name: OperationName, input: unknown) {
  return dispatch(handlers, name, input, { allowLocalPaths: true })
}

async function viaHttp(name: OperationName, input: unknown) {
  const r = await rawRequest(bridge.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input)
  })
  return r.json()
}

/** The CLI's --json output for good input equals the contract's output from dispatch and from HTTP. */
async function expectSameValue(args: string[], name: OperationName, input: unknown, pick: (cliJson: any) => unknown = (j) => j) {
  const fromCli = await cli(...args)
  expect(fromCli.stderr).not.toMatch(/\[[A-Z_]+\]/)
  const value = pick(fromCli.json())
  expect(await viaDispatch(name, input)).toEqual({ ok: true, value })
  expect(await viaHttp(name, input)).toEqual({ ok: true, value })
  return value
}

/** Bad input: the CLI exits 2 with the error the contract gives dispatch and HTTP, word for word. */
async function expectSameError(args: string[], name: OperationName, input: unknown, code = 'INVALID_ARGUMENT') {
  const fromCli = await cli(...args)
  expect(fromCli.code).toBe(2)
  const { error } = fromCli.json()
  expect(error.code).toBe(code)
  expect(fromCli.stderr).toContain(error.message)
  expect(await viaDispatch(name, input)).toEqual({ ok: false, error })
  expect(await viaHttp(name, input)).toMatchObject({ ok: false, error })
  return error
}

describe('linking commands (link, status, unlink, check)', () => {
  it('refuses an unknown relation as the contract does', async () => {
    const sentence = listSentences(db, reportId)[3]!
    const source = resolveSource(db, 'proclamation-10886')
    const passage = findPassage(db, source.id, 'national emergency')
    const error = await expectSameError(
      ['link', REPORT, '3', '--source', 'proclamation-10886', '--quote', 'national emergency', '--relation', 'endorses'],
      'createLink',
      { sentenceId: sentence.id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, relation: 'endorses' }
    )
    expect(error.message).toMatch(/^Invalid arguments for createLink: relation/)
  })

  it('refuses an unknown review status as the contract does', async () => {
    const sentence = listSentences(db, reportId)[2]!
    await expectSameError(['status', REPORT, '2', 'true'], 'setStatus', { sentenceId: sentence.id, status: 'true' })
  })

  it('prints the contract\'s Review for a status (setting it again changes nothing, so every door sees the same record)', async () => {
    const sentence = listSentences(db, reportId)[2]!
    const review = await expectSameValue(['status', REPORT, '2', 'supported', '--note', 'the order is public'], 'setStatus', {
      sentenceId: sentence.id,
      status: 'supported',
      note: 'the order is public'
    })
    expect(review).toMatchObject({ sentenceId: sentence.id, status: 'supported', note: 'the order is public' })
  })

  it('prints the contract\'s Link, and { removed: true } for unlink', async () => {
    const link = (await cli('link', REPORT, '4', '--source', 'proclamation-10886', '--quote', 'national emergency', '--relation', 'context')).json()
    // The Link the CLI printed is the record the desktop's report view shows for that sentence.
    const view = await viaDispatch('getReportView', { reportId })
    expect(view.ok && (view.value as { sentences: Array<{ index: number; links: unknown[] }> }).sentences[4]!.links).toContainEqual(link)
    const removed = await cli('unlink', link.id, '--why', 'wrong sentence')
    expect(removed.json()).toEqual({ removed: true })
    // Removing it again is refused alike everywhere.
    await expectSameError(['unlink', link.id, '--why', 'again'], 'removeLink', { linkId: link.id, why: 'again' }, 'INVALID_ARGUMENT')
  })

  it('prints the contract\'s CheckReport for check', async () => {
    const report = await expectSameValue(['check', REPORT], 'checkReport', { reportId })
    expect(report).toMatchObject({ report: REPORT, sentences: expect.any(Array) })
  })
})

describe('search commands (search, suggest)', () => {
  it('prints the contract\'s SearchResults', async () => {
    const results = await expectSameValue(['search', 'national emergency', '--kind', 'primary', '--limit', '2'], 'search', { query: 'national emergency', kind: 'primary', limit: 2 })
    expect(results).toMatchObject({ hits: expect.any(Array) })
  })

  it('refuses an out-of-range limit and an unknown kind as the contract does', async () => {
    await expectSameError(['search', 'border', '--limit', '500'], 'search', { query: 'border', limit: 500 })
    await expectSameError(['search', 'border', '--kind', 'tertiary'], 'search', { query: 'border', kind: 'tertiary' })
  })

  it('refuses a limit that is not a number with the contract\'s code', async () => {
    const r = await cli('search', 'border', '--limit', 'many')
    expect(r.json().error.code).toBe('INVALID_ARGUMENT')
    expect((await viaHttp('search', { query: 'border', limit: 'many' })).error.code).toBe('INVALID_ARGUMENT')
  })

  it('prints the contract\'s SentenceSuggestions[] inside the report it was asked for', async () => {
    await expectSameValue(['suggest', REPORT, '--top', '2', '--sentence', '12'], 'suggest', { reportId, top: 2, sentenceIndex: 12 }, (j) => {
      expect(j.report).toBe(REPORT)
      return j.sentences
    })
    await expectSameError(['suggest', REPORT, '--top', '0'], 'suggest', { reportId, top: 0 })
  })
})

describe('bundle commands (export)', () => {
  it('refuses an unknown format alike, and prints the contract\'s ExportSummary', async () => {
    const out = join(a.dir, 'agreement.zip')
    await expectSameError(['export', REPORT, '--out', out, '--format', 'tar'], 'exportBundle', { reportId, path: out, format: 'tar', claimReview: true })
    const r = await cli('export', REPORT, '--out', out)
    expect(r.code).toBe(0)
    const fromHttp = await viaHttp('exportBundle', { reportId, path: join(a.dir, 'agreement-http.zip'), claimReview: true })
    expect(Object.keys(r.json()).sort()).toEqual(Object.keys(fromHttp.value).sort())
    expect(r.json()).toMatchObject({ path: out, format: 'zip', signed: false })
  })
})

describe('settings, trust and citations', () => {
  it('whoami --set gives the contract\'s userName; a blank name is refused alike', async () => {
    await expectSameValue(['whoami', '--set', 'Ana Ruiz'], 'setUserName', { name: 'Ana Ruiz' }, (j) => ({ userName: j.userName }))
    await expectSameError(['whoami', '--set', '   '], 'setUserName', { name: '   ' })
  })

  it('trust add refuses what is not a fingerprint alike; trust list prints the contract\'s TrustedKey[]', async () => {
    await expectSameError(['trust', 'add', 'abc123', '--name', 'X'], 'addTrustedKey', { fingerprint: 'abc123', name: 'X' })
    expect((await cli('trust', 'add', FINGERPRINT, '--name', 'Example Desk')).code).toBe(0)
    const keys = await expectSameValue(['trust', 'list'], 'listTrustedKeys', {})
    expect(keys).toEqual([expect.objectContaining({ fingerprint: FINGERPRINT, name: 'Example Desk' })])
  })

  it('cite prints the contract\'s ReportCitations and refuses an unknown style alike', async () => {
    await expectSameValue(['cite', REPORT, '--style', 'chicago-author-date'], 'citeReport', { reportId, style: 'chicago-author-date' })
    await expectSameError(['cite', REPORT, '--style', 'mla'], 'citeReport', { reportId, style: 'mla' })
  })
})
