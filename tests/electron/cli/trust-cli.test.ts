// Trust is explicit. A valid signature only proves a bundle is unchanged
// since some key signed it — anyone can make a key — so verify and
// import-bundle say plainly when the key is unknown (or the bundle
// unsigned), the archive keeps a list of trusted keys (attest trust), and
// the event log records what was imported unsigned or from an unknown key.

import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive } from '../../../electron/core/archive/open-archive'
import { CASE_DIR, tempDir } from '../../helpers/temp-archive'
import { runCliInProcess } from '../../helpers/cli'

let dir: ReturnType<typeof tempDir>
let fingerprint: string
const attest = (args: string[]) => runCliInProcess(args, { cwd: dir.path, env: { ATTEST_ARCHIVE: '' } })

beforeAll(async () => {
  dir = tempDir()
  expect((await attest(['import-case', CASE_DIR, '--archive', 'origin.attest'])).code).toBe(0)
  const key = await attest(['keygen', '--out', 'ana.key', '--json'])
  fingerprint = key.json().fingerprint
  const signed = await attest(['export', 'independent-troops-border', '--archive', 'origin.attest', '--out', 'signed.zip', '--sign', 'ana.key'])
  expect(signed.code, signed.stderr).toBe(0)
  const unsigned = await attest(['export', 'independent-troops-border', '--archive', 'origin.attest', '--out', 'unsigned.zip'])
  expect(unsigned.code, unsigned.stderr).toBe(0)
}, 120_000)
afterAll(() => dir.cleanup())

function importEvents(archive: string): Array<Record<string, unknown>> {
  const db = openArchive(join(dir.path, archive), { readonly: true })
  try {
    return (db.prepare(`SELECT data FROM events WHERE action = 'bundle.imported' ORDER BY seq`).pluck().all() as string[]).map((d) => JSON.parse(d))
  } finally {
    db.close()
  }
}

describe('a bundle signed by a key nobody trusts', () => {
  it('verify says the key is unknown, in words and as a warning, and stays valid (exit 0)', async () => {
    const v = await attest(['verify', 'signed.zip'])
    expect(v.code).toBe(0)
    expect(v.stdout).toMatch(/^VALID \(signed by an UNKNOWN key\)/)
    expect(v.stdout).toContain(`warning SIGNER_UNKNOWN tagmanifest-sha256.txt.sig: The signature is valid, but key ${fingerprint} is unknown here`)
    const json = (await attest(['verify', 'signed.zip', '--json'])).json()
    expect(json.signer).toMatchObject({ trust: 'unknown-key', fingerprint, name: null })
    expect(json.signature).toMatchObject({ valid: true, trusted: false })
  })

  it('import-bundle imports it, says the key is unknown, and logs that', async () => {
    const r = await attest(['import-bundle', 'signed.zip', '--archive', 'mine.attest'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`signed by UNKNOWN key ${fingerprint}`)
    expect(importEvents('mine.attest')).toEqual([expect.objectContaining({ signer: fingerprint, signerTrust: 'unknown-key', signerName: null })])
  })

  it('an unsigned bundle is imported with UNSIGNED said and logged', async () => {
    const r = await attest(['import-bundle', 'unsigned.zip', '--archive', 'other.attest', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json()).toMatchObject({ signer: null, signerTrust: 'unsigned' })
    expect(r.json().warnings[0]).toMatch(/not signed/)
    expect(importEvents('other.attest')).toEqual([expect.objectContaining({ signer: null, signerTrust: 'unsigned' })])
    expect((await attest(['verify', 'unsigned.zip'])).stdout).toMatch(/^VALID \(UNSIGNED\)/)
  })
})

describe('attest trust', () => {
  it('add, list: the key is then reported by name by verify --archive and import-bundle, and the change is logged', async () => {
    const add = await attest(['trust', 'add', fingerprint.toUpperCase(), '--name', 'Ana Ruiz (Example Desk)', '--archive', 'trusting.attest'])
    expect(add.code, add.stderr).toBe(0)
    const list = await attest(['trust', 'list', '--archive', 'trusting.attest', '--json'])
    expect(list.json()).toEqual([expect.objectContaining({ fingerprint, name: 'Ana Ruiz (Example Desk)' })])
    const v = await attest(['verify', 'signed.zip', '--archive', 'trusting.attest'])
    expect(v.code).toBe(0)
    expect(v.stdout).toMatch(/^VALID: /)
    expect(v.stdout).toContain(`signed by ${fingerprint} (signature valid, trusted: Ana Ruiz (Example Desk))`)
    expect(v.stdout).not.toContain('SIGNER_UNKNOWN')
    const imp = await attest(['import-bundle', 'signed.zip', '--archive', 'trusting.attest', '--json'])
    expect(imp.json()).toMatchObject({ signerTrust: 'trusted', signerName: 'Ana Ruiz (Example Desk)' })
    expect(importEvents('trusting.attest')).toEqual([expect.objectContaining({ signerTrust: 'trusted', signerName: 'Ana Ruiz (Example Desk)' })])
    const log = (await attest(['log', '--archive', 'trusting.attest', '--json'])).json() as Array<{ action: string; subject: string }>
    expect(log.map((e) => e.action)).toContain('trust.added')
  })

  it('remove: the key is unknown again; removing it twice is an error (exit 2)', async () => {
    expect((await attest(['trust', 'remove', fingerprint, '--archive', 'trusting.attest'])).code).toBe(0)
    expect((await attest(['trust', 'list', '--archive', 'trusting.attest', '--json'])).json()).toEqual([])
    expect((await attest(['verify', 'signed.zip', '--archive', 'trusting.attest'])).stdout).toMatch(/UNKNOWN key/)
    const again = await attest(['trust', 'remove', fingerprint, '--archive', 'trusting.attest'])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/not in this archive's trusted keys\. \[NOT_FOUND\]/)
  })

  it('a key given with --trust counts as trusted for that command, and any other signer fails it (exit 1)', async () => {
    const v = await attest(['verify', 'signed.zip', '--trust', fingerprint])
    expect(v.code).toBe(0)
    expect(v.stdout).toMatch(/^VALID: /)
    expect(v.stdout).not.toContain('UNKNOWN')
    const imp = await attest(['import-bundle', 'signed.zip', '--archive', 'vouched.attest', '--trust', fingerprint, '--json'])
    expect(imp.json()).toMatchObject({ signerTrust: 'trusted', signer: fingerprint })
    const other = await attest(['verify', 'signed.zip', '--trust', 'f'.repeat(64)])
    expect(other.code).toBe(1)
    expect(other.stdout).toContain('SIGNER_UNTRUSTED')
  })

  it('refuses what is not a fingerprint, a missing name, and an unknown action (exit 2)', async () => {
    const bad = await attest(['trust', 'add', 'abc123', '--name', 'X', '--archive', 'trusting.attest'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/64 hex digits/)
    expect((await attest(['trust', 'add', fingerprint, '--archive', 'trusting.attest'])).code).toBe(2)
    expect((await attest(['trust', 'forget', fingerprint, '--archive', 'trusting.attest'])).code).toBe(2)
    expect((await attest(['trust', '--archive', 'trusting.attest'])).code).toBe(2)
  })
})
