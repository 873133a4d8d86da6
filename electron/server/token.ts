import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A per-run secret: 32 random bytes, URL-safe so it can ride in the start URL. */
export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison
 * takes the same time whatever the length of the guess (timingSafeEqual
 * itself refuses unequal lengths, which would leak the token's length).
 */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

/** The token of an `Authorization: Bearer <token>` header, else null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return m?.[1] ?? null
}
