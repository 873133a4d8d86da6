// Every single-byte change anywhere in a small exported bundle is caught by
// `verify` (the default run, verify-bundle.test.ts, flips a fixed-seed sample).

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { tempDir } from '../../../helpers/temp-archive'
import { bagFiles, exportSmallBag, unnoticedFlips } from './verify-flips'

let out: ReturnType<typeof tempDir>
let bag: string
beforeAll(async () => {
  out = tempDir()
  bag = join(out.path, 'small')
  await exportSmallBag(bag, new Date('2026-02-03T10:00:00Z'))
}, 120_000)
afterAll(() => out.cleanup())

describe('tampering, every byte', () => {
  it('catches every single-byte change in every payload and tag file of a small bundle', async () => {
    expect((await verifyBundle(bag)).problems).toEqual([])
    const flips = bagFiles(bag).flatMap((rel) => [...readFileSync(join(bag, rel)).keys()].map((at) => ({ rel, at })))
    expect(flips.length).toBeGreaterThan(5000)
    expect(await unnoticedFlips(bag, out.path, flips)).toEqual([])
    expect((await verifyBundle(bag)).valid).toBe(true)
  }, 1_200_000)
})
