// A source's details changed from the workbench: only the fields given
// change, the change is logged with before and after, and a change that
// changes nothing is refused.
import { afterEach, describe, expect, it } from 'vitest'
import { editSource } from '../../../../electron/core/archive/edit-source'
import { getSource, resolveSource } from '../../../../electron/core/archive/sources'
import { listEvents } from '../../../../electron/core/archive/events'
import { importCase } from '../../../../electron/core/import/import-case'
import { CASE_DIR, tempArchive, testStamp } from '../../../helpers/temp-archive'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe('editSource', () => {
  it('changes only the fields given and logs before and after', async () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    await importCase(a.db, testStamp(), CASE_DIR)
    const before = resolveSource(a.db, 'proclamation-10886')
    const after = editSource(a.db, testStamp('ana'), before.id, { published: '2025-01-20', authors: [' Office of the Press Secretary ', ''], notes: 'signed copy' })
    expect(after).toMatchObject({ published: '2025-01-20', authors: ['Office of the Press Secretary'], notes: 'signed copy', title: before.title, publisher: before.publisher, kind: before.kind, url: before.url, externalId: before.externalId })
    const ev = listEvents(a.db, { subject: `source:${before.uid}` }).at(-1)!
    expect(ev).toMatchObject({ action: 'source.updated', actor: 'ana' })
    expect(Object.keys((ev.data as { after: object }).after).sort()).toEqual(['authors', 'notes', 'published'])
    expect(editSource(a.db, testStamp(), before.id, { publisher: '  ' }).publisher).toBeNull()
  })

  it('refuses an edit that changes nothing, and a source that is not there', async () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    await importCase(a.db, testStamp(), CASE_DIR)
    const s = resolveSource(a.db, 'proclamation-10886')
    expect(() => editSource(a.db, testStamp(), s.id, { title: s.title })).toThrow(/Nothing to change/)
    expect(getSource(a.db, s.id)).toEqual(s)
    expect(() => editSource(a.db, testStamp(), 99_999, { title: 'x' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})
