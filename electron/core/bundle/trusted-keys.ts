// Which signing keys this archive trusts, and what a bundle's signature
// therefore means.
//
// A valid Ed25519 signature proves the bag is unchanged since it was signed
// by the holder of some key — and anyone can make a key. Only a key the
// user has chosen to trust (by fingerprint, obtained from its owner by
// another channel) says WHO signed. So trust is explicit: a list kept in the
// archive's settings, every change logged, and every verification and
// import says plainly whether the signer is trusted, unknown, or absent.

import { AttestError } from '../../../shared/errors'
import type { TrustedKey } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { appendEvent, type Stamp } from '../archive/events'
import { getSetting, setSetting } from '../archive/settings'
import { writeTransaction } from '../archive/write-transaction'

const SETTING = 'trust.keys'
const FINGERPRINT = /^[0-9a-f]{64}$/

/** Lower-cases a fingerprint, refusing anything that is not 64 hex digits. */
export function normaliseFingerprint(value: string): string {
  const fp = value.trim().toLowerCase()
  if (!FINGERPRINT.test(fp)) throw new AttestError('INVALID_ARGUMENT', `A key fingerprint is 64 hex digits (as attest keygen prints it), not "${value}".`)
  return fp
}

export function listTrustedKeys(db: ArchiveDb): TrustedKey[] {
  const raw = getSetting(db, SETTING)
  if (raw === null) return []
  try {
    const keys = JSON.parse(raw) as TrustedKey[]
    if (!Array.isArray(keys) || !keys.every((k) => typeof k?.fingerprint === 'string' && FINGERPRINT.test(k.fingerprint))) throw new Error('not a key list')
    return keys
  } catch {
    throw new AttestError('ARCHIVE_CORRUPT', `The archive's list of trusted keys (setting ${SETTING}) is unreadable.`)
  }
}

export function addTrustedKey(db: ArchiveDb, stamp: Stamp, fingerprint: string, name: string): TrustedKey {
  const fp = normaliseFingerprint(fingerprint)
  const label = name.trim()
  if (label.length === 0 || label.length > 200) throw new AttestError('INVALID_ARGUMENT', 'A trusted key needs a name (who holds it), 1 to 200 characters.')
  return writeTransaction(db, () => {
    const keys = listTrustedKeys(db)
    const existing = keys.find((k) => k.fingerprint === fp)
    if (existing) {
      if (existing.name === label) return existing
      throw new AttestError('INVALID_ARGUMENT', `Key ${fp} is already trusted as "${existing.name}"; remove it first to rename it.`)
    }
    const key: TrustedKey = { fingerprint: fp, name: label, addedAt: stamp.at, addedBy: stamp.actor }
    setSetting(db, SETTING, JSON.stringify([...keys, key]))
    appendEvent(db, stamp, 'trust.added', `key:${fp}`, { name: label })
    return key
  })
}

export function removeTrustedKey(db: ArchiveDb, stamp: Stamp, fingerprint: string): TrustedKey {
  const fp = normaliseFingerprint(fingerprint)
  return writeTransaction(db, () => {
    const keys = listTrustedKeys(db)
    const key = keys.find((k) => k.fingerprint === fp)
    if (!key) throw new AttestError('NOT_FOUND', `Key ${fp} is not in this archive's trusted keys.`)
    setSetting(db, SETTING, JSON.stringify(keys.filter((k) => k !== key)))
    appendEvent(db, stamp, 'trust.removed', `key:${fp}`, { name: key.name })
    return key
  })
}

/**
 * Keys given for one command (`--trust FINGERPRINT`) count as trusted for
 * that command (unnamed, unless the archive's list knows them).
 */
export function withGivenKeys(keys: readonly TrustedKey[], given: readonly string[] | undefined): TrustedKey[] {
  const extra = (given ?? [])
    .map((f) => f.toLowerCase())
    .filter((fp) => !keys.some((k) => k.fingerprint === fp))
    .map((fingerprint) => ({ fingerprint, name: '', addedAt: '', addedBy: '' }))
  return [...keys, ...extra]
}

export type SignerTrust = 'trusted' | 'unknown-key' | 'unsigned' | 'invalid-signature'

export interface SignerAssessment {
  trust: SignerTrust
  fingerprint: string | null
  /** The trusted key's name, when trusted. */
  name: string | null
  /** One sentence a person can act on. */
  note: string
}

/** What a bundle's signature means against a list of trusted keys. */
export function assessSigner(signature: { fingerprint: string | null; valid: boolean } | undefined, keys: readonly TrustedKey[]): SignerAssessment {
  if (!signature) return { trust: 'unsigned', fingerprint: null, name: null, note: 'The bundle is not signed: nothing says who made it.' }
  const fp = signature.fingerprint
  if (!signature.valid) return { trust: 'invalid-signature', fingerprint: fp, name: null, note: 'The signature does not verify.' }
  const key = keys.find((k) => k.fingerprint === fp)
  if (key) return { trust: 'trusted', fingerprint: fp, name: key.name || null, note: `Signed by ${key.name || fp} (a trusted key).` }
  return {
    trust: 'unknown-key',
    fingerprint: fp,
    name: null,
    note: `The signature is valid, but key ${fp} is unknown here: it proves the bundle is unchanged since it was signed, not who signed it. If its owner confirms this fingerprint, run: attest trust add ${fp} --name "…"`
  }
}
