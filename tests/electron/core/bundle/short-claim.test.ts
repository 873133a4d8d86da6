// claimReviewed is the claim, short: Google asks for under 75 characters.
// Measured on the troops-border report (news sentences wrapped in reporting)
// and the public HealthVer claims, against the plain baseline of the whole
// sentence; every result must be the sentence's own words, in order.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLAIM_TARGET_CHARS, shortClaim } from '../../../../electron/core/bundle/short-claim'
import { SHARED } from '../../../helpers/temp-archive'
import { gold } from '../../../helpers/troops-case'
import { nth } from '../../../helpers/nth'

const fits = (s: string): boolean => [...s].length <= CLAIM_TARGET_CHARS
const normalise = (s: string): string => s.toLowerCase().replace(/…$/, '')

function healthVerClaims(): string[] {
  const csv = readFileSync(join(SHARED, 'corpora/retrieval/healthver-dev/healthver_dev.csv'), 'utf8')
  // The claim is the third column; claims with quotes or commas are quoted.
  const claims = new Set<string>()
  for (const m of csv.matchAll(/^\d+,(?:"(?:[^"]|"")*"|[^,\n]*),("(?:[^"]|"")*"|[^,\n]*),/gm)) claims.add(nth(m, 1).replace(/^"|"$/g, '').replace(/""/g, '"'))
  return [...claims]
}

function measure(sentences: string[]) {
  const claims = sentences.map(shortClaim)
  return {
    n: sentences.length,
    baselineFits: sentences.filter(fits).length,
    fits: claims.filter(fits).length,
    uncut: claims.filter((c) => fits(c) && !c.endsWith('…')).length,
    claims
  }
}

describe('shortClaim', () => {
  it('drops reporting wrappers and keeps the claim', () => {
    expect(shortClaim('The troops will help Customs and Border Protection, CNN reported.')).toBe('The troops will help Customs and Border Protection')
    expect(shortClaim('On Monday, Trump signed an order declaring a national emergency.')).toBe('Trump signed an order declaring a national emergency')
    expect(shortClaim('According to the agency, arrests fell by half in November.')).toBe('Arrests fell by half in November')
    expect(shortClaim('The president also ordered the construction of additional physical barriers.')).toBe('The president also ordered the construction of additional physical barriers')
  })

  it('cuts a long claim visibly (an ellipsis), never rewords it', () => {
    const long = 'Thousands of soldiers were ordered to the southern border to support logistics, surveillance and transport of migrants between facilities'
    const claim = shortClaim(long)
    expect(fits(claim)).toBe(true)
    expect(long.toLowerCase()).toContain(normalise(claim))
  })

  it('fits far more claims in 75 characters than the whole sentence does, using only their own words', () => {
    const report = measure(gold.sentences.map((s) => s.text))
    const healthVer = measure(healthVerClaims())
    expect(healthVer.n).toBeGreaterThan(100)
    for (const [sentences, m] of [[gold.sentences.map((s) => s.text), report], [healthVerClaims(), healthVer]] as const) {
      expect(m.fits).toBe(m.n)
      m.claims.forEach((c, i) => {
        // Each kept word comes from the sentence, in order (only the first letter may be capitalised).
        const words = normalise(c).split(/\s+/)
        let from = 0
        for (const w of words) {
          const at = nth(sentences, i).toLowerCase().indexOf(w, from)
          expect(at, `${c} ⊄ ${sentences[i]}`).toBeGreaterThanOrEqual(0)
          from = at + w.length
        }
      })
      expect(m.uncut).toBeGreaterThanOrEqual(m.baselineFits)
    }
    // The figures the README quotes.
    console.log(`shortClaim: troops report ${report.uncut}/${report.n} uncut ≤75 (baseline whole sentence ${report.baselineFits}/${report.n}); HealthVer ${healthVer.uncut}/${healthVer.n} (baseline ${healthVer.baselineFits}/${healthVer.n})`)
  })
})
