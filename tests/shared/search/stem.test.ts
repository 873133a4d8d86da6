import { describe, expect, it } from 'vitest'
import { inflections, stem } from '../../../shared/search/stem'

describe('light stemming', () => {
  it.each([
    ['declare', 'declared', 'declaring', 'declares'],
    ['troop', 'troops'],
    ['stop', 'stopped', 'stopping', 'stops'],
    ['carry', 'carries', 'carried'],
    ['cross', 'crosses', 'crossed', 'crossing']
  ])('gives inflections of one word one stem: %s', (...forms) => {
    expect(new Set(forms.map(stem)).size).toBe(1)
  })

  it('leaves derivations, short words, numbers and look-alikes apart', () => {
    expect(stem('declaration')).not.toBe(stem('declare'))
    expect(stem('news')).toBe('news')
    expect(stem('bus')).toBe('bus')
    expect(stem('1807')).toBe('1807')
    expect(stem('thing')).toBe('thing')
  })

  it('lists the surface forms of a stem, each of which stems back to it', () => {
    const forms = inflections('declared')
    expect(forms).toEqual(expect.arrayContaining(['declared', 'declare', 'declares', 'declaring']))
    for (const f of forms) expect(stem(f)).toBe(stem('declared'))
    expect(inflections('90')).toEqual(['90'])
  })
})
