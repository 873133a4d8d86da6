// Paths inside a BagIt bag: what counts as safe, how manifests encode them,
// and when two different spellings name the same file on some platform.
//
// Bags arrive from strangers. Every path we read from a manifest, fetch.txt
// or zip central directory goes through `unsafePathReason` before it is used
// to touch anything, and the writer applies the same rule so we never produce
// a bag that our own validator (or a Windows user's unzip) would choke on.

/** Directory holding the payload, relative to the bag root (RFC 8493 §2.1.2). */
export const PAYLOAD_DIR = 'data'

/**
 * Why `path` must not be used as a path relative to a bag root, or null when
 * it is fine. Rejects anything that could leave the bag on ANY platform we
 * support — not only on the one we happen to run on: an absolute POSIX path,
 * a `~` home shortcut, a drive letter, a UNC or backslash path, `..`
 * segments — plus spellings that are ambiguous (empty or `.` segments, NUL).
 */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'empty path'
  if (path.includes('\0')) return 'contains a NUL character'
  if (path.startsWith('/')) return 'absolute path'
  if (path.startsWith('~')) return 'home-directory shortcut (~)'
  if (/^[A-Za-z]:/.test(path)) return 'drive-letter path'
  // Backslashes are separators on Windows: `a\..\..\x` escapes there even
  // though it is one odd file name on Linux. Refuse them everywhere.
  if (path.includes('\\')) return 'contains a backslash'
  const segments = path.split('/')
  if (segments.includes('..')) return 'parent-directory segment (..)'
  if (segments.includes('.')) return 'current-directory segment (.)'
  if (segments.some((s) => s.length === 0)) return 'empty path segment'
  return null
}

/** True when `path` (relative to the bag root) lies inside the payload directory. */
export function isPayloadPath(path: string): boolean {
  return path.startsWith(PAYLOAD_DIR + '/') && path.length > PAYLOAD_DIR.length + 1
}

/**
 * RFC 8493 §2.1.3: in manifests and fetch.txt, CR, LF and `%` (and only
 * those) are percent-encoded so every entry stays on one line.
 */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/**
 * Inverse of `encodeManifestPath`, for BagIt 1.0 bags. Any other `%xx` stays
 * literal: RFC 8493 only defines those three, and pre-1.0 bags (see the
 * conformance suite's `bag-with-encoded-names`) store `%7E` as a real name.
 */
export function decodeManifestPath(path: string): string {
  return path.replace(/%(25|0[dD]|0[aA])/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  )
}

/**
 * The key under which two names collide on macOS (NFC/NFD-insensitive) or on
 * Windows/macOS default volumes (case-insensitive). Two payload files with the
 * same key cannot both survive an unzip on those systems.
 */
export function portableKey(path: string): string {
  return path.normalize('NFC').toLowerCase()
}

// Files operating systems drop into folders on their own. Copy tools and
// archivers routinely strip them, so a manifest that lists one we cannot find
// is a warning, not tampering: they never carry a fact-check's evidence.
const SYSTEM_FILE_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'ehthumbs.db', '.directory'])

/** True for OS-generated metadata files (Finder, Explorer, AppleDouble `._x`). */
export function isSystemFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1)
  return SYSTEM_FILE_NAMES.has(base.toLowerCase()) || base.startsWith('._')
}
