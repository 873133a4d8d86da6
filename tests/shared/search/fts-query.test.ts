import { describe, expect, it } from 'vitest'
import { buildMatchExpression, ftsString, parseUserQuery } from '../../../shared/search/fts-query'

describe('FTS query building', () => {
  it('quotes every term as an FTS5 string, doubling inner quotes', () => {
    expect(ftsString('a"b')).toBe('"a""b"')
  })

  it('reads words as required terms and operators as plain words', () => {
    expect(parseUserQuery('border AND NOT troops ').map((p) => p.terms)).toEqual([['border'], ['and'], ['not'], ['troops']])
  })

  it('reads "quoted text" as a phrase and an unbalanced quote as a separator', () => {
    expect(parseUserQuery('"southern border" wall ')).toEqual([
      { terms: ['southern', 'border'], phrase: true, prefix: false },
      { terms: ['wall'], phrase: false, prefix: false }
    ])
    expect(parseUserQuery('"southern border').map((p) => p.phrase)).toEqual([false, false])
  })

  it('makes the last word a prefix only while it is being typed and has at least 3 characters', () => {
    expect(parseUserQuery('national emer').at(-1)!.prefix).toBe(true)
    expect(parseUserQuery('national emer ').at(-1)!.prefix).toBe(false)
    expect(parseUserQuery('national em').at(-1)!.prefix).toBe(false)
  })

  it('builds an expression with only the syntax it adds itself: quoted terms, inflections ORed, parts ANDed, a trailing prefix', () => {
    expect(buildMatchExpression(parseUserQuery('NEAR(x*) "a b" borders'))).toBe(
      '("near" OR "neare" OR "nears" OR "neares" OR "neared" OR "nearing") AND "x" AND "a b" AND ' +
        '("borders"* OR "borders" OR "border" OR "bordere" OR "borderes" OR "bordered" OR "bordering" OR "borderred" OR "borderring")'
    )
  })

  it('returns null when there is no word at all', () => {
    expect(buildMatchExpression(parseUserQuery('*** () --'))).toBeNull()
  })
})
