// citeReport and importReferences through the one dispatcher every front door uses.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { dispatch } from '../../../../electron/core/api/dispatch'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { tempArchive, tempDir } from '../../../helpers/temp-archive'

describe('the citation operations', () => {
  let a: ReturnType<typeof tempArchive>
  let d: ReturnType<typeof tempDir>
  let reportId: number
  const call = (name: string, input: unknown, allowLocalPaths = true) => dispatch(createHandlers({ db: a.db, archivePath: a.path }), name, input, { allowLocalPaths })
  beforeAll(async () => {
    a = tempArchive()
    d = tempDir()
    reportId = (await importCaseWithGoldLinks(a.db)).report.id
  })
  afterAll(() => {
    a.cleanup()
    d.cleanup()
  })

  it('citeReport returns the formatted list, and names a bad style as a validation error', async () => {
    const r = await call('citeReport', { reportId, style: 'chicago-author-date' })
    expect(r).toMatchObject({ ok: true, value: { reportId, style: 'chicago-author-date', format: 'text', count: 4 } })
    expect(await call('citeReport', { reportId, style: 'mla' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('importReferences works on local paths only, and reports each source it made', async () => {
    const path = join(d.path, 'one.ris')
    writeFileSync(path, 'TY  - RPRT\nID  - cbp-ofo\nTI  - Southwest Land Border Encounters\nPB  - U.S. Customs and Border Protection\nPY  - 2024\nER  - \n')
    expect(await call('importReferences', { path }, false)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const r = await call('importReferences', { path })
    expect(r).toMatchObject({ ok: true, value: { file: 'one.ris', format: 'ris', sources: [{ title: 'Southwest Land Border Encounters', outcome: 'created', snapshotIds: [] }], warnings: [] } })
  })
})
