// Checks that keep other web pages away from the bridge. The token stops a
// page that does not know it; these stop a page that tries to reach the port
// through a hostile DNS name (rebinding) or from another origin.

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
}

/** The Host header must name this loopback server exactly, so a rebinding domain (evil.example → 127.0.0.1) is refused. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false
  const h = host.toLowerCase()
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`
}

/** No Origin header (a navigation, curl) is fine; a present one must be ours. `null` (sandboxed frames, file://) is not. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true
  return allowedOrigins(port).includes(origin.toLowerCase())
}

/** Browsers label cross-site requests; refuse those to the API even before the token is looked at. */
export function isCrossSiteFetch(secFetchSite: string | undefined): boolean {
  return secFetchSite === 'cross-site' || secFetchSite === 'same-site'
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}
