// A 200 MB text file archived byte for byte: the size the default run's 20 MB
// case (bad-input.test.ts) stands in for. Slow (48 s of a loaded run: the text
// is segmented and indexed for search), so it is in the `exhaustive` project
// (`npm run test:exhaustive`, run by CI).
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFile } from '../../../../electron/core/import/import-file'
import { getBlob } from '../../../../electron/core/archive/blobs'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { sha256OfFile, writeLargeTextFile } from '../../../helpers/large-text-file'

let a: ReturnType<typeof tempArchive>
beforeAll(() => {
  a = tempArchive()
})
afterAll(() => a.cleanup())

describe('a 200 MB file', () => {
  it('is archived byte for byte, with its text', async () => {
    const file = join(a.dir, 'big.txt')
    const target = 200 * 1024 * 1024
    writeLargeTextFile(file, target)
    const r = await importFile(a.db, testStamp(), file)
    expect(r.snapshot.byteSize).toBeGreaterThanOrEqual(target)
    expect(r.snapshot.sha256).toBe(await sha256OfFile(file))
    expect(getBlob(a.db, r.snapshot.sha256)?.length).toBe(r.snapshot.byteSize)
    expect(r.snapshot.textStatus).toBe('ok')
  }, 600_000)
})
