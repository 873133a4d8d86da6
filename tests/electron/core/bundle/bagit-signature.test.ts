// Signed bags: an Ed25519 signature over tagmanifest-sha256.txt, the signer's
// fingerprint in bag-info.txt, and what a verifier sees when either is forged.

import { createHash } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validateBag } from '../../../../electron/core/bundle/bagit-validate'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'
import { SIGNATURE_FILE, fingerprintOf, keygen, signBytes } from '../../../../electron/core/bundle/sign'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const payload = [
  { path: 'claimreview.jsonld', bytes: enc('{"@type":"ClaimReview"}') },
  { path: 'snapshots/a.html', bytes: enc('<p>source</p>') }
]
const INFO = { 'Bagging-Date': '2024-05-01', 'Source-Organization': 'Attest' }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attest-bag-sign-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function signedBag(key = keygen()): Promise<{ path: string; key: ReturnType<typeof keygen> }> {
  const path = join(dir, 'signed')
  await writeBag({ kind: 'dir', path }, payload, INFO, { sign: { privateKeyPem: key.privateKeyPem } })
  return { path, key }
}

/** Rewrite a tag file and refresh its line in the tag manifests, as a forger would. */
async function forge(bag: string, file: string, contents: string): Promise<void> {
  await writeFile(join(bag, file), contents)
  for (const alg of ['sha256', 'sha512']) {
    const manifest = join(bag, `tagmanifest-${alg}.txt`)
    const digest = createHash(alg).update(contents).digest('hex')
    const lines = (await readFile(manifest, 'utf8')).replace(new RegExp(`^[0-9a-f]+  ${file.replace('.', '\\.')}$`, 'm'), `${digest}  ${file}`)
    await writeFile(manifest, lines)
  }
}

describe('keygen', () => {
  it('makes an Ed25519 key pair whose fingerprint is the SHA-256 of the raw public key', () => {
    const key = keygen()
    expect(key.privateKeyPem).toContain('BEGIN PRIVATE KEY')
    expect(key.publicKeyPem).toContain('BEGIN PUBLIC KEY')
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(fingerprintOf(key.publicKeyPem)).toBe(key.fingerprint)
    expect(fingerprintOf(key.privateKeyPem)).toBe(key.fingerprint)
  })
})

describe('a signed bag', () => {
  it('validates with a valid signature and reports the signer fingerprint', async () => {
    const { path, key } = await signedBag()
    const result = await validateBag(path)
    expect(result.problems).toEqual([])
    expect(result.valid).toBe(true)
    expect(result.signature).toEqual({ fingerprint: key.fingerprint, valid: true })
    expect(result.info['Attest-Signer-Fingerprint']).toEqual([key.fingerprint])
  })

  it('keeps the signature file out of the tag manifests and the fingerprint inside them', async () => {
    const { path } = await signedBag()
    const tagManifest = await readFile(join(path, 'tagmanifest-sha256.txt'), 'utf8')
    expect(tagManifest).not.toContain(SIGNATURE_FILE)
    expect(tagManifest).toContain('  bag-info.txt\n')
    const doc = JSON.parse(await readFile(join(path, SIGNATURE_FILE), 'utf8'))
    expect(doc).toMatchObject({ alg: 'Ed25519', publicKey: expect.stringContaining('PUBLIC KEY'), signature: expect.any(String) })
  })

  it('is trusted when its signer is in trustedFingerprints', async () => {
    const { path, key } = await signedBag()
    const result = await validateBag(path, { trustedFingerprints: [key.fingerprint] })
    expect(result.valid).toBe(true)
    expect(result.signature).toEqual({ fingerprint: key.fingerprint, valid: true, trusted: true })
  })

  it('becomes invalid when bag-info.txt is edited (the tag manifest no longer matches)', async () => {
    const { path } = await signedBag()
    const info = await readFile(join(path, 'bag-info.txt'), 'utf8')
    await writeFile(join(path, 'bag-info.txt'), info.replace('Attest', 'Mallory'))
    const result = await validateBag(path)
    expect(result.valid).toBe(false)
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'FIXITY_MISMATCH', file: 'bag-info.txt' }))
  })

  it('becomes invalid when bag-info.txt AND the tag manifest are edited (the signature breaks)', async () => {
    const { path } = await signedBag()
    const info = await readFile(join(path, 'bag-info.txt'), 'utf8')
    await forge(path, 'bag-info.txt', info.replace('Attest', 'Mallory'))
    const result = await validateBag(path)
    expect(result.valid).toBe(false)
    expect(result.signature?.valid).toBe(false)
    expect(result.problems.map((p) => p.code)).toEqual(['SIGNATURE_INVALID'])
  })

  it("reports the other key's fingerprint when the signature is replaced by another signer's", async () => {
    const { path, key } = await signedBag()
    const mallory = keygen()
    const doc = signBytes(mallory.privateKeyPem, await readFile(join(path, 'tagmanifest-sha256.txt')))
    await writeFile(join(path, SIGNATURE_FILE), JSON.stringify(doc))

    const result = await validateBag(path)
    expect(result.signature).toEqual({ fingerprint: mallory.fingerprint, valid: true })
    expect(result.valid).toBe(false)
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'SIGNER_MISMATCH', expected: key.fingerprint, actual: mallory.fingerprint })
    )
  })

  it('flags an untrusted signer even when the forger re-signed everything consistently', async () => {
    const { path, key } = await signedBag()
    const mallory = keygen()
    const info = await readFile(join(path, 'bag-info.txt'), 'utf8')
    await forge(path, 'bag-info.txt', info.replace(key.fingerprint, mallory.fingerprint))
    const doc = signBytes(mallory.privateKeyPem, await readFile(join(path, 'tagmanifest-sha256.txt')))
    await writeFile(join(path, SIGNATURE_FILE), JSON.stringify(doc))

    const untrusting = await validateBag(path)
    expect(untrusting.valid).toBe(true)
    expect(untrusting.signature).toEqual({ fingerprint: mallory.fingerprint, valid: true })

    const trusting = await validateBag(path, { trustedFingerprints: [key.fingerprint] })
    expect(trusting.valid).toBe(false)
    expect(trusting.signature).toEqual({ fingerprint: mallory.fingerprint, valid: true, trusted: false })
    expect(trusting.problems).toContainEqual(expect.objectContaining({ code: 'SIGNER_UNTRUSTED', actual: mallory.fingerprint }))
  })

  it('is invalid when the signature file is deleted but bag-info still names a signer', async () => {
    const { path } = await signedBag()
    await rm(join(path, SIGNATURE_FILE))
    const result = await validateBag(path)
    expect(result.valid).toBe(false)
    expect(result.problems.map((p) => p.code)).toEqual(['SIGNATURE_MISSING'])
  })
})

describe('an unsigned bag', () => {
  it('is valid by default, and a problem when a signature is required', async () => {
    const path = join(dir, 'plain')
    await writeBag({ kind: 'dir', path }, payload, INFO)
    expect((await validateBag(path)).signature).toBeUndefined()
    const required = await validateBag(path, { requireSignature: true })
    expect(required.valid).toBe(false)
    expect(required.problems.map((p) => p.code)).toEqual(['SIGNATURE_MISSING'])
  })

  it('cannot be passed off as signed by copying in a signature file', async () => {
    const { path: signed } = await signedBag()
    const plain = join(dir, 'plain')
    await writeBag({ kind: 'dir', path: plain }, payload, INFO)
    const copy = join(dir, 'copy')
    await cp(plain, copy, { recursive: true })
    await cp(join(signed, SIGNATURE_FILE), join(copy, SIGNATURE_FILE))
    const result = await validateBag(copy)
    expect(result.valid).toBe(false)
    expect(result.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['SIGNATURE_INVALID', 'SIGNER_NOT_DECLARED']))
  })
})

describe('signing a zip', () => {
  it('validates the same way', async () => {
    const key = keygen()
    const path = join(dir, 'signed.zip')
    await writeBag({ kind: 'zip', path }, payload, INFO, { sign: { privateKeyPem: key.privateKeyPem } })
    const result = await validateBag(path, { trustedFingerprints: [key.fingerprint] })
    expect(result.problems).toEqual([])
    expect(result.signature).toEqual({ fingerprint: key.fingerprint, valid: true, trusted: true })
  })

  it('refuses a key that is not Ed25519 before writing anything', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    await expect(writeBag({ kind: 'zip', path: join(dir, 'x.zip') }, payload, INFO, { sign: { privateKeyPem: rsa } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT'
    })
  })
})
