// The organisation that publishes ClaimReviews, set from the command line
// (attest whoami --org / --review-url), is what an export's claimreview.jsonld
// names as author and url.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempDir } from '../../helpers/temp-archive'
import { runCliInProcess } from '../../helpers/cli'

let dir: ReturnType<typeof tempDir>
let archive: string
const attest = (args: string[]) => runCliInProcess(args, { cwd: dir.path, env: { ...process.env, ATTEST_ARCHIVE: '' } })

beforeAll(async () => {
  dir = tempDir()
  archive = join(dir.path, 'case.attest')
  expect((await attest(['import-case', CASE_DIR, '--archive', archive, '--json'])).code).toBe(0)
  expect((await attest(['status', 'independent-troops-border', '2', 'supported', '--archive', archive])).code).toBe(0)
}, 120_000)
afterAll(() => dir.cleanup())

describe('attest whoami --org --review-url', () => {
  it('refuses a review address that is not http(s), changing nothing', async () => {
    const r = await attest(['whoami', '--archive', archive, '--review-url', 'desk.example/checks'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--review-url must be an http\(s\) address/)
    expect((await attest(['whoami', '--archive', archive, '--json'])).json().organisation).toEqual({ name: null, reviewUrl: null })
  })

  it('names the organisation and review address that the ClaimReviews carry', async () => {
    const set = await attest(['whoami', '--archive', archive, '--set', 'Ana Ruiz', '--org', 'Example Desk', '--review-url', 'https://desk.example/checks/troops', '--json'])
    expect(set.code, set.stderr).toBe(0)
    expect(set.json()).toEqual({ userName: 'Ana Ruiz', organisation: { name: 'Example Desk', reviewUrl: 'https://desk.example/checks/troops' } })
    // The review was made before the name was set: its reviewer is whoever the OS user was.
    expect((await attest(['export', 'independent-troops-border', '--archive', archive, '--out', 'bag', '--format', 'dir'])).code).toBe(0)
    const [review] = JSON.parse(readFileSync(join(dir.path, 'bag/data/claimreview.jsonld'), 'utf8'))['@graph']
    expect(review.author).toEqual({ '@type': 'Organization', name: 'Example Desk', url: 'https://desk.example/checks/troops' })
    expect(review.contributor['@type']).toBe('Person')
    expect(review.url).toMatch(/^https:\/\/desk\.example\/checks\/troops#/)
  })
})
