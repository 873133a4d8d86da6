// Where a capture's offline replay lives, for each front door: the desktop's
// attest-replay: protocol (the capture's hash is the origin), or `attest
// serve`'s /replay/<key>/<sha256>/ route. The key is HMAC-SHA256(token,
// "attest-replay") (electron/server/replay-route.ts): a sandboxed frame
// cannot send the token, and the replayed page must never see it.

export function desktopReplayPrefix(sha256: string): string {
  return `attest-replay://${sha256}/`
}

export async function serverReplayKey(token: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const enc = new TextEncoder()
  const key = await subtle.importKey('raw', enc.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await subtle.sign('HMAC', key, enc.encode('attest-replay')))
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 32)
}

export async function serverReplayPrefix(token: string | null, sha256: string): Promise<string> {
  // Without a token the server refuses the replay (403) like every other request.
  return `/replay/${await serverReplayKey(token || 'no-token')}/${sha256}/`
}
