// Tamper evidence: in a small signed bag, flipping a single byte of any file
// must make the bag invalid, with a problem that names the altered file (or,
// for a manifest, a problem raised while reading that manifest).
//
// The default run flips a fixed-seed sample of positions in every file (its
// first and last byte among them); bagit-tamper.exhaustive.test.ts flips every
// byte, in the `exhaustive` project (`npm run test:exhaustive`, run by CI).

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateBag } from '../../../../electron/core/bundle/bagit-validate'
import { samplePositions, seededRandom } from '../../../helpers/seeded-random'
import { fileSize, filesUnder, makeTamperBags, payloadSpans, unnoticedDirFlips, unnoticedZipFlips, type TamperBags } from './bag-tamper'

const SEED = 15
const PER_FILE = 8

let bags: TamperBags
beforeAll(async () => {
  bags = await makeTamperBags()
})
afterAll(() => bags.cleanup())

describe('flipping one byte', () => {
  it('the untouched bags are valid', async () => {
    expect((await validateBag(bags.bagDir)).problems).toEqual([])
    expect((await validateBag(bags.bagZip)).problems).toEqual([])
  })

  it(`at ${PER_FILE} sampled places (seed ${SEED}) in every file of the bag directory makes it invalid and names the file`, async () => {
    const files = await filesUnder(bags.bagDir)
    expect(files).toContain('tagmanifest-sha256.txt.sig')
    const random = seededRandom(SEED)
    const flips = files.flatMap((file) => samplePositions(fileSize(bags.bagDir, file), PER_FILE, random).map((at) => ({ file, at })))
    expect(flips.length).toBe(files.length * PER_FILE)
    expect(await unnoticedDirFlips(bags, flips)).toEqual([])
  })

  it(`at ${PER_FILE} sampled places in each stored payload file of the zip makes it invalid and names the file`, async () => {
    const spans = await payloadSpans(bags.bagZip)
    expect(spans.map((s) => s.path).sort()).toEqual(['data/annotations.jsonld', 'data/report.html', 'data/snapshots/page one.html'])
    const random = seededRandom(SEED)
    const flips = spans.flatMap((s) => samplePositions(s.end - s.start, PER_FILE, random).map((i) => ({ path: s.path, at: s.start + i })))
    expect(await unnoticedZipFlips(bags, flips)).toEqual([])
  })
})
