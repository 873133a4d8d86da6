// Validator decisions the conformance suite does not pin down on its own.

import { cp, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validateBag } from '../../../../electron/core/bundle/bagit-validate'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'
import { SHARED } from '../../../helpers/temp-archive'

const SUITE = join(SHARED, 'corpora/bagit-conformance')
const md5 = (b: Buffer | string): string => createHash('md5').update(b).digest('hex')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attest-bag-validate-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A writable copy of a suite bag (the suite is read-only). */
async function copyOf(bag: string): Promise<string> {
  const to = join(dir, 'bag')
  await cp(join(SUITE, bag), to, { recursive: true })
  await chmod(to, 0o755)
  return to
}

describe('a holey bag (fetch.txt)', () => {
  it('is valid once every file it lists has been fetched', async () => {
    expect((await validateBag(join(SUITE, 'v0.97/valid/holey-bag'))).valid).toBe(true)
  })

  it('is incomplete, hence invalid, while a listed file is still missing', async () => {
    const bag = await copyOf('v0.97/valid/holey-bag')
    await chmod(join(bag, 'data'), 0o755)
    await rm(join(bag, 'data/test2.txt'))
    const result = await validateBag(bag)
    expect(result.valid).toBe(false)
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'FETCH_NOT_RETRIEVED', file: 'data/test2.txt' }))
  })
})

describe('bag-info.txt separators', () => {
  it('"Label : value" is accepted in 0.97 but invalid in 1.0', async () => {
    const bag = join(dir, 'v1')
    await writeBag({ kind: 'dir', path: bag }, [{ path: 'a', bytes: Buffer.from('a') }], { 'Bagging-Date': '2024-05-01' })
    const info = (await readFile(join(bag, 'bag-info.txt'), 'utf8')).replace('Bagging-Date:', 'Bagging-Date :')
    await writeFile(join(bag, 'bag-info.txt'), info)
    const manifest = (await readFile(join(bag, 'tagmanifest-sha256.txt'), 'utf8')).replace(
      /^[0-9a-f]+(?= {2}bag-info\.txt$)/m,
      createHash('sha256').update(info).digest('hex')
    )
    await writeFile(join(bag, 'tagmanifest-sha256.txt'), manifest)
    await rm(join(bag, 'tagmanifest-sha512.txt'))
    const result = await validateBag(bag)
    expect(result.problems.map((p) => p.code)).toEqual(['BAG_INFO_FORMAT'])
  })
})

describe('a file changed after bagging', () => {
  it('is reported with the file, the expected and the actual checksum', async () => {
    const bag = await copyOf('v0.97/valid/basic-bag')
    await chmod(join(bag, 'data'), 0o755)
    await chmod(join(bag, 'data/bare-filename'), 0o644)
    await writeFile(join(bag, 'data/bare-filename'), 'altered')
    const result = await validateBag(bag)
    expect(result.problems).toContainEqual({
      code: 'FIXITY_MISMATCH',
      file: 'data/bare-filename',
      expected: '751e32179ec8acd71081654527f2e771',
      actual: md5('altered'),
      message: expect.stringContaining('manifest-md5.txt')
    })
  })
})
