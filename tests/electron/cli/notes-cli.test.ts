// attest tag / tags / comment / comments on a real archive, through the CLI's own code path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDocument, addReport } from '../core/search/fixture'
import { tempArchive } from '../../helpers/temp-archive'
import { runCliInProcess } from '../../helpers/cli'

describe('attest tag, tags, comment and comments', () => {
  let a: ReturnType<typeof tempArchive>
  const attest = (...args: string[]) => runCliInProcess([...args, '--archive', a.path], { env: { USER: 'cli-user' } })
  beforeAll(() => {
    a = tempArchive()
    addDocument(a.db, { externalId: 'decree' }, 'The governor signed a decree.')
    addReport(a.db, { externalId: 'report' }, 'The governor signed a decree. The bridge is closed.')
    a.db.close()
  })
  afterAll(() => a.cleanup())

  it('tags sentences and sources, lists the archive’s tags and filters a report by one', async () => {
    expect((await attest('tag', 'report', '0', 'Decree', 'needs source')).stdout.trim()).toBe('Decree, needs source')
    expect((await attest('tag', 'report', '1', 'decree')).stdout.trim()).toBe('Decree')
    expect((await attest('tag', '--source', 'decree', 'official')).code).toBe(0)
    expect((await attest('tag', 'report', '0', 'NEEDS SOURCE', '--remove')).stdout.trim()).toBe('Decree')
    expect((await attest('tags', '--json')).json()).toEqual([
      { label: 'Decree', key: 'decree', sentences: 2, sources: 0 },
      { label: 'official', key: 'official', sentences: 0, sources: 1 }
    ])
    expect((await attest('tags', '--report', 'report', '--tag', 'DECREE')).stdout).toBe('#0\tDecree\n#1\tDecree\n')
  })

  it('adds, edits, lists and removes comments, with who and when', async () => {
    const added = (await attest('comment', 'report', '1', 'Which bridge?', '--json')).json()[0]
    expect(added).toMatchObject({ body: 'Which bridge?', supersedes: null })
    const edited = (await attest('comment', '--edit', added.id, 'Which bridge? Ask the city.', '--json')).json()[0]
    expect(edited.supersedes).toBe(added.id)
    const listed = await attest('comments', 'report', '1')
    expect(listed.stdout).toMatch(new RegExp(`^${edited.id}\\t\\S+ \\d{4}-\\d\\d-\\d\\dT.*\\(edited\\)\\tWhich bridge\\? Ask the city\\.\\n$`))
    expect((await attest('comment', '--remove', edited.id)).stdout).toBe(`Removed comment ${edited.id}.\n`)
    expect((await attest('comments', 'report', '1')).stdout).toBe('(no comments)\n')
    await attest('comment', '--source', 'decree', 'Gazette print checked.')
    expect((await attest('comments', '--source', 'decree', '--json')).json()).toMatchObject([{ body: 'Gazette print checked.' }])
  })

  it('refuses what it cannot do with one line and exit 2, changing nothing', async () => {
    const noIndex = await attest('tag', 'report', '9', 'x')
    expect([noIndex.code, noIndex.stderr.trim().split('\n')]).toEqual([2, [expect.stringMatching(/no sentence 9/)]])
    expect((await attest('tag', 'report', '0', '--remove')).stderr).toMatch(/Name the tags to remove/)
    const half = await attest('tag', 'report', '0', 'fine', '   ')
    expect([half.code, half.stderr]).toEqual([2, expect.stringMatching(/Nothing was tagged/)])
    expect((await attest('tag', 'report', '0')).stdout.trim()).toBe('Decree')
    expect((await attest('tags', '--tag', 'x')).stderr).toMatch(/give --report too/)
    expect((await attest('comment', 'report', '0', '   ')).stderr).toMatch(/needs some text; nothing was saved/)
    expect((await attest('comment', '--remove', 'cmt_missing')).code).toBe(2)
  })
})
