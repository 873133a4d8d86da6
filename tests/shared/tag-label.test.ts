import { describe, expect, it } from 'vitest'
import { MAX_TAG_LENGTH, tagKey, tagLabel, tagProblem } from '../../shared/tag-label'

describe('tag labels and keys', () => {
  it('keeps the typed form, trimmed and with inner spaces collapsed', () => {
    expect(tagLabel('  Troop  numbers\t')).toBe('Troop numbers')
    expect(tagLabel('   ')).toBeNull()
  })

  it('matches tags regardless of case, spacing and compatibility forms', () => {
    expect(tagKey('NATO')).toBe(tagKey('nato'))
    expect(tagKey('Troop  Numbers')).toBe(tagKey('troop numbers'))
    expect(tagKey('ﬁnance')).toBe('finance') // the ligature is one letter pair
    expect(tagKey('Cafe\u0301')).toBe(tagKey('Café'))
    expect(tagKey('border')).not.toBe(tagKey('borders'))
  })

  it('says why a tag cannot be used', () => {
    expect(tagProblem('')).toMatch(/at least one/)
    expect(tagProblem('x'.repeat(MAX_TAG_LENGTH + 1))).toMatch(/at most 100/)
    expect(tagProblem('a\u0007b')).toMatch(/control/)
    expect(tagProblem('needs a second source')).toBeNull()
  })
})
