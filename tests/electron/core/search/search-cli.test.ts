import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempArchive, testStamp } from '../../../helpers/temp-archive'
import { importCase } from '../../../../electron/core/import/import-case'
import { runCliInProcess } from '../../../helpers/cli'

// `attest search` and `attest suggest` in-process, as scripts see them: exit code and JSON.
const a = tempArchive()
beforeAll(async () => {
  await importCase(a.db, testStamp(), CASE_DIR)
  a.db.close()
})
afterAll(() => a.cleanup())

const attest = (args: string[]) => runCliInProcess(args)


describe('attest search', () => {
  it('prints hits as JSON with the filters applied', async () => {
    const r = await attest(['search', 'national emergency', '--archive', a.path, '--kind', 'primary', '--limit', '2', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.hits.length).toBe(2)
    expect(json.hits.every((h: { kind: string }) => h.kind === 'primary')).toBe(true)
    expect(json).toHaveProperty('truncated', false)
  })

  it('accepts FTS syntax in the query as plain text', async () => {
    const r = await attest(['search', 'NEAR("border" *', '--archive', a.path, '--json'])
    expect(r.code).toBe(0)
  })

  it('rejects a bad --limit with a usage error', async () => {
    const r = await attest(['search', 'border', '--archive', a.path, '--limit', 'many'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--limit/)
  })
})

describe('attest suggest', () => {
  it('prints, per sentence, candidates with source, snapshot, offsets, exact text, score and reasons', async () => {
    const r = await attest(['suggest', 'independent-troops-border', '--archive', a.path, '--top', '3', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.report).toBe('independent-troops-border')
    const s12 = json.sentences.find((s: { index: number }) => s.index === 12)
    expect(s12.candidates.length).toBeLessThanOrEqual(3)
    expect(Object.keys(s12.candidates[0])).toEqual(expect.arrayContaining(['source', 'snapshot', 'start', 'end', 'exact', 'score', 'reasons']))
    expect(s12.candidates[0].source).toBe('proclamation-10886')
    expect(s12.candidates[0].reasons).toContain('quote found verbatim')
  })
})
