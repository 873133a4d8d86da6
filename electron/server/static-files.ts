import { realpath, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export interface StaticFile {
  path: string
  size: number
}

/**
 * Maps a raw request path to a regular file inside `rootDir`, or null.
 * Refuses rather than normalises: any `.`/`..`/dot-file segment (also when
 * percent-encoded), backslashes, NUL, directories (so no listing), and files
 * whose real path — after symlinks — lies outside the root.
 */
export async function resolveStaticFile(rootDir: string, rawPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').slice(1)
  if (segments.length === 1 && segments[0] === '') segments[0] = 'index.html'
  if (segments.some((s) => s === '' || s.startsWith('.'))) return null
  const root = resolve(rootDir)
  const candidate = resolve(root, ...segments)
  if (!candidate.startsWith(root + sep)) return null
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)])
    if (!realFile.startsWith(realRoot + sep)) return null
    const info = await stat(realFile)
    return info.isFile() ? { path: realFile, size: info.size } : null
  } catch {
    return null
  }
}
