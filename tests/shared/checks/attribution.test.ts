import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findAttribution, matchOutlet } from '../../../shared/checks/attribution'
import { sliceCodePoints } from '../../../shared/text/code-points'
import { CASE_DIR } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'

const caseDir = CASE_DIR
const report = readFileSync(`${caseDir}/report.txt`, 'utf8')
const gold = JSON.parse(readFileSync(`${caseDir}/gold.json`, 'utf8')) as {
  sentences: Array<{ start: number; end: number; attribution?: string }>
}
const caseFile = JSON.parse(readFileSync(`${caseDir}/case.json`, 'utf8')) as {
  sources: Array<{ id: string; publisher?: string; title?: string }>
}
const sentences = gold.sentences.map((s) => report.slice(s.start, s.end))
const sources = caseFile.sources.map((s) => ({ id: s.id, publisher: s.publisher ?? null, title: s.title ?? null }))

describe('findAttribution on the real report', () => {
  it('attributes exactly the sentences the gold attributes, to the gold source', () => {
    sentences.forEach((_, i) => {
      const a = findAttribution(sentences, i)
      const ids = a?.outlet ? matchOutlet(a.outlet, sources) : []
      expect(ids, `sentence ${i}`).toEqual(nth(gold.sentences, i).attribution ? [nth(gold.sentences, i).attribution] : [])
    })
  })

  it('reads "according to a report" as unnamed, inferring the one outlet the report credits', () => {
    const a = findAttribution(sentences, 0)!
    expect(a).toMatchObject({ text: 'according to a report', kind: 'unnamed', outlet: 'CNN' })
    expect(sliceCodePoints(nth(sentences, 0), a.start, a.end)).toBe(a.text)
  })

  it('reads "CNN reported" as named', () => {
    expect(findAttribution(sentences, 2)).toMatchObject({ text: 'CNN reported', kind: 'named', outlet: 'CNN' })
    expect(findAttribution(sentences, 6)).toMatchObject({ text: 'CNN reported', kind: 'named', outlet: 'CNN' })
  })

  it('resolves "the outlet" to the outlet most recently named before', () => {
    expect(findAttribution(sentences, 5)).toMatchObject({ text: 'according to the outlet', kind: 'anaphoric', outlet: 'CNN' })
    expect(findAttribution(sentences, 7)).toMatchObject({ text: 'the outlet reported', kind: 'anaphoric', outlet: 'CNN' })
  })

  it('does not take "The Independent has reached out" for an attribution', () => {
    expect(findAttribution(sentences, 4)).toBeNull()
  })

  it('reports people speaking as speakers, not outlets', () => {
    expect(findAttribution(sentences, 12)).toMatchObject({ text: 'Trump wrote', kind: 'speaker', outlet: null, speaker: 'Trump' })
    expect(findAttribution(sentences, 13)).toMatchObject({ text: 'He claimed', kind: 'speaker', outlet: null, speaker: 'He' })
  })
})

describe('findAttribution, general forms', () => {
  const one = (s: string) => findAttribution([s], 0)

  it('recognises outlets by shape, not by name', () => {
    expect(one('The Washington Post reported that troops were sent.')).toMatchObject({ kind: 'named', outlet: 'The Washington Post' })
    expect(one('According to the Associated Press, 1,500 troops left.')).toMatchObject({ kind: 'named', outlet: 'the Associated Press' })
    expect(one('Reuters reports that the deployment began.')).toMatchObject({ kind: 'named', outlet: 'Reuters' })
    expect(one('It was first reported by The New York Times.')).toMatchObject({ kind: 'named', outlet: 'The New York Times' })
  })

  it('takes the outlet a source "told"', () => {
    expect(one('A spokesperson told NBC News that more would follow.')).toMatchObject({ kind: 'named', outlet: 'NBC News' })
  })

  it('treats names and pronouns with speech verbs as speakers', () => {
    expect(one('The move was temporary, said Hegseth.')).toMatchObject({ kind: 'speaker', speaker: 'Hegseth' })
    expect(one('Officials said the move was temporary.')).toMatchObject({ kind: 'speaker', outlet: null })
    expect(one('On Monday Trump wrote that it was an emergency.')).toMatchObject({ kind: 'speaker', speaker: 'Trump' })
  })

  it('leaves "a report" unresolved when the report credits no single outlet', () => {
    const report2 = ['Troops moved, according to a report.', 'CNN reported it.', 'The Washington Post reported it too.']
    expect(findAttribution(report2, 0)).toMatchObject({ kind: 'unnamed', outlet: null })
  })

  it('leaves "the outlet" unresolved with no outlet named before it', () => {
    expect(findAttribution(['Troops moved, the outlet reported.', 'CNN reported it.'], 0)).toMatchObject({ kind: 'anaphoric', outlet: null })
  })
})

describe('matchOutlet', () => {
  it('matches case-insensitively, ignoring a leading "The"', () => {
    expect(matchOutlet('cnn', sources)).toEqual(['cnn-2025-01-22'])
    expect(matchOutlet('the White House', sources)).toEqual(['proclamation-10886', 'eo-14167'])
  })

  it('matches acronyms both ways', () => {
    expect(matchOutlet('CBP', sources)).toEqual(['cbp-2024-11'])
    expect(matchOutlet('Cable News Network', [{ id: 'x', publisher: 'CNN', title: null }])).toEqual(['x'])
  })

  it('matches a name with its parenthesised qualifier, or the qualifier', () => {
    expect(matchOutlet('Joint Task Force North', sources)).toEqual(['jtfn-about'])
    expect(matchOutlet('DVIDS', sources)).toEqual(['dvids-8844268'])
  })

  it('allows generic suffixes and falls back to the outlet a title names', () => {
    expect(matchOutlet('NBC', [{ id: 'n', publisher: 'NBC News', title: null }])).toEqual(['n'])
    expect(matchOutlet('Reuters', [{ id: 'r', publisher: null, title: 'Troops deploy to border | Reuters' }])).toEqual(['r'])
  })

  it('matches nothing for an unknown outlet', () => {
    expect(matchOutlet('The Guardian', sources)).toEqual([])
  })
})
