import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importCaseWithGoldLinks } from '../../helpers/troops-case'
import { tempArchive, tempDir } from '../../helpers/temp-archive'
import { runCliInProcess } from '../../helpers/cli'

describe('attest cite and attest import-refs', () => {
  let a: ReturnType<typeof tempArchive>
  let d: ReturnType<typeof tempDir>
  beforeAll(async () => {
    a = tempArchive()
    d = tempDir()
    await importCaseWithGoldLinks(a.db)
    a.db.close()
  })
  afterAll(() => {
    a.cleanup()
    d.cleanup()
  })

  it('prints the report\'s sources in APA, one per line', async () => {
    const r = await runCliInProcess(['cite', 'independent-troops-border', '--style', 'apa', '--archive', a.path])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Donald J. Trump. (2025b, January 20). Declaring a National Emergency at the Southern Border of the United States.')
    expect(r.stdout.trim().split('\n')).toHaveLength(4)
  })

  it('writes CSL-JSON that import-refs reads into another archive as the same sources', async () => {
    const out = join(d.path, 'sources.json')
    const cite = await runCliInProcess(['cite', 'independent-troops-border', '--format', 'csl-json', '--out', out, '--archive', a.path, '--json'])
    expect(cite.json()).toMatchObject({ count: 4, format: 'csl-json', out })
    const other = join(d.path, 'other.attest')
    const imp = await runCliInProcess(['import-refs', out, '--archive', other, '--json'])
    expect(imp.code).toBe(0)
    expect(imp.json().sources.map((s: { outcome: string }) => s.outcome)).toEqual(['created', 'created', 'created', 'created'])
    const again = await runCliInProcess(['cite', 'independent-troops-border', '--format', 'csl-json', '--archive', a.path])
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(readFileSync(out, 'utf8')))
  })

  it('refuses an unknown style, and a malformed file with exit 2 and one line', async () => {
    const style = await runCliInProcess(['cite', 'independent-troops-border', '--style', 'mla', '--archive', a.path])
    expect(style.code).toBe(2)
    // The contract's own refusal (the same from IPC and HTTP), no longer a CLI-only message.
    expect(style.stderr).toContain('Invalid arguments for citeReport: style Invalid option: expected one of "apa"|"chicago-author-date". [INVALID_ARGUMENT]')
    const bad = join(d.path, 'bad.bib')
    writeFileSync(bad, '@article{x, title = {open')
    const r = await runCliInProcess(['import-refs', bad, '--archive', join(d.path, 'third.attest')])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('bad.bib: not valid BibTeX')
    expect(existsSync(join(d.path, 'third.attest'))).toBe(false)
  })
})
