// Ed25519 signatures over a bag's tag manifest.
//
// What is signed: the exact bytes of `tagmanifest-sha256.txt`. That file
// hashes bagit.txt, bag-info.txt and every payload manifest, which hash every
// payload file — so one signature pins the whole bag. The signature lives in
// a tag file the tag manifest does NOT list (it cannot hash its own
// signature), and the signer's fingerprint goes into bag-info.txt, which the
// tag manifest DOES list: swapping in another key's signature then breaks
// either the signature or the fingerprint check.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { AttestError } from '../../../shared/errors'

/** The tag file whose bytes are signed. */
export const SIGNED_TAG_MANIFEST = 'tagmanifest-sha256.txt'
/** The signature document: a tag file outside every tag manifest. */
export const SIGNATURE_FILE = 'tagmanifest-sha256.txt.sig'
/** bag-info.txt label carrying the signer's fingerprint (covered by the tag manifest). */
export const SIGNER_FINGERPRINT_LABEL = 'Attest-Signer-Fingerprint'

export interface KeyPair {
  privateKeyPem: string
  publicKeyPem: string
  /** Lower-case hex SHA-256 of the raw 32-byte public key. */
  fingerprint: string
}

/** Contents of SIGNATURE_FILE (JSON). */
export interface SignatureDocument {
  alg: 'Ed25519'
  /** SPKI PEM. */
  publicKey: string
  fingerprint: string
  /** Base64 of the 64-byte Ed25519 signature. */
  signature: string
}

export function keygen(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: fingerprintOfKey(publicKey)
  }
}

/** Fingerprint of an Ed25519 public (or private) key: hex SHA-256 of the raw public key bytes. */
export function fingerprintOf(keyPem: string): string {
  return fingerprintOfKey(publicKeyFromPem(keyPem))
}

export function signBytes(privateKeyPem: string, bytes: Uint8Array): SignatureDocument {
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(privateKeyPem)
  } catch (err) {
    throw new AttestError('INVALID_ARGUMENT', `Signing key is not a readable private key: ${(err as Error).message}`)
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AttestError('INVALID_ARGUMENT', `Signing key must be Ed25519, got ${privateKey.asymmetricKeyType}`)
  }
  const publicKey = createPublicKey(privateKey)
  return {
    alg: 'Ed25519',
    publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: fingerprintOfKey(publicKey),
    signature: sign(null, bytes, privateKey).toString('base64')
  }
}

export interface SignatureCheck {
  /** Fingerprint recomputed from the embedded public key (never the one the document claims). */
  fingerprint: string | null
  valid: boolean
  /** Why it is not valid, for people. */
  reason?: string
}

/** Parse SIGNATURE_FILE bytes and check the signature over `signedBytes`. Never throws. */
export function verifySignatureDocument(docBytes: Uint8Array, signedBytes: Uint8Array): SignatureCheck {
  let doc: unknown
  try {
    // Strict decoding: a lenient one would turn corrupt bytes into U+FFFD and
    // base64 decoding would then skip them, hiding the damage.
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(docBytes))
  } catch {
    return { fingerprint: null, valid: false, reason: 'signature file is not JSON' }
  }
  if (!isSignatureDocument(doc)) {
    return { fingerprint: null, valid: false, reason: 'signature file lacks alg/publicKey/signature' }
  }
  if (doc.alg !== 'Ed25519') return { fingerprint: null, valid: false, reason: `unsupported algorithm ${String(doc.alg)}` }
  let publicKey: KeyObject
  try {
    publicKey = publicKeyFromPem(doc.publicKey)
  } catch {
    return { fingerprint: null, valid: false, reason: 'public key is not a readable Ed25519 key' }
  }
  const fingerprint = fingerprintOfKey(publicKey)
  if (!/^[A-Za-z0-9+/]{86}==$/.test(doc.signature)) {
    return { fingerprint, valid: false, reason: 'signature is not a base64 Ed25519 signature' }
  }
  const signature = Buffer.from(doc.signature, 'base64')
  const valid = signature.length === 64 && verify(null, signedBytes, publicKey, signature)
  if (!valid) return { fingerprint, valid, reason: 'signature does not match the tag manifest' }
  if (typeof doc.fingerprint === 'string' && doc.fingerprint.toLowerCase() !== fingerprint) {
    return { fingerprint, valid: false, reason: 'fingerprint field does not match the public key' }
  }
  return { fingerprint, valid }
}

function isSignatureDocument(value: unknown): value is SignatureDocument {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.alg === 'string' && typeof v.publicKey === 'string' && typeof v.signature === 'string'
}

function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem)
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AttestError('INVALID_ARGUMENT', `Key must be Ed25519, got ${key.asymmetricKeyType}`)
  }
  return key
}

function fingerprintOfKey(publicKey: KeyObject): string {
  // The JWK `x` member is exactly the raw 32-byte public key, so the
  // fingerprint does not depend on how the key was serialised (PEM, DER, …).
  const jwk = publicKey.export({ format: 'jwk' })
  const raw = Buffer.from(jwk.x as string, 'base64url')
  return createHash('sha256').update(raw).digest('hex')
}
