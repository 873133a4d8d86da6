import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../helpers/temp-archive'
import { buildVectorCache, DIMENSIONS, loadWordVectors, readWordVectorsSync } from '../../../../electron/core/suggest/word-vectors'

// A file in the package's layout: an index of words, then "vectors": { word: [100 components, norm, index] }.
function packageLike(vectors: Record<string, number[]>): string {
  const entries = Object.entries(vectors).map(([w, v], i) => `${JSON.stringify(w)}:[${[...v, 1, i].join(',')}]`)
  return `{"precision":8,"dimensions":${DIMENSIONS},"words":${JSON.stringify(Object.keys(vectors))},"vectors":{${entries.join(',')}},"unkVector":[0]}`
}

const axis = (d: number, scale = 1): number[] => Array.from({ length: DIMENSIONS }, (_, i) => (i === d ? scale : i === d + 1 ? scale / 2 : 0))

let dir: ReturnType<typeof tempDir>
afterEach(() => dir.cleanup())

describe('word vectors', () => {
  it('streams the package JSON into a compact cache and measures cosine similarity from it', async () => {
    dir = tempDir()
    const source = join(dir.path, 'vectors.json')
    writeFileSync(source, packageLike({ troops: axis(0), forces: axis(0, 3), "o'clock": axis(0, -1), bread: axis(40) }))
    const cache = join(dir.path, 'cache')
    await buildVectorCache(cache, source)
    const v = await loadWordVectors(cache)
    expect(v.size).toBe(4)
    // scale does not matter to cosine, direction does
    expect(v.similarity('troops', 'forces')).toBeCloseTo(1, 2)
    expect(v.similarity('troops', "o'clock")).toBeCloseTo(-1, 2)
    expect(v.similarity('troops', 'bread')).toBeCloseTo(0, 2)
    expect(v.similarity('troops', 'unknown')).toBe(0)
    const unit = v.unit('forces')!
    expect(Math.hypot(...unit)).toBeCloseTo(1, 5)
    expect(readWordVectorsSync(cache)!.similarity('troops', 'forces')).toBeCloseTo(1, 2)
  })

  it('refuses a file without vectors instead of caching nothing', async () => {
    dir = tempDir()
    const source = join(dir.path, 'empty.json')
    writeFileSync(source, '{"words":[]}')
    await expect(buildVectorCache(join(dir.path, 'cache'), source)).rejects.toThrow(/no word vectors/)
    expect(readWordVectorsSync(join(dir.path, 'cache'))).toBeNull()
  })
})
