// Reading PostgreSQL's COPY text format as it streams (pulls read events this
// way). The round trip through a real server, with awkward text, is in
// copy-push.test.ts; here the parser meets the format's edge cases directly.
import { describe, expect, it } from 'vitest'
import { copyTextField, CopyTextRows } from '../../../../electron/core/hub/copy-text'

function parse(chunks: Buffer[], fields: number): (string | null)[][] {
  const rows: (string | null)[][] = []
  const reader = new CopyTextRows(fields, (r) => rows.push(r))
  for (const c of chunks) reader.push(c)
  reader.finish()
  return rows
}

// As the server writes them: a backslash escape for backslash and control characters, \N for NULL.
const DATA = Buffer.from('1\tplain\t\\N\n2\ttab\\there\tline\\nbreak\\r\n3\tback\\\\slash \\\\N\té中文🙂\n4\t\t\\b\\f\\v\n', 'utf8')
const ROWS = [
  ['1', 'plain', null],
  ['2', 'tab\there', 'line\nbreak\r'],
  ['3', 'back\\slash \\N', 'é中文🙂'],
  ['4', '', '\b\f\v']
]

describe('COPY text rows', () => {
  it('gives each row’s fields unescaped, NULL as null, an empty field as an empty string', () => {
    expect(parse([DATA], 3)).toEqual(ROWS)
  })

  it('gives the same rows however the stream is cut, even inside a character of several bytes', () => {
    for (let cut = 1; cut < DATA.length; cut++) {
      expect(parse([DATA.subarray(0, cut), DATA.subarray(cut)], 3)).toEqual(ROWS)
    }
    expect(parse([...DATA].map((b) => Buffer.from([b])), 3)).toEqual(ROWS)
  })

  it('gives a row of many megabytes, cut into hundreds of chunks, whole, with the rows around it', () => {
    const big = 'x'.repeat(4 * 1024 * 1024)
    const data = Buffer.from(`1\ta\tb\n2\t${big}\t\\N\n3\tc\td\n`)
    const chunks: Buffer[] = []
    for (let at = 0; at < data.length; at += 16 * 1024) chunks.push(data.subarray(at, at + 16 * 1024))
    expect(chunks.length).toBeGreaterThan(250)
    const rows = parse(chunks, 3)
    expect(rows.map((r) => [r[0], r[1]?.length, r[2]])).toEqual([['1', 1, 'b'], ['2', big.length, null], ['3', 1, 'd']])
  })

  it('refuses a row with another number of fields than the query selects, data that ends inside a row, and an escape the server never writes', () => {
    expect(() => parse([Buffer.from('1\t2\n')], 3)).toThrow(expect.objectContaining({ code: 'INTEGRITY_FAILED', message: expect.stringMatching(/2 fields where 3/) }))
    expect(() => parse([Buffer.from('1\t2\t3\n4\t5')], 3)).toThrow(expect.objectContaining({ code: 'INTEGRITY_FAILED', message: expect.stringMatching(/ended inside a row/) }))
    expect(() => copyTextField('a\\qb')).toThrow(expect.objectContaining({ code: 'INTEGRITY_FAILED' }))
  })
})
