// Word documents: the text a fact-checker links to (headings, paragraphs,
// lists, tables), an honest account of tracked changes and comments, and a
// clear refusal of zips that are not Word files or would inflate without end.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importBytes } from '../../../../electron/core/import/import-file'
import { extractDocument } from '../../../../electron/core/import/extract'
import { readDocxZip } from '../../../../electron/core/import/docx-zip'
import { getSnapshot, listSnapshots } from '../../../../electron/core/archive/snapshots'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { sha256Hex } from '../../../../electron/core/hash'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { buildDocx, commented, deleted, docxParts, inserted, listItem, para, run, table, zipParts } from './build-docx'
import { nth } from '../../../helpers/nth'

const MEMO = {
  title: 'Deployment memo',
  body:
    para(run('Border deployment'), 'Heading1') +
    para(run('The task force sent ') + inserted(1, 'Ana Ruiz', '2,200 ') + deleted(2, 'Ben Ode', '1,500 ') + run('troops to the border.')) +
    para(run('Units'), 'Heading2') +
    listItem('Engineers') +
    listItem('Military police') +
    table([
      ['Unit', 'Troops'],
      ['Engineers', '1,200']
    ]) +
    para(run('The order ') + commented(3, 'took effect on 20 January') + run('.')),
  comments: [{ id: 3, author: 'Ana Ruiz', text: 'Check the date against the proclamation.' }]
}

const MEMO_TEXT = [
  'Border deployment',
  'The task force sent 2,200 troops to the border.',
  'Units',
  'Engineers',
  'Military police',
  'Unit\tTroops',
  'Engineers\t1,200',
  'The order took effect on 20 January.'
].join('\n')

let a: ReturnType<typeof tempArchive>
beforeEach(() => {
  a = tempArchive()
})
afterEach(() => {
  expect(checkIntegrity(a.db).problems).toEqual([])
  a.cleanup()
})

describe('a Word document', () => {
  it('is archived byte for byte, its text keeping headings, paragraphs, list items and table rows', async () => {
    const bytes = await buildDocx(MEMO)
    const r = await importBytes(a.db, testStamp(), bytes, { fileName: 'memo.docx' })
    const snap = getSnapshot(a.db, r.snapshot.id)!
    expect(snap.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(snap.sha256).toBe(sha256Hex(bytes))
    expect(snap.text).toBe(MEMO_TEXT)
    expect(snap.textStatus).toBe('ok')
    expect(r.source.title).toBe('Deployment memo')
    const blocks = snap.metadata.blocks as Array<{ kind: string; level?: number }>
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'list-item', 'list-item', 'table-row', 'table-row', 'paragraph'])
    expect(nth(blocks, 0).level).toBe(1)
    expect(nth(blocks, 2).level).toBe(2)
  })

  it('reads tracked changes as accepted, and says so: each change and comment is counted and quoted, none merged silently', async () => {
    const r = await importBytes(a.db, testStamp(), await buildDocx(MEMO), { fileName: 'memo.docx' })
    const snap = getSnapshot(a.db, r.snapshot.id)!
    // The inserted number is in the text, the deleted one is not, and the comment is not text.
    expect(snap.text).toContain('sent 2,200 troops')
    expect(snap.text).not.toContain('1,500')
    expect(snap.text).not.toContain('Check the date')
    const [changes, comments] = snap.warnings
    expect(changes).toMatch(/unaccepted tracked changes \(1 insertion, 1 deletion\)/)
    expect(changes).toContain('inserted by Ana Ruiz: "2,200"')
    expect(changes).toContain('deleted by Ben Ode: "1,500"')
    expect(comments).toMatch(/1 comment, not part of the text/)
    expect(comments).toContain('Ana Ruiz on "took effect on 20 January": "Check the date against the proclamation."')
    expect(snap.metadata.docx).toMatchObject({
      creator: 'Ana Ruiz',
      trackedChanges: [
        { kind: 'insertion', author: 'Ana Ruiz', date: '2026-02-01T10:00:00Z', text: '2,200 ' },
        { kind: 'deletion', author: 'Ben Ode', date: '2026-02-01T10:05:00Z', text: '1,500 ' }
      ],
      comments: [{ author: 'Ana Ruiz', text: 'Check the date against the proclamation.', on: 'took effect on 20 January' }]
    })
    expect(r.warnings).toEqual(snap.warnings)
  })

  it('has no review warnings when it has no tracked changes or comments', async () => {
    const ex = await extractDocument(await buildDocx({ body: para(run('Plain text only.')) }), { fileName: 'plain.docx' })
    expect(ex.text).toBe('Plain text only.')
    expect(ex.warnings).toEqual([])
  })

  it('gives the same text every time from the same bytes (what bundle verification re-checks)', async () => {
    const bytes = await buildDocx(MEMO)
    const first = await extractDocument(bytes, { fileName: 'memo.docx' })
    const again = await extractDocument(bytes)
    expect(again.text).toBe(first.text)
    expect(again.textMethod).toBe(first.textMethod)
  })
})

describe('bad Word files', () => {
  async function refusal(bytes: Buffer, fileName: string): Promise<{ code: string; message: string }> {
    const before = listSnapshots(a.db).length
    const err = await importBytes(a.db, testStamp(), bytes, { fileName }).then(
      () => null,
      (e: { code: string; message: string }) => e
    )
    expect(err, 'the import must fail').not.toBeNull()
    expect(listSnapshots(a.db)).toHaveLength(before)
    return err!
  }

  it('refuses a zip bomb before inflating it', async () => {
    const parts = docxParts({ body: para(run('x')) }).map((p) =>
      p.name === 'word/document.xml' ? { ...p, data: Buffer.alloc(20 * 1024 * 1024, 0x20) } : p
    )
    const bytes = await zipParts(parts)
    expect(bytes.length).toBeLessThan(100_000)
    const err = await refusal(bytes, 'bomb.docx')
    expect(err.code).toBe('FILE_TOO_LARGE')
    expect(err.message).toMatch(/word\/document\.xml inflates \d+ times/)
  })

  it('refuses a part that inflates to more than it declared (a lying zip)', async () => {
    const bytes = await zipParts(docxParts({ body: para(run('A paragraph long enough to lie about.')) }))
    // Shrink the declared size of word/document.xml in its local and central headers.
    const name = Buffer.from('word/document.xml')
    for (const [sig, sizeAt, nameAt] of [
      [0x04034b50, 22, 30],
      [0x02014b50, 24, 46]
    ] as const) {
      for (let i = 0; i < bytes.length - 4; i++) {
        if (bytes.readUInt32LE(i) === sig && bytes.subarray(i + nameAt, i + nameAt + name.length).equals(name)) bytes.writeUInt32LE(10, i + sizeAt)
      }
    }
    const err = await refusal(bytes, 'liar.docx')
    expect(err.code).toBe('DOCX_INVALID')
    expect(err.message).toMatch(/part word\/document\.xml is damaged \(too many bytes in the stream/)
  })

  it('stops at the part size, the total inflated size and the number of parts', async () => {
    const bytes = await buildDocx(MEMO)
    await expect(readDocxZip(bytes, [], { maxEntries: 100, maxXmlPartBytes: 1 << 20, maxPartBytes: 1 << 20, maxTotalBytes: 2_000, maxRatio: 200 })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/inflate to more than/)
    })
    await expect(readDocxZip(bytes, [], { maxEntries: 100, maxXmlPartBytes: 500, maxPartBytes: 1 << 20, maxTotalBytes: 1 << 20, maxRatio: 200 })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/its part .+\.xml inflates to \d+ bytes \(the limit is 500 bytes\); split the document/)
    })
    await expect(readDocxZip(bytes, [], { maxEntries: 3, maxXmlPartBytes: 1 << 20, maxPartBytes: 1 << 20, maxTotalBytes: 1 << 20, maxRatio: 200 })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/more than 3 parts/)
    })
  })

  it('lets embedded files exceed the XML cap: they are streamed through, never parsed', async () => {
    const zip = await zipParts([
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/media/image1.png', data: Buffer.alloc(1000, 7) }
    ])
    const limits = { maxEntries: 10, maxXmlPartBytes: 500, maxPartBytes: 2000, maxTotalBytes: 1 << 20, maxRatio: 200 }
    const kept = await readDocxZip(zip, ['word/document.xml'], limits)
    expect([...kept.keys()]).toEqual(['word/document.xml'])
  })

  it('refuses a zip that holds no Word document, by name', async () => {
    const err = await refusal(await zipParts([{ name: 'notes.txt', data: 'hello' }]), 'notes.docx')
    expect(err.code).toBe('UNSUPPORTED_TYPE')
    expect(err.message).toMatch(/named \.docx but the zip holds no Word document/)
  })

  it('refuses a truncated Word file as damaged', async () => {
    const whole = await buildDocx(MEMO)
    const err = await refusal(whole.subarray(0, Math.floor(whole.length * 0.8)), 'cut.docx')
    expect(err.code).toBe('DOCX_INVALID')
  })

  it('refuses a Word document whose XML is broken', async () => {
    const parts = docxParts({ body: para(run('x')) }).map((p) => (p.name === 'word/document.xml' ? { ...p, data: '<w:document><w:body><w:p>' } : p))
    const err = await refusal(await zipParts(parts), 'broken.docx')
    expect(err.code).toBe('DOCX_INVALID')
  })
})
