// Tamper evidence, every byte: flipping ANY single byte of ANY file of a small
// signed bag makes it invalid and names the file. Slow (minutes on two cores),
// so it runs in the `exhaustive` project (`npm run test:exhaustive`, which CI
// runs after `npm test`); the default run samples positions with a fixed seed
// (bagit-tamper.test.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileSize, filesUnder, makeTamperBags, payloadSpans, unnoticedDirFlips, unnoticedZipFlips, type TamperBags } from './bag-tamper'

let bags: TamperBags
beforeAll(async () => {
  bags = await makeTamperBags()
})
afterAll(() => bags.cleanup())

describe('flipping one byte, every byte', () => {
  it('anywhere in any file of the bag directory makes it invalid and names the file', async () => {
    const files = await filesUnder(bags.bagDir)
    const flips = files.flatMap((file) => {
      const size = fileSize(bags.bagDir, file)
      expect(size).toBeLessThan(1024)
      return Array.from({ length: size }, (_, at) => ({ file, at }))
    })
    expect(flips.length).toBeGreaterThan(1500)
    expect(await unnoticedDirFlips(bags, flips)).toEqual([])
  }, 600_000)

  it('anywhere in the stored payload bytes of the zip makes it invalid and names the file', async () => {
    const spans = await payloadSpans(bags.bagZip)
    const flips = spans.flatMap((s) => Array.from({ length: s.end - s.start }, (_, i) => ({ path: s.path, at: s.start + i })))
    expect(flips.length).toBeGreaterThan(40)
    expect(await unnoticedZipFlips(bags, flips)).toEqual([])
  }, 600_000)
})
