import { describe, expect, it } from 'vitest'
import { DERIVATION_WEIGHT, SYNONYM_WEIGHT, relatedStems } from '../../../shared/search/lexicon'
import { stem } from '../../../shared/search/stem'

const related = (word: string) => new Map(relatedStems(stem(word)).map((r) => [r.stem, r.weight]))

describe('the lexicon', () => {
  it('relates derivations strongly and synonyms less', () => {
    expect(related('declare').get(stem('declaration'))).toBe(DERIVATION_WEIGHT)
    expect(related('barrier').get(stem('wall'))).toBe(SYNONYM_WEIGHT)
  })

  it('is symmetric', () => {
    expect(related('wall').get(stem('barrier'))).toBe(related('barrier').get(stem('wall')))
  })

  it('reaches a synonym’s derivations in one more hop, weaker than either', () => {
    const w = related('build').get(stem('construction'))!
    expect(w).toBeGreaterThan(0)
    expect(w).toBeLessThan(SYNONYM_WEIGHT)
  })

  it('carries the words to look up in the index for each related stem', () => {
    const r = relatedStems(stem('troops')).find((x) => x.stem === stem('soldiers'))!
    expect(r.words).toContain('soldier')
  })

  it('knows nothing of words outside it', () => {
    expect(relatedStems(stem('zebra'))).toEqual([])
  })
})
